// `npm test`: install what is missing, build, make sure Debian's chromium is there for the browser
// test, then run every tier (unit, integration against the real stack, browser) with vitest.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, obtainTemporalCli, repoRoot, run, step } from './bootstrap.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

ensureDependencies();
build();
if (!existsSync(CHROMIUM)) {
  step(`Installing Debian's chromium for the browser test (apt-get; ${CHROMIUM} is missing)`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) => run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium');
}
await obtainTemporalCli();
step('Running the tests (vitest: unit, integration, browser)');
run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(2)]);
