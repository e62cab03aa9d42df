// `npm run test:cluster`: the whole integration project (browser tests included) against the
// production topology on this machine — the Temporal server v1.29.1 on PostgreSQL, two workers, two
// APIs behind a round-robin — instead of the dev server. Arguments go to vitest (e.g. a file).
import { join } from 'node:path';
import { build, ensureChromium, ensureDependencies, obtainTemporalCli, obtainTemporalServer, repoRoot, run, step } from './bootstrap.mjs';

ensureDependencies();
build();
ensureChromium();
// start-anywhere.int.spec.ts runs `npm start` in a copy of the repository, which uses the dev server.
await obtainTemporalCli();
await obtainTemporalServer();
step('Running the integration project against the cluster topology (STACK_TOPOLOGY=cluster)');
run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'integration', ...process.argv.slice(2)], { env: { ...process.env, STACK_TOPOLOGY: 'cluster' } });
