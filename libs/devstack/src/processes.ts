/** Child processes of the local stack: spawned with prefixed output, stopped gently then firmly. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Account } from './root-runtime.js';

/** How a process ended: its exit code, or the signal that ended it. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** "exited with code 3", "was killed by SIGKILL": how a process ended, for a line a person reads. */
export function describeExit(status: ExitStatus): string {
  return status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
}

export interface Service {
  name: string;
  child: ChildProcess;
  /** Resolves once the process has ended. */
  exited: Promise<ExitStatus>;
  /** The last lines the process printed, for error messages. */
  recentOutput(): string;
  /** Whether the process has ever printed a line containing `fragment` (one of SpawnOptions.watchFor). */
  printed(fragment: string): boolean;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Print the child's output with a prefix (default true). */
  echo?: boolean;
  /** Run as this account (a root launcher starting PostgreSQL). */
  account?: Account;
  /** Fragments of lines to remember once seen (a readiness line), however much is printed after. */
  watchFor?: string[];
}

/** Every service still running, in start order: if the launcher exits on an error it did not expect, none outlives it. */
const running: Service[] = [];
let exitHookInstalled = false;
function track(service: Service): void {
  running.push(service);
  void service.exited.then(() => {
    const index = running.indexOf(service);
    if (index >= 0) running.splice(index, 1);
  });
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const orphan of running) orphan.child.kill('SIGKILL');
  });
}

/** Stops every service this process started, newest first (a signal that arrives while the stack is still starting). */
export async function stopAllServices(): Promise<void> {
  for (const service of [...running].reverse()) await service.stop();
}

export function spawnService(name: string, command: string, args: string[], options: SpawnOptions = {}): Service {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
    ...(options.account ?? {}),
  });
  const echo = options.echo ?? true;
  const tail: string[] = [];
  const seen = new Set<string>();
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      for (const fragment of options.watchFor ?? []) if (line.includes(fragment)) seen.add(fragment);
      if (echo) process.stdout.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (error) => {
      tail.push(String(error));
      resolve({ code: -1, signal: null });
    });
  });
  const service: Service = {
    name,
    child,
    exited,
    recentOutput: () => tail.join('\n'),
    printed: (fragment) => seen.has(fragment),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  track(service);
  return service;
}

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A TCP port in [min, max] nobody listens on right now, on 127.0.0.1 (tried at random). */
export async function freePortIn(min: number, max: number): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${min} and ${max} on 127.0.0.1`);
}

/** Fails with a clear message when something already listens on a fixed port we are about to use. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(new Error(`Port ${port} (${what}) is already in use: is another npm start running? Stop it, or choose another port in the environment.`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number, service?: Service): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended: ExitStatus | undefined;
  void service?.exited.then((status) => (ended = status));
  while (Date.now() < deadline) {
    if (ended !== undefined) {
      throw new Error(`${what}: the process ${describeExit(ended)} before it was ready.\n${service?.recentOutput() ?? ''}`);
    }
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s.\n${service?.recentOutput() ?? ''}`);
}

export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/** Whether anything answers HTTP at `url`, whatever the status: the process listens. */
export async function httpAnswers(url: string): Promise<boolean> {
  await fetch(url, { signal: AbortSignal.timeout(2000) });
  return true;
}
