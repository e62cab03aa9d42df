// `npm test`: install what is missing, build, make sure Debian's chromium is there for the browser
// test, then run every tier (unit, integration against the real stack, browser) with vitest; then the
// cluster run: the integration files below again, against the production topology (the Temporal
// server on PostgreSQL, two workers, two APIs behind a round-robin). `npm run test:cluster` runs the
// whole integration project that way. Arguments go to the first vitest run, and skip the cluster run.
import { join } from 'node:path';
import { build, ensureChromium, ensureDependencies, obtainTemporalCli, obtainTemporalServer, repoRoot, run, step } from './bootstrap.mjs';

/**
 * What depends on the Temporal server rather than on our code: the topology itself (two workers and
 * two APIs, Temporal on PostgreSQL); updates and update-with-start, timers (reminders, escalations)
 * and visibility queries over the search attributes (priority-setting); continue-as-new carrying
 * timers and idempotency answers; Temporal's state in PostgreSQL surviving a restart of the whole
 * stack, with a timer that fell due while it was down.
 */
const CLUSTER_FILES = [
  'test/integration/topology.int.spec.ts',
  'test/integration/priority-setting.int.spec.ts',
  'test/integration/continue-as-new.int.spec.ts',
  'test/integration/restart.int.spec.ts',
];

const vitest = join(repoRoot, 'node_modules', '.bin', 'vitest');
const args = process.argv.slice(2);
ensureDependencies();
build();
ensureChromium();
await obtainTemporalCli();
if (args.length === 0) await obtainTemporalServer();
step('Running the tests (vitest: unit, integration, browser)');
run(vitest, ['run', ...args]);
if (args.length === 0) {
  step(`Running ${CLUSTER_FILES.length} integration files against the cluster topology (STACK_TOPOLOGY=cluster)`);
  run(vitest, ['run', '--project', 'integration', ...CLUSTER_FILES], { env: { ...process.env, STACK_TOPOLOGY: 'cluster' } });
}
