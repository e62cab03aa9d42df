/** Where root's embedded PostgreSQL keeps its cluster, and what it refuses to touch. */
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterFor, prepareRuntimeDir, removeLinkedCluster } from './root-runtime.js';

let scratch: string;
let clusters: string;
const quiet = () => undefined;

beforeEach(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'pe-runtime-')));
  clusters = join(scratch, 'runtime', 'clusters');
  mkdirSync(clusters, { recursive: true });
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function dataFolder(name: string): string {
  const folder = join(scratch, name, '.data');
  mkdirSync(folder, { recursive: true });
  return folder;
}

describe('clusterFor', () => {
  it('links a new data folder to a cluster of its own under the runtime folder, and finds it again', () => {
    const data = dataFolder('clone');
    const cluster = clusterFor(data, clusters, quiet);
    expect(dirname(cluster)).toBe(clusters);
    expect(readlinkSync(join(data, 'postgres'))).toBe(cluster);
    expect(readFileSync(`${cluster}.path`, 'utf8').trim()).toBe(data);
    expect(clusterFor(data, clusters, quiet)).toBe(cluster);
    expect(clusterFor(dataFolder('other'), clusters, quiet)).not.toBe(cluster);
  });

  it('lets a moved clone keep its cluster, and tells a copied one to start its own', () => {
    const data = dataFolder('clone');
    const cluster = clusterFor(data, clusters, quiet);
    renameSync(join(scratch, 'clone'), join(scratch, 'moved'));
    const moved = join(scratch, 'moved', '.data');
    expect(clusterFor(moved, clusters, quiet)).toBe(cluster);
    expect(readFileSync(`${cluster}.path`, 'utf8').trim()).toBe(moved);

    cpSync(join(scratch, 'moved'), join(scratch, 'copy'), { recursive: true, verbatimSymlinks: true });
    expect(() => clusterFor(join(scratch, 'copy', '.data'), clusters, quiet)).toThrow(/shares the cluster of .*moved\/\.data \(was the folder copied\?\)/);
  });

  it('refuses a link that points anywhere but a cluster folder, and deletes nothing there', () => {
    const data = dataFolder('clone');
    const precious = join(scratch, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep me');
    symlinkSync(precious, join(data, 'postgres'));
    expect(() => clusterFor(data, clusters, quiet)).toThrow(/is not a cluster folder under/);
    expect(readFileSync(join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(`${precious}.path`)).toBe(false);
  });

  it('refuses a postgres folder that holds other files, and replaces an empty one an earlier failed start left', () => {
    const data = dataFolder('clone');
    mkdirSync(join(data, 'postgres'));
    writeFileSync(join(data, 'postgres', 'mine.txt'), 'keep me');
    expect(() => clusterFor(data, clusters, quiet)).toThrow(/holds no PostgreSQL cluster; move it away/);
    expect(readFileSync(join(data, 'postgres', 'mine.txt'), 'utf8')).toBe('keep me');

    rmSync(join(data, 'postgres', 'mine.txt'));
    clusterFor(data, clusters, quiet);
    expect(lstatSync(join(data, 'postgres')).isSymbolicLink()).toBe(true);
  });

  it('keeps a cluster an earlier version made in place', () => {
    const data = dataFolder('clone');
    mkdirSync(join(data, 'postgres'));
    writeFileSync(join(data, 'postgres', 'PG_VERSION'), '18\n');
    expect(clusterFor(data, clusters, quiet)).toBe(join(data, 'postgres'));
  });
});

describe('removeLinkedCluster', () => {
  it('removes the linked cluster and nothing outside the runtime folder', () => {
    const data = dataFolder('clone');
    const cluster = clusterFor(data, clusters, quiet);
    mkdirSync(cluster);
    removeLinkedCluster(data, dirname(clusters));
    expect(existsSync(cluster)).toBe(false);
    expect(existsSync(`${cluster}.path`)).toBe(false);

    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(data, 'postgres'));
    removeLinkedCluster(data, dirname(clusters));
    expect(existsSync(elsewhere)).toBe(true);
  });
});

describe.skipIf(process.getuid?.() !== 0)('prepareRuntimeDir (as root)', () => {
  it('creates the folder passable by the postgres user, whatever the umask', () => {
    chmodSync(scratch, 0o755); // mkdtemp makes it 0700
    const previous = process.umask(0o077);
    try {
      const runtime = join(scratch, 'fresh-runtime');
      prepareRuntimeDir(runtime);
      expect(lstatSync(runtime).mode & 0o777).toBe(0o755);
      expect(lstatSync(join(runtime, 'clusters')).mode & 0o777).toBe(0o755);
    } finally {
      process.umask(previous);
    }
  });

  it('refuses a folder others may write, or one behind a folder the postgres user cannot pass', () => {
    const open = join(scratch, 'open');
    mkdirSync(join(open, 'clusters'), { recursive: true });
    chmodSync(open, 0o777);
    expect(() => prepareRuntimeDir(open)).toThrow(/may be written by other users \(mode 777\)/);

    const closed = join(scratch, 'closed');
    mkdirSync(join(closed, 'runtime'), { recursive: true });
    chmodSync(closed, 0o700);
    expect(() => prepareRuntimeDir(join(closed, 'runtime'))).toThrow(/cannot pass through it/);
  });
});
