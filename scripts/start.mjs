// `npm start`: install what is missing, build, then run the whole product with demo data until Ctrl-C.
import { build, ensureDependencies, repoRoot, step } from './bootstrap.mjs';

ensureDependencies();
build();
step('Starting PostgreSQL, Temporal, the worker and the API');
const { startStack, ComponentStartError } = await import('@pe/devstack');

/** One paragraph that says what failed and what to do; anything started is already stopped. */
function fail(error) {
  if (error instanceof ComponentStartError && error.output) {
    console.error(`\nLast output of ${error.component}:\n${error.output.split('\n').map((line) => `  ${line}`).join('\n')}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

let stack;
try {
  stack = await startStack({ repoRoot, mode: 'dev' });
} catch (error) {
  fail(error);
}
console.log(`
  Partnership Engine is running.
    Console and API  ${stack.apiUrl}   (OpenAPI: ${stack.apiUrl}/api/docs)
    Temporal UI      ${stack.temporalUiUrl ?? '(external Temporal)'}
  Sign in with a demo login printed above by [api] (password: demo-password). Ctrl-C stops everything.
`);
let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the API, the worker, Temporal and PostgreSQL…`);
  await stack.stop();
  console.log(`Stopped. Data and timers are kept in ${stack.dataDir}; npm start resumes them.`);
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
