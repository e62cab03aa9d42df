// Shared first steps of `npm start`, `npm test` and `npm run bench`: only Node built-ins here,
// because dependencies may not be installed yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export function step(message) {
  console.log(`\n▶ ${message}`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`✖ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const installed = join(repoRoot, 'node_modules', '.package-lock.json');
  const lock = join(repoRoot, 'package-lock.json');
  if (existsSync(installed) && (!existsSync(lock) || statSync(installed).mtimeMs >= statSync(lock).mtimeMs)) return;
  // Not `npm ci`: it would delete node_modules and install everything again; `npm install` installs
  // what the lockfile adds or changes. (The images, built from scratch, use `npm ci`: Dockerfile.)
  step('Installing dependencies (npm install, from package-lock.json)');
  run('npm', ['install', '--no-audit', '--no-fund'], { env: { ...process.env, ...localNodeHeaders() } });
}

/**
 * A native module without a prebuilt binary for this platform (argon2 on one it has none for)
 * compiles from source, and node-gyp would download Node's headers, which fails offline. Node ships
 * them beside its binary (<prefix>/include/node): point node-gyp there unless the user configured it.
 */
function localNodeHeaders() {
  if (process.env.npm_config_nodedir) return {};
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: prefix } : {};
}

/** Compiles the TypeScript projects (incremental) and builds the console. */
export function build() {
  step('Building (tsc -b, vite build)');
  run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')]);
}

/** Installs Debian's chromium (apt-get) for the browser tests when it is missing. */
export function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  step(`Installing Debian's chromium for the browser test (apt-get; ${chromium} is missing)`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) => run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium');
}

/** Builds the pinned Temporal server and its sql tool (the cluster topology) before vitest runs, so a first-time Go build shows its progress on its own. */
export async function obtainTemporalServer() {
  if (process.env.TEMPORAL_ADDRESS) return;
  step('Obtaining the Temporal server (cluster topology)');
  const { resolveTemporalServer } = await import('@pe/devstack');
  try {
    const server = await resolveTemporalServer({ repoRoot });
    console.log(`temporal server: ${server.server} (from ${server.source})`);
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** Obtains the temporal CLI before vitest runs, so a first-time Go build shows its progress on its own. */
export async function obtainTemporalCli() {
  if (process.env.TEMPORAL_ADDRESS) return;
  step('Obtaining the temporal CLI');
  // Imported here: dependencies are installed by now.
  const { resolveTemporalCli } = await import('@pe/devstack');
  const cli = await resolveTemporalCli({ repoRoot, cliPath: process.env.TEMPORAL_CLI_PATH });
  console.log(`temporal CLI: ${cli.kind === 'binary' ? `${cli.path} (from ${cli.source})` : 'the SDK will download it'}`);
}
