/**
 * Faults injected into a running stack: SIGKILL one of its processes and wait until its supervisor
 * has it running again. Counts kills and how long each component was down.
 */
import type { RunningStack, StackComponent } from '@pe/devstack';

export class Faults {
  readonly kills: Record<StackComponent, number> = { postgres: 0, temporal: 0, worker: 0, api: 0 };
  /** Longest time from a kill to the component running again, per component. */
  readonly longestDownMs: Record<StackComponent, number> = { postgres: 0, temporal: 0, worker: 0, api: 0 };

  constructor(
    private readonly stack: RunningStack,
    private readonly log: (line: string) => void,
  ) {}

  /** SIGKILL, as a crash or the OOM killer would, and resolve once the supervisor has restarted it. */
  async kill(component: StackComponent, why = ''): Promise<void> {
    const pid = this.stack.pid(component);
    if (pid === undefined) throw new Error(`${component} is not running: nothing to kill`);
    const killedAt = performance.now();
    process.kill(pid, 'SIGKILL');
    this.kills[component] += 1;
    this.log(`chaos: SIGKILL ${component} (pid ${pid})${why ? ` ${why}` : ''}`);
    // Until the supervisor has seen the end, the old process still counts as running.
    while (this.stack.pid(component) === pid) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.race([this.stack.up(component), this.stack.failed.then((error) => Promise.reject(error))]);
    const downMs = performance.now() - killedAt;
    this.longestDownMs[component] = Math.max(this.longestDownMs[component], downMs);
    this.log(`chaos: ${component} runs again after ${(downMs / 1000).toFixed(1)} s (pid ${this.stack.pid(component)})`);
  }
}
