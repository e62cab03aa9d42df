// `npm start`: install what is missing, build, then run the whole product with demo data until Ctrl-C.
// The stack supervises what it started (libs/devstack/src/supervisor.ts): a component that dies is
// reported and restarted; one that keeps failing stops everything, and this exits non-zero.
import { build, ensureDependencies, repoRoot, step } from './bootstrap.mjs';

ensureDependencies();
build();
step('Starting PostgreSQL, Temporal, the worker and the API');
const { startStack, stopAllServices, ComponentStartError } = await import('@pe/devstack');

let stack;
let stopping = false;
// Installed before anything starts: a signal while the stack is still starting stops what has started.
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the API, the worker, Temporal and PostgreSQL…`);
  if (!stack) {
    await stopAllServices();
    console.log('Stopped before the start had finished.');
    process.exit(1);
  }
  await stack.stop();
  console.log(`Stopped. Data and timers are kept in ${stack.dataDir}; npm start resumes them.`);
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal));

/** One paragraph that says what failed and what to do; anything started is already stopped. */
function fail(error) {
  if (error instanceof ComponentStartError && error.output) {
    console.error(`\nLast output of ${error.component}:\n${error.output.split('\n').map((line) => `  ${line}`).join('\n')}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

try {
  stack = await startStack({ repoRoot, mode: 'dev' });
} catch (error) {
  if (!stopping) fail(error);
}
if (stack && !stopping) {
  console.log(`
  Partnership Engine is running.
    Console and API  ${stack.apiUrl}   (OpenAPI: ${stack.apiUrl}/api/docs)
    Temporal UI      ${stack.temporalUiUrl ?? (process.env.TEMPORAL_ADDRESS ? '(external Temporal)' : '(none: the Temporal server of the cluster topology has no UI)')}
    Metrics          ${stack.apiUrl}/metrics (API), ${stack.workerMetricsUrls.join(', ') || 'off'} (worker)
    Email            ${process.env.SMTP_URL ? 'sent through SMTP_URL' : `captured by ${stack.smtpUrl}, kept in ${stack.dataDir}/mail (admins: Sent email)`}
  Sign in with a demo login printed above by [api] (password: demo-password). Ctrl-C stops everything.
  A component that dies is reported here and started again.
`);
  // Supervision gave up on a component and has stopped the rest.
  void stack.failed.then((error) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n✖ ${error.message}\n`);
    process.exit(1);
  });
}
// Only a bug would empty the event loop while the stack should run: never end in silence.
process.on('beforeExit', () => {
  if (stopping) return;
  console.error('\n✖ npm start: nothing it started is running any more.\n');
  process.exitCode = 1;
});
