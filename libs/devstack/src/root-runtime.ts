/**
 * Run as root, the embedded PostgreSQL runs as the unprivileged `postgres` user, who cannot be
 * assumed to reach the clone (a home directory or a `mktemp -d` folder is mode 0700), and nothing of
 * the user's is loosened to change that. So its binaries and cluster live in a runtime folder
 * (EMBEDDED_PG_RUNTIME_DIR) that root owns and nobody else may write:
 *
 *   <runtime>/postgresql-<version>/   a copy of the binaries, made once per version
 *   <runtime>/clusters/<id>/          one cluster per data folder, owned by `postgres`
 *   <runtime>/clusters/<id>.path      the data folder it belongs to
 *
 * and `<DATA_DIR>/postgres` is a symbolic link to the cluster, so the data still belongs to the data
 * folder. The id is random: a moved clone keeps its cluster (the link moves with it), and a copied
 * clone is told to start its own rather than share one.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

export interface Account {
  uid: number;
  gid: number;
}

export interface Binaries {
  dir: string;
  version: string;
}

export const SYSTEM_USER = 'postgres';

/** The `postgres` system account, created (without a home or a login shell) when missing. */
export function ensureSystemUser(log: (line: string) => void): Account {
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

/**
 * Creates the runtime folder (0755) or checks an existing one: root must own it and every folder
 * above it, nobody else may write there (a sticky folder such as /tmp is allowed above it), and the
 * `postgres` user must be able to pass through. Root writes files here, so anything less would let
 * another user plant links that root then follows.
 */
export function prepareRuntimeDir(runtimeDir: string): { clustersDir: string } {
  const clustersDir = join(runtimeDir, 'clusters');
  for (const folder of [runtimeDir, clustersDir]) {
    if (existsSync(folder)) continue;
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o755);
  }
  let folder = resolve(runtimeDir);
  const ownFolders = new Set([folder, resolve(clustersDir)]);
  for (const own of ownFolders) problemWith(own, true);
  while (folder !== parse(folder).root) {
    folder = dirname(folder);
    problemWith(folder, false);
  }
  return { clustersDir };
}

function problemWith(folder: string, own: boolean): void {
  const stat = lstatSync(folder);
  const where = `EMBEDDED_PG_RUNTIME_DIR: ${folder}`;
  if (stat.isSymbolicLink() && own) throw new Error(`${where} is a symbolic link; give the real folder`);
  const real = stat.isSymbolicLink() ? statSync(folder) : stat;
  if (real.uid !== 0) throw new Error(`${where} is not owned by root, so another user could change what root runs there`);
  const writableByOthers = (real.mode & 0o022) !== 0;
  const sticky = (real.mode & 0o1000) !== 0;
  if (writableByOthers && (own || !sticky)) throw new Error(`${where} may be written by other users (mode ${(real.mode & 0o7777).toString(8)}); use a folder only root may write`);
  if ((real.mode & 0o001) === 0) throw new Error(`${where} has mode ${(real.mode & 0o7777).toString(8)}: the "${SYSTEM_USER}" user cannot pass through it; choose another EMBEDDED_PG_RUNTIME_DIR`);
}

/** A copy of the binaries the `postgres` user can execute, made once per version. */
export function reachableCopyOf(installed: Binaries, runtimeDir: string, log: (line: string) => void): Binaries {
  const target = join(runtimeDir, `postgresql-${installed.version}`);
  const copy = { dir: target, version: installed.version };
  if (existsSync(join(target, 'bin', 'postgres'))) return copy;
  log(`postgres: copying the PostgreSQL binaries to ${target} (readable by the "${SYSTEM_USER}" user)`);
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(installed.dir, partial, { recursive: true, verbatimSymlinks: true });
  // A clone made under a strict umask has files only root may read.
  spawnSync('chmod', ['-R', 'a+rX,go-w', partial]);
  try {
    renameSync(partial, target);
  } catch (error) {
    // Another start copied them at the same moment: use its copy.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
  }
  return copy;
}

/** Resolves `<dataDir>/postgres` to the cluster folder it stands for, creating the link for a new data folder. */
export function clusterFor(dataDir: string, clustersDir: string, log: (line: string) => void): string {
  const link = join(dataDir, 'postgres');
  const entry = lstatSync(link, { throwIfNoEntry: false });
  if (entry?.isDirectory()) {
    // A cluster made in place by an earlier version (in a folder its user could reach) stays there.
    if (existsSync(join(link, 'PG_VERSION'))) return link;
    if (readdirSync(link).length > 0) throw new Error(`${link} is a folder that holds no PostgreSQL cluster; move it away`);
    // The empty folder an earlier failed start left behind.
    rmdirSync(link);
  } else if (entry && !entry.isSymbolicLink()) {
    throw new Error(`${link} exists but is neither a cluster folder nor a link to one; move it away`);
  }
  const home = realpathSync(dataDir);
  if (entry?.isSymbolicLink()) {
    const cluster = resolve(dataDir, readlinkSync(link));
    if (dirname(cluster) !== realpathSync(clustersDir)) {
      throw new Error(`${link} points to ${cluster}, which is not a cluster folder under ${clustersDir}; remove the link to start a new cluster`);
    }
    const owner = ownerOf(cluster);
    if (owner && owner !== home && linksTo(owner, cluster)) {
      throw new Error(`${link} shares the cluster of ${owner} (was the folder copied?); remove ${link} to start a new cluster here`);
    }
    // A moved clone adopts its cluster.
    writeFileSync(`${cluster}.path`, `${home}\n`);
    return cluster;
  }
  const cluster = join(realpathSync(clustersDir), randomBytes(8).toString('hex'));
  writeFileSync(`${cluster}.path`, `${home}\n`);
  symlinkSync(cluster, link);
  log(`postgres: this data folder's cluster will live in ${cluster}`);
  return cluster;
}

function ownerOf(cluster: string): string | null {
  try {
    return readFileSync(`${cluster}.path`, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function linksTo(dataDir: string, cluster: string): boolean {
  try {
    return resolve(dataDir, readlinkSync(join(dataDir, 'postgres'))) === cluster;
  } catch {
    return false;
  }
}

/** Deletes the cluster `<dataDir>/postgres` links to (and only one under the runtime folder); for throwaway stacks. */
export function removeLinkedCluster(dataDir: string, runtimeDir: string): void {
  const link = join(dataDir, 'postgres');
  if (!lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  const cluster = resolve(dataDir, readlinkSync(link));
  if (!existsSync(join(runtimeDir, 'clusters')) || dirname(cluster) !== realpathSync(join(runtimeDir, 'clusters'))) return;
  rmSync(cluster, { recursive: true, force: true });
  rmSync(`${cluster}.path`, { force: true });
  rmSync(link, { force: true });
}
