/**
 * `npm start` from any folder a user clones into: a copy of this repository in a fresh
 * `mktemp -d` folder (mode 0700, as a home directory is) starts, answers /api/health, stops on
 * Ctrl-C and finds its partnership again on the next start. Run as root (as on servers and CI), this
 * is the case where PostgreSQL's own unprivileged user cannot reach the clone. A component that
 * fails at start ends the launcher with one paragraph naming it, leaving nothing running. Once up, a
 * component that dies is reported and restarted, and one that keeps failing ends the launcher
 * non-zero with the reason, leaving nothing running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, removeLinkedCluster, resolveTemporalCli } from '@pe/devstack';
import { stackConfigSchema } from '@pe/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD } from '../support/http.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const asRoot = process.getuid?.() === 0;
// The launcher under test gets none of the stack variables, so it uses the default runtime folder.
const runtimeDir = stackConfigSchema.shape.EMBEDDED_PG_RUNTIME_DIR.parse(undefined);
const launched: ChildProcess[] = [];
let home: string;
let clone: string;
let temporalCli: string;

/** A copy of the working tree as a user's clone would be after install and build (node_modules hard-linked: it is large). */
function copyRepository(into: string): void {
  for (const entry of readdirSync(repoRoot)) {
    if (entry === '.data' || entry === '.git' || entry === '.tools') continue;
    const flags = entry === 'node_modules' ? '-al' : '-a';
    const copied = spawnSync('cp', [flags, join(repoRoot, entry), into], { encoding: 'utf8' });
    if (copied.status !== 0 && entry === 'node_modules') {
      // Another file system: hard links are impossible, so copy.
      expect(spawnSync('cp', ['-a', join(repoRoot, entry), into]).status).toBe(0);
    } else {
      expect(copied.status, copied.stderr).toBe(0);
    }
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'pe-clone-'));
  expect(statSync(home).mode & 0o777).toBe(0o700);
  clone = join(home, 'pe');
  spawnSync('mkdir', [clone]);
  copyRepository(clone);
  const cli = await resolveTemporalCli({ repoRoot, cliPath: process.env.TEMPORAL_CLI_PATH, log: () => undefined });
  if (cli.kind !== 'binary') throw new Error('these tests need a temporal binary (npm test builds one into .tools/)');
  temporalCli = cli.path;
}, 300_000);

afterAll(async () => {
  // A failed assertion must not leave a launcher (and its stack) running.
  for (const child of launched) if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, launched.some((child) => child.exitCode === null) ? 5000 : 0));
  if (!clone) return;
  if (asRoot) removeLinkedCluster(join(clone, '.data'), runtimeDir);
  rmSync(home, { recursive: true, force: true });
});

interface Launch {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function launch(env: Record<string, string>): Promise<Launch> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: clone,
    env: { ...withoutStackVariables(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launched.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The test stack's own addresses must not leak into the launcher under test. */
function withoutStackVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !(name in stackConfigSchema.shape)) kept[name] = value;
  return kept;
}

async function freePorts() {
  return {
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
  };
}

async function until(what: string, launched: Launch, done: () => boolean, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void launched.exited.then((code) => (exitCode = code));
  while (!done()) {
    if (exitCode !== undefined) throw new Error(`npm start exited (${exitCode}) before ${what}:\n${launched.output()}`);
    if (Date.now() > deadline) throw new Error(`npm start: no ${what} after ${timeoutMs / 1000} s:\n${launched.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function api(port: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The process id of the one process whose command line names `path`. */
function pidOf(path: string): number {
  const [found, ...others] = processesUsing(path);
  if (!found || others.length > 0) throw new Error(`expected one process running ${path}, found: ${[found, ...others].join('; ')}`);
  return Number(found.split(':')[0]);
}

/** Processes whose command line names this folder (the postmaster names its cluster with -D). */
function processesUsing(folder: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (commandLine.includes(folder)) found.push(`${pid}: ${commandLine}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

async function stopWithCtrlC(launched: Launch): Promise<void> {
  launched.child.kill('SIGINT');
  expect(await launched.exited).toBe(0);
  expect(launched.output()).toContain('Stopped.');
}

describe('npm start from a clone in a folder only its owner may enter', () => {
  it('starts, answers health, stops on Ctrl-C and finds its partnership on the next start', async () => {
    const ports = await freePorts();
    const first = await launch({ ...ports, TEMPORAL_CLI_PATH: temporalCli });
    await until('"Partnership Engine is running"', first, () => first.output().includes('Partnership Engine is running'));
    const cloneMode = statSync(clone).mode;
    const health = await api(ports.PORT, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');

    const coordinator = (await api(ports.PORT, 'POST', '/api/auth/login', undefined, { email: DEMO.coordinator, password: DEMO_PASSWORD })).body;
    const sponsor = (await api(ports.PORT, 'POST', '/api/auth/login', undefined, { email: DEMO.sponsor, password: DEMO_PASSWORD })).body;
    const organizations = (await api(ports.PORT, 'GET', '/api/organizations', coordinator.token)).body as { id: string }[];
    const created = await api(ports.PORT, 'POST', '/api/partnerships', coordinator.token, {
      name: 'Cloned into a private folder',
      sponsorId: sponsor.user.id,
      organizationIds: organizations.slice(0, 2).map((organization) => organization.id),
    });
    expect(created.status).toBe(201);
    await stopWithCtrlC(first);

    const second = await launch({ ...ports, TEMPORAL_CLI_PATH: temporalCli });
    await until('"Partnership Engine is running"', second, () => second.output().includes('Partnership Engine is running'));
    const again = (await api(ports.PORT, 'POST', '/api/auth/login', undefined, { email: DEMO.coordinator, password: DEMO_PASSWORD })).body;
    const found = await api(ports.PORT, 'GET', `/api/partnerships/${created.body.id}`, again.token);
    expect(found.status).toBe(200);
    expect(found.body.name).toBe('Cloned into a private folder');
    await stopWithCtrlC(second);

    // Nothing was loosened to make it work: the folders keep their modes.
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(clone).mode).toBe(cloneMode);
    if (asRoot) {
      // The cluster lives where the postgres user may go, linked from the data folder.
      const link = join(clone, '.data', 'postgres');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(realpathSync(link).startsWith(`${runtimeDir}/clusters/`)).toBe(true);
      expect(statSync(join(link, 'PG_VERSION')).isFile()).toBe(true);
    }
  }, 600_000);

  it('reports a component that fails to start in one paragraph, exits non-zero and leaves nothing running', async () => {
    const broken = join(home, 'broken-temporal');
    writeFileSync(broken, '#!/bin/sh\necho "error: this temporal refuses to start" >&2\nexit 3\n');
    chmodSync(broken, 0o755);
    const dataDir = join(home, 'failing-data');
    const ports = await freePorts();
    const launched = await launch({ ...ports, DATA_DIR: dataDir, TEMPORAL_CLI_PATH: broken });
    const code = await launched.exited;
    const output = launched.output();
    try {
      expect(code).toBe(1);
      // PostgreSQL had started before Temporal failed…
      expect(output).toContain('postgres: starting the embedded server');
      // …and the failure is one paragraph naming the component, what was tried and what to do.
      const paragraph = output.split('\n').find((line) => line.startsWith('✖ ')) ?? '';
      expect(paragraph).toContain('Temporal did not start: Temporal dev server: the process exited with code 3 before it was ready (it said: "error: this temporal refuses to start").');
      expect(paragraph).toContain(`Tried: temporal server start-dev (${broken})`);
      expect(paragraph).toContain('What to do: set TEMPORAL_ADDRESS');
      expect(output).toContain('this temporal refuses to start');
      expect(output).not.toMatch(/^\s+at /m);
      // Nothing is left behind: PostgreSQL was stopped with the launcher.
      expect(await listening(Number(ports.EMBEDDED_PG_PORT))).toBe(false);
      expect(processesUsing(realpathSync(join(dataDir, 'postgres')))).toEqual([]);
    } finally {
      if (asRoot) removeLinkedCluster(dataDir, runtimeDir);
    }
  }, 300_000);

  it('reports and restarts a component that dies, and ends non-zero with the reason, leaving nothing running, when one keeps failing', async () => {
    const dataDir = join(home, 'supervised-data');
    const ports = await freePorts();
    const launched = await launch({ ...ports, DATA_DIR: dataDir, TEMPORAL_CLI_PATH: temporalCli });
    const workerMain = join(clone, 'apps/worker/dist/main.js');
    const apiMain = join(clone, 'apps/api/dist/main.js');
    try {
      await until('"Partnership Engine is running"', launched, () => launched.output().includes('Partnership Engine is running'));

      process.kill(pidOf(workerMain), 'SIGKILL');
      await until('the worker back', launched, () => launched.output().includes('✔ The worker is running again (restart 1)'));
      expect(launched.output()).toMatch(/^✖ The worker was killed by SIGKILL; its last line: ".+"; restarting in 1 s$/m);

      process.kill(pidOf(apiMain), 'SIGKILL');
      await until('the API back', launched, () => launched.output().includes('✔ The API is running again (restart 1)'));
      expect(launched.output()).toMatch(/^✖ The API was killed by SIGKILL; its last line: ".+"; restarting in 1 s$/m);
      expect((await api(ports.PORT, 'GET', '/api/health')).status).toBe(200);

      // A worker that can no longer start fails at once, again and again, until supervision gives up.
      renameSync(workerMain, `${workerMain}.away`);
      process.kill(pidOf(workerMain), 'SIGKILL');
      const code = await launched.exited;
      const output = launched.output();
      expect(code).toBe(1);
      const failedStarts = output.match(/^✖ The worker did not come back up: worker: the process exited with code 1 before it was ready; restarting in \d+ s$/gm) ?? [];
      expect(failedStarts.length).toBeGreaterThanOrEqual(3);
      const reason = output.split('\n').findLast((line) => line.startsWith('✖ ')) ?? '';
      expect(reason).toMatch(/^✖ The worker failed \d+ times in a row, each within 60 s of starting \(last: did not come back up: .+\)\. Everything else is stopped\./);
      // Nothing is left behind: the API, Temporal and PostgreSQL were stopped before it exited.
      for (const port of Object.values(ports)) expect(await listening(Number(port))).toBe(false);
      expect(processesUsing(dataDir)).toEqual([]);
      expect(processesUsing(realpathSync(join(dataDir, 'postgres')))).toEqual([]);
      expect(processesUsing(join(clone, 'apps'))).toEqual([]);
    } finally {
      if (existsSync(`${workerMain}.away`)) renameSync(`${workerMain}.away`, workerMain);
      if (asRoot) removeLinkedCluster(dataDir, runtimeDir);
    }
  }, 600_000);
});
