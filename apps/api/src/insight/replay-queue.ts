/**
 * The order in which one API process replays partnerships' histories in the background. A person
 * who has the Proof tab open asks again every few seconds while a verdict is pending; one who has
 * left asks no more. So a partnership asked for lately is someone waiting on a screen, and goes
 * before those nobody has asked about for a while (a verification run by a script, a tab since
 * closed); within each group the oldest request goes first, so no one watching waits forever
 * behind newer arrivals. A request nobody repeats may so wait as long as people keep watching others,
 * and be dropped when the queue is full: nobody is waiting for its answer, and asking again queues it.
 */

/** A partnership asked about within this long counts as watched: several of the console's rechecks, which come every 4 s. */
export const WATCHED_FOR_MS = 15_000;

export interface RequestedRun {
  historyLength: number;
  requestedAt: string;
}

export interface QueuedReplay {
  workflowId: string;
  /** Run id → the request; a run leaves the job once its verdict is stored. */
  runs: Map<string, RequestedRun>;
  /** When anyone last asked about it; jobs stay in the order they were first queued. */
  askedAt: number;
}

export class ReplayQueue {
  private readonly jobs: QueuedReplay[] = [];

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.jobs.length;
  }

  find(workflowId: string): QueuedReplay | undefined {
    return this.jobs.find((job) => job.workflowId === workflowId);
  }

  /**
   * The partnership's queued job, made now if there is none. When the queue is full the oldest job
   * nobody is watching makes room (whoever asked for it gets it queued again by asking again);
   * undefined when every queued job is watched.
   */
  enqueue(workflowId: string, now: number): QueuedReplay | undefined {
    const queued = this.find(workflowId);
    if (queued) {
      this.askedAgain(workflowId, now);
      return queued;
    }
    if (this.jobs.length >= this.capacity) {
      const unwatched = this.jobs.findIndex((job) => !watched(job, now));
      if (unwatched === -1) return undefined;
      this.jobs.splice(unwatched, 1);
    }
    const job: QueuedReplay = { workflowId, runs: new Map(), askedAt: now };
    this.jobs.push(job);
    return job;
  }

  /** Someone asked about the partnership again: its queued job, if any, counts as watched from now. */
  askedAgain(workflowId: string, now: number): void {
    const queued = this.find(workflowId);
    if (queued) queued.askedAt = Math.max(queued.askedAt, now);
  }

  /** Takes the next job to replay: the oldest watched one, else the oldest. */
  take(now: number): QueuedReplay | undefined {
    if (this.jobs.length === 0) return undefined;
    const first = this.jobs.findIndex((job) => watched(job, now));
    const [next] = this.jobs.splice(first === -1 ? 0 : first, 1);
    return next;
  }

  clear(): void {
    this.jobs.length = 0;
  }
}

const watched = (job: QueuedReplay, now: number): boolean => now - job.askedAt <= WATCHED_FOR_MS;
