/** Supervision of one process, with fake processes and a fake clock: what is said, when it restarts, when it gives up. */
import { describe, expect, it } from 'vitest';
import type { ExitStatus } from './processes.js';
import { restartDelay, supervise, type Clock, type RestartPolicy, type SupervisionOptions } from './supervisor.js';

const POLICY: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 8000, stableAfterMs: 60_000, maxQuickFailures: 4 };

/** A process that ends when the test says so, or when it is stopped (as SIGINT would end it). */
class FakeProcess {
  stopped = false;
  private end!: (status: ExitStatus) => void;
  readonly exited = new Promise<ExitStatus>((resolve) => (this.end = resolve));
  constructor(
    readonly id: number,
    private readonly output: string,
  ) {}
  recentOutput = () => this.output;
  die(status: Partial<ExitStatus>) {
    this.end({ code: null, signal: null, ...status });
  }
  stop = async () => {
    this.stopped = true;
    this.end({ code: 0, signal: null });
  };
}

/** Time moves only when the test moves it or a sleep is taken; each sleep is remembered. */
class FakeClock implements Clock {
  time = 0;
  sleeps: number[] = [];
  pending: (() => void)[] = [];
  now = () => this.time;
  sleep = (ms: number, signal: AbortSignal) => {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => {
      const wake = () => ((this.time += ms), resolve());
      this.pending.push(wake);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  };
  /** Ends every sleep under way. */
  wake() {
    const pending = this.pending;
    this.pending = [];
    for (const wake of pending) wake();
  }
}

const settle = async () => {
  for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

function harness(options: { restartFails?: (attempt: number) => boolean } = {}) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const reasons: string[] = [];
  const started: FakeProcess[] = [new FakeProcess(0, 'worker: polling task queue\n\u001b[31mError: connection lost\u001b[39m\n    at Socket.emit (node:events:518:28)\n    at TCP.callbackTrampoline (node:internal/async_hooks:130:17)\n}\n')];
  let attempts = 0;
  const supervisionOptions: SupervisionOptions<FakeProcess> = {
    label: 'The worker',
    running: started[0]!,
    restart: async () => {
      attempts += 1;
      if (options.restartFails?.(attempts)) throw new Error('worker: the process exited with code 1 before it was ready.\nCannot find module');
      const process = new FakeProcess(started.length, 'worker: polling task queue');
      started.push(process);
      return process;
    },
    policy: POLICY,
    report: (line) => lines.push(line),
    giveUp: (reason) => reasons.push(reason),
    clock,
  };
  const supervision = supervise(supervisionOptions);
  const latest = () => started.at(-1)!;
  return { clock, lines, reasons, started, latest, supervision, attempts: () => attempts };
}

describe('restartDelay', () => {
  it('doubles with each quick failure in a row and stops at the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => restartDelay(POLICY, failures))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe('supervise', () => {
  it('reports a death in one line (how it ended, its last line that is no stack frame, the wait) and starts it again', async () => {
    const { clock, lines, started, supervision, latest } = harness();
    started[0]!.die({ signal: 'SIGKILL' });
    await settle();
    expect(lines).toEqual(['✖ The worker was killed by SIGKILL; its last line: "Error: connection lost"; restarting in 1 s']);
    expect(supervision.current()).toBeNull();
    expect(started).toHaveLength(1);

    clock.wake();
    await settle();
    expect(started).toHaveLength(2);
    expect(supervision.current()).toBe(latest());
    expect(supervision.restarts()).toBe(1);
    expect(lines.at(-1)).toBe('✔ The worker is running again (restart 1)');
    await expect(supervision.up()).resolves.toBeUndefined();
  });

  it('names an exit code, and waits twice as long after each quick failure, afresh once it stayed up', async () => {
    const { clock, lines, latest } = harness();
    for (const code of [1, 2, 3]) {
      latest().die({ code });
      await settle();
      clock.wake();
      await settle();
    }
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(lines.filter((line) => line.startsWith('✖'))[1]).toBe('✖ The worker exited with code 2; its last line: "worker: polling task queue"; restarting in 2 s');

    clock.time += POLICY.stableAfterMs;
    latest().die({ code: 1 });
    await settle();
    expect(clock.sleeps.at(-1)).toBe(1000);
  });

  it('gives up once after too many quick failures in a row, says why, and starts nothing more', async () => {
    const { clock, lines, reasons, started, latest, supervision } = harness();
    for (let failure = 1; failure <= POLICY.maxQuickFailures; failure += 1) {
      latest().die({ code: 1 });
      await settle();
      clock.wake();
      await settle();
    }
    expect(started).toHaveLength(POLICY.maxQuickFailures + 1);
    latest().die({ code: 7 });
    await settle();
    clock.wake();
    await settle();
    expect(started).toHaveLength(POLICY.maxQuickFailures + 1);
    expect(reasons).toEqual(['The worker failed 5 times in a row, each within 60 s of starting (last: exited with code 7; its last line: "worker: polling task queue").']);
    expect(lines.filter((line) => line.startsWith('✖'))).toHaveLength(POLICY.maxQuickFailures);
    await expect(supervision.up()).rejects.toThrow('failed 5 times in a row');
  });

  it('counts a restart that does not come up as a quick failure and says what it said', async () => {
    const { clock, lines, reasons, started } = harness({ restartFails: (attempt) => attempt <= 2 });
    started[0]!.die({ code: 1 });
    await settle();
    clock.wake();
    await settle();
    expect(lines.at(-1)).toBe('✖ The worker did not come back up: worker: the process exited with code 1 before it was ready; restarting in 2 s');
    clock.wake();
    await settle();
    expect(lines.at(-1)).toContain('restarting in 4 s');
    clock.wake();
    await settle();
    expect(started).toHaveLength(2);
    expect(lines.at(-1)).toBe('✔ The worker is running again (restart 1)');
    expect(reasons).toEqual([]);
  });

  it('gives up when restarts never come up', async () => {
    const { clock, reasons, started } = harness({ restartFails: () => true });
    started[0]!.die({ code: 1 });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await settle();
      clock.wake();
    }
    await settle();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('The worker failed 5 times in a row');
    expect(reasons[0]).toContain('last: did not come back up: worker: the process exited with code 1 before it was ready');
  });

  it('once halted, an end is expected: no report, no restart', async () => {
    const { lines, started, supervision, attempts } = harness();
    supervision.halt();
    started[0]!.die({ signal: 'SIGINT' });
    await settle();
    expect(lines).toEqual([]);
    expect(attempts()).toBe(0);
    await expect(supervision.up()).rejects.toThrow('The worker is stopped');
  });

  it('stops the process, and starts nothing when stopped during the wait', async () => {
    const { clock, started, supervision, attempts } = harness();
    started[0]!.die({ code: 1 });
    await settle();
    await supervision.stop();
    clock.wake();
    await settle();
    expect(attempts()).toBe(0);

    const other = harness();
    await other.supervision.stop();
    expect(other.started[0]!.stopped).toBe(true);
  });

  it('stops a process that was being started when the stop came', async () => {
    const clock = new FakeClock();
    const first = new FakeProcess(0, '');
    const second = new FakeProcess(1, '');
    let ready!: (process: FakeProcess) => void;
    const supervision = supervise({
      label: 'The API',
      running: first,
      restart: () => new Promise<FakeProcess>((resolve) => (ready = resolve)),
      policy: POLICY,
      report: () => undefined,
      giveUp: () => undefined,
      clock,
    });
    first.die({ code: 1 });
    await settle();
    clock.wake();
    await settle();
    const stopping = supervision.stop();
    ready(second);
    await stopping;
    expect(second.stopped).toBe(true);
    expect(supervision.restarts()).toBe(0);
  });
});
