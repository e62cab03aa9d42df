// `npm run chaos`: the long chaos run. The same bootstrap as `npm test`, then only the chaos suite
// (test/integration/chaos.int.spec.ts) with CHAOS_PROFILE=long, on a stack of its own: under a steady
// command load it kills the worker again and again, restarts Temporal and PostgreSQL and kills the
// API, then checks the log, the answers, the projections, /verify and the reminders. CHAOS_ROUNDS and
// CHAOS_CLIENTS tune it; STACK_LOGS=1 shows the servers' output.
import { join } from 'node:path';
import { build, ensureDependencies, obtainTemporalCli, repoRoot, run, step } from './bootstrap.mjs';

ensureDependencies();
build();
await obtainTemporalCli();
const profile = process.env.CHAOS_PROFILE ?? 'long';
step(`Running the chaos suite (${profile} profile)`);
run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'test/vitest.chaos.config.ts', ...process.argv.slice(2)], {
  env: { ...process.env, CHAOS_PROFILE: profile },
});
