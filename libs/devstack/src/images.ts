/**
 * The product's container images, built from the root Dockerfile with buildah (buildah.ts) on a
 * machine with no Docker engine and no image registry: the Node base image is made here, from a
 * Debian bookworm root filesystem (debootstrap) and this machine's own Node and npm, and passed to
 * the Dockerfile as NODE_IMAGE.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildah, buildahArgs, imageExists, imageSize, ISOLATION } from './buildah.js';
import { writeBuildSecrets } from './npm-secrets.js';

export const APPS = ['api', 'worker'] as const;
export type App = (typeof APPS)[number];

/** The image each app's build is tagged with (`npm run images`). */
export const IMAGE_NAMES: Record<App, string> = {
  api: 'localhost/partnership-engine-api:latest',
  worker: 'localhost/partnership-engine-worker:latest',
};

const DEBIAN_SUITE = 'bookworm';
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
/** The account the Dockerfile's `USER node` names, with the uid and gid the official Node images give it. */
const NODE_USER = { name: 'node', id: 1000 };

/** The base image made from this machine's Node, one per Node version. */
export const localBaseImage = (nodeVersion: string = process.versions.node): string => `localhost/partnership-engine-node:${nodeVersion}-${DEBIAN_SUITE}`;

export interface Timed<T> {
  value: T;
  seconds: number;
}

/**
 * The local base image, made once: debootstrap's minimal bookworm, this machine's node binary and npm
 * under /usr/local (where the official images keep them), and a `node` user. Reused while it exists.
 */
export function ensureLocalBaseImage(log: (line: string) => void): Timed<{ image: string; made: boolean }> {
  const started = Date.now();
  const image = localBaseImage();
  if (imageExists(image)) return { value: { image, made: false }, seconds: 0 };

  const prefix = dirname(dirname(process.execPath));
  const npm = join(prefix, 'lib', 'node_modules', 'npm');
  if (!existsSync(join(npm, 'bin', 'npm-cli.js'))) throw new Error(`npm is not at ${npm}, beside ${process.execPath}`);
  requireTool('debootstrap', ['--version'], 'apt-get install debootstrap');

  const work = mkdtempSync(join(tmpdir(), 'pe-base-image-'));
  const rootfs = join(work, 'rootfs');
  try {
    log(`making ${image}: debootstrap --variant=minbase ${DEBIAN_SUITE} (${DEBIAN_MIRROR})`);
    run('debootstrap', ['--variant=minbase', DEBIAN_SUITE, rootfs, DEBIAN_MIRROR]);
    // What a slim image leaves out: downloaded packages, package lists, documentation.
    for (const folder of ['var/cache/apt/archives', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/info']) {
      rmSync(join(rootfs, folder), { recursive: true, force: true });
      mkdirSync(join(rootfs, folder), { recursive: true });
    }
    log(`adding node ${process.version} (${process.execPath}) and npm (${npm})`);
    mkdirSync(join(rootfs, 'usr/local/bin'), { recursive: true });
    mkdirSync(join(rootfs, 'usr/local/lib/node_modules'), { recursive: true });
    run('cp', [process.execPath, join(rootfs, 'usr/local/bin/node')]);
    run('cp', ['-a', npm, join(rootfs, 'usr/local/lib/node_modules/npm')]);
    run('ln', ['-s', '../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm')]);
    run('ln', ['-s', '../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/local/bin/npx')]);
    run('chroot', [rootfs, 'groupadd', '--gid', String(NODE_USER.id), NODE_USER.name]);
    run('chroot', [rootfs, 'useradd', '--uid', String(NODE_USER.id), '--gid', NODE_USER.name, '--shell', '/bin/bash', '--create-home', NODE_USER.name]);
    const tarball = join(work, 'rootfs.tar');
    // Device nodes, /proc and /sys belong to the runtime, not to the image.
    run('tar', ['--numeric-owner', '--exclude=./dev/*', '--exclude=./proc/*', '--exclude=./sys/*', '-C', rootfs, '-cf', tarball, '.']);
    const container = buildah(['from', 'scratch']);
    try {
      buildah(['add', container, tarball, '/']);
      buildah(['config', '--env', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', '--env', `NODE_VERSION=${process.versions.node}`, '--cmd', 'node', container]);
      buildah(['commit', container, image]);
    } finally {
      buildah(['rm', container]);
    }
    return { value: { image, made: true }, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface BuildOptions {
  app: App;
  repoRoot: string;
  /** NODE_IMAGE: the local base image, or an image a registry serves. */
  nodeImage: string;
  echo?: boolean;
}

/**
 * `buildah bud` of the root Dockerfile for one app, with this machine's way to the npm registry as
 * build secrets (npm-secrets.ts). The stages' intermediate images are removed afterwards.
 */
export async function buildImage(options: BuildOptions): Promise<Timed<{ image: string; size: string }>> {
  const started = Date.now();
  const image = IMAGE_NAMES[options.app];
  const secrets = mkdtempSync(join(tmpdir(), 'pe-build-secrets-'));
  try {
    const args = buildahArgs([
      'bud',
      ...ISOLATION,
      // A local base image is not to be looked for in a registry.
      ...(imageExists(options.nodeImage) ? ['--pull=never'] : []),
      ...writeBuildSecrets(secrets),
      '--build-arg', `NODE_IMAGE=${options.nodeImage}`,
      '--build-arg', `APP=${options.app}`,
      '--file', join(options.repoRoot, 'Dockerfile'),
      '--tag', image,
      options.repoRoot,
    ]);
    const { status, output } = await spawnEchoing('buildah', args, options.echo ?? true);
    if (status !== 0) throw new Error(`buildah bud for ${options.app} failed (exit ${status}); its last lines:\n${output.slice(-30).join('\n')}`);
    removeIntermediateImages(output, buildah(['inspect', '--type', 'image', '--format', '{{.FromImageID}}', image]));
    return { value: { image, size: imageSize(image) }, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(secrets, { recursive: true, force: true });
  }
}

/** The images `buildah bud` committed for stages other than the last ("--> 1880a584069" lines). */
export function intermediateImageIds(output: string[], finalId: string): string[] {
  const ids = output.map((line) => /^--> ([0-9a-f]{6,64})$/.exec(line.trim())?.[1]).filter((id): id is string => id !== undefined);
  return [...new Set(ids)].filter((id) => !finalId.startsWith(id));
}

function removeIntermediateImages(output: string[], finalId: string): void {
  const ids = intermediateImageIds(output, finalId);
  // A stage with no instruction of its own (`FROM runtime AS app-worker`) leaves its working container behind.
  // buildah prints `null`, not `[]`, when there is no container at all.
  const containers = (JSON.parse(buildah(['containers', '--json'])) as { id: string; imageid: string }[] | null) ?? [];
  for (const container of containers) {
    if (ids.some((id) => container.imageid.startsWith(id))) spawnSync('buildah', buildahArgs(['rm', container.id]), { stdio: 'ignore' });
  }
  for (const id of ids) {
    // An image another tag still names stays.
    spawnSync('buildah', buildahArgs(['rmi', id]), { stdio: 'ignore' });
  }
}

function spawnEchoing(command: string, args: string[], echo: boolean): Promise<{ status: number | null; output: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    let partial = '';
    const relay = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        if (echo) process.stdout.write(`${line}\n`);
      }
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', reject);
    child.on('close', (status) => {
      if (partial) output.push(partial);
      resolve({ status, output });
    });
  });
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout || String(result.error ?? '')).trim().slice(-2000)}`);
}

function requireTool(command: string, versionArgs: string[], remedy: string): void {
  const result = spawnSync(command, versionArgs, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command} is not installed (${remedy})`);
}
