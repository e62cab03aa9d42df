/**
 * Keeps one process of the local stack running. When it ends without being asked to, one line says
 * what ended, how, its last output line and when it starts again; the delay doubles with each quick
 * failure in a row and the count starts afresh once the process has stayed up a while. After too
 * many quick failures in a row it gives up, once, with the reason; the stack then stops the rest.
 */
import { describeExit, type Service } from './processes.js';
import { stripColours } from './start-error.js';

export interface RestartPolicy {
  /** The wait before the first restart; it doubles for each further quick failure in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A process that ends after staying up this long starts the count of quick failures afresh. */
  stableAfterMs: number;
  /** Quick failures in a row (ends, or restarts that did not come up) borne before giving up. */
  maxQuickFailures: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 30_000, stableAfterMs: 60_000, maxQuickFailures: 5 };

/** The wait before restart number `failuresInARow` (1-based) of a run of quick failures. */
export function restartDelay(policy: RestartPolicy, failuresInARow: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, failuresInARow - 1));
}

/** What supervision needs of a process (a Service, or a fake in tests). */
export type SupervisedProcess = Pick<Service, 'exited' | 'recentOutput' | 'stop'>;

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    }),
};

export interface SupervisionOptions<P extends SupervisedProcess> {
  /** How lines name it, as the subject of a sentence: "The worker", "PostgreSQL". */
  label: string;
  /** The process, already started and ready. */
  running: P;
  /** Starts it again and resolves once it is ready; rejects, having stopped what it started, when it does not come up. */
  restart: () => Promise<P>;
  policy?: RestartPolicy;
  report: (line: string) => void;
  /** Called once, with a sentence that says why, when supervision gives up. */
  giveUp: (reason: string) => void;
  clock?: Clock;
}

export interface Supervision<P extends SupervisedProcess> {
  /** The running process, or null while it is down (between an end and a restart). */
  current(): P | null;
  /** How many times it has been started again. */
  restarts(): number;
  /** Resolves once it runs: at once, or when the restart under way is ready. Rejects once supervision has given up or stopped. */
  up(): Promise<void>;
  /** Stops restarting: the stack is being stopped, and an end from now on is expected. */
  halt(): void;
  /** Halts, then stops the process, also one that is being started again. */
  stop(): Promise<void>;
}

export function supervise<P extends SupervisedProcess>(options: SupervisionOptions<P>): Supervision<P> {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const clock = options.clock ?? realClock;
  const halting = new AbortController();
  let current: P | null = options.running;
  let restarting: Promise<P> | null = null;
  let restarts = 0;
  let over: Error | null = null;
  let waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];

  const settleWaiters = (error: Error | null) => {
    for (const waiter of waiting) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
    waiting = [];
  };
  const halt = () => {
    if (halting.signal.aborted) return;
    halting.abort();
    over ??= new Error(`${options.label} is stopped`);
    settleWaiters(over);
  };

  async function watch(first: P): Promise<void> {
    let process: P = first;
    let failuresInARow = 0;
    for (;;) {
      const upSince = clock.now();
      const how = describeExit(await process.exited);
      if (halting.signal.aborted) return;
      current = null;
      failuresInARow = clock.now() - upSince >= policy.stableAfterMs ? 1 : failuresInARow + 1;
      let ended = `${how}${lastWords(process)}`;
      for (;;) {
        if (failuresInARow > policy.maxQuickFailures) {
          const within = Math.round(policy.stableAfterMs / 1000);
          over = new Error(`${options.label} failed ${failuresInARow} times in a row, each within ${within} s of starting (last: ${ended})`);
          settleWaiters(over);
          options.giveUp(`${over.message}.`);
          return;
        }
        const delay = restartDelay(policy, failuresInARow);
        options.report(`✖ ${options.label} ${ended}; restarting in ${seconds(delay)}`);
        await clock.sleep(delay, halting.signal);
        if (halting.signal.aborted) return;
        try {
          restarting = options.restart();
          process = await restarting;
          break;
        } catch (error) {
          // Started and gone at once: a quick failure, however long the attempt took.
          if (halting.signal.aborted) return;
          failuresInARow += 1;
          ended = `did not come back up: ${firstLine(error)}`;
        } finally {
          restarting = null;
        }
      }
      if (halting.signal.aborted) return;
      current = process;
      restarts += 1;
      options.report(`✔ ${options.label} is running again (restart ${restarts})`);
      settleWaiters(null);
    }
  }

  void watch(options.running).catch((error: unknown) => {
    // A bug here must not leave the stack unsupervised in silence.
    over = new Error(`${options.label} is no longer supervised: ${firstLine(error)}`);
    settleWaiters(over);
    options.giveUp(`${over.message}.`);
  });

  return {
    current: () => current,
    restarts: () => restarts,
    up: () => (over ? Promise.reject(over) : current ? Promise.resolve() : new Promise((resolve, reject) => waiting.push({ resolve, reject }))),
    halt,
    async stop() {
      halt();
      const starting = restarting;
      if (starting) await (await starting.catch(() => null))?.stop();
      await current?.stop();
    },
  };
}

/**
 * `; its last line: "…"`, or nothing when it printed nothing. The last line that says something: a
 * stack trace's message rather than its last frame, words rather than a lone "}".
 */
function lastWords(process: SupervisedProcess): string {
  const lines = stripColours(process.recentOutput()).split('\n').map((line) => line.trim()).filter(Boolean);
  const line = lines.findLast((candidate) => !STACK_FRAME.test(candidate) && /[\p{L}\p{N}]/u.test(candidate)) ?? lines.at(-1) ?? '';
  if (!line) return '';
  return `; its last line: "${line.length > 200 ? `${line.slice(0, 200)}…` : line}"`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return stripColours(message).trim().split('\n')[0]?.replace(/[.:]$/, '') ?? '';
}

const STACK_FRAME = /^at\s/;

const seconds = (ms: number) => `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;
