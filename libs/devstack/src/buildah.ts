/**
 * buildah, daemonless: the images are built and run without a Docker engine. vfs storage, because
 * overlay mounts are not available inside a container, and chroot isolation, because it needs no
 * namespaces; so the containers share the host's network and its 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnService, type ExitStatus, type Service } from './processes.js';

const STORAGE = ['--storage-driver', 'vfs'];
export const ISOLATION = ['--isolation', 'chroot'];

/** Runs `buildah <args>` on our storage and returns its trimmed output; throws with its error output when it fails. */
export function buildah(args: string[]): string {
  const result = spawnSync('buildah', [...STORAGE, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`buildah ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`buildah ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The arguments that make `buildah` use our storage, for a caller that spawns it itself. */
export const buildahArgs = (args: string[]): string[] => [...STORAGE, ...args];

export function buildahAvailable(): boolean {
  return spawnSync('buildah', ['--version'], { encoding: 'utf8' }).status === 0;
}

export function imageExists(image: string): boolean {
  return spawnSync('buildah', [...STORAGE, 'inspect', '--type', 'image', image], { encoding: 'utf8' }).status === 0;
}

/** The size buildah reports for an image, e.g. "509 MB". */
export function imageSize(image: string): string {
  const [entry] = JSON.parse(buildah(['images', '--json', image])) as { size: string }[];
  if (!entry) throw new Error(`no image ${image}`);
  return entry.size;
}

interface ImageInspection {
  OCIv1: { config?: { Entrypoint?: string[] | null; Cmd?: string[] | null } };
}

/** What a container of the image runs when started without a command: its entrypoint, then its CMD. */
export function imageCommand(image: string): string[] {
  const { config = {} } = (JSON.parse(buildah(['inspect', '--type', 'image', image])) as ImageInspection).OCIv1;
  const command = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (command.length === 0) throw new Error(`${image} names no command (no ENTRYPOINT or CMD)`);
  return command;
}

export interface RunningContainer {
  /** The `buildah run` process, its output and its end. */
  service: Service;
  container: string;
  /** Sends a signal to the image's command itself, as `docker stop` sends it to a container's first process. */
  signal(signal: NodeJS.Signals): void;
  /** Stops the command if it still runs and removes the container. */
  remove(): Promise<void>;
}

/**
 * Starts a container of `image` running the image's own command (ENTRYPOINT and CMD, as its user, in
 * its working directory, with its environment plus `env`).
 */
export function runImage(name: string, image: string, env: Record<string, string>, options: { echo?: boolean; watchFor?: string[] } = {}): RunningContainer {
  const command = imageCommand(image);
  const container = buildah(['from', '--pull=never', image]);
  const envFlags = Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  const service = spawnService(name, 'buildah', buildahArgs(['run', ...ISOLATION, ...envFlags, container, '--', ...command]), {
    echo: options.echo ?? false,
    watchFor: options.watchFor,
  });
  return {
    service,
    container,
    signal(signal) {
      const pid = service.child.pid === undefined ? undefined : commandPid(service.child.pid);
      if (pid === undefined) throw new Error(`${name}: the image's command is not running`);
      process.kill(pid, signal);
    },
    async remove() {
      await service.stop();
      buildah(['rm', container]);
    },
  };
}

/** Whether a container's command ended by itself with code 0 (not killed by `buildah run` ending). */
export const endedCleanly = (status: ExitStatus): boolean => status.code === 0 && status.signal === null;

/**
 * The process of the image's command under a `buildah run`: chroot isolation starts it as the child of
 * `buildah-chroot-exec`, below `buildah run` itself (signals to `buildah run` kill it rather than
 * reach it). Found among `ancestor`'s descendants only.
 */
export function commandPid(ancestor: number, processes: ProcessEntry[] = listProcesses()): number | undefined {
  const children = (pid: number) => processes.filter((entry) => entry.ppid === pid);
  const queue = children(ancestor);
  while (queue.length > 0) {
    const entry = queue.shift()!;
    if (entry.program === 'buildah-chroot-exec') return children(entry.pid)[0]?.pid;
    queue.push(...children(entry.pid));
  }
  return undefined;
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** argv[0]: the kernel's own name for a process (comm) is cut at 15 characters. */
  program: string;
}

function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const program = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0] ?? '';
      entries.push({ pid: Number(name), ppid: parentPid(readFileSync(`/proc/${name}/stat`, 'utf8')), program });
    } catch {
      // Ended while we looked.
    }
  }
  return entries;
}

/** The parent in /proc/<pid>/stat, "pid (comm) state ppid ...", where comm may itself hold spaces and parentheses. */
export function parentPid(stat: string): number {
  const [, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(ppid);
}
