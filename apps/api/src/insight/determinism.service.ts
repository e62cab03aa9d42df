/**
 * Determinism verdicts for verification, without replaying in the request. A run's verdict is
 * stored per deployed workflow code and history length (`@pe/persistence` replay-verdicts), so a
 * closed run is replayed once per deployment and every API process reuses the verdict, also after a
 * restart; the current run only until its history grows. Runs not yet proven are replayed in the
 * background, one partnership at a time per process, those someone is waiting on first (ReplayQueue),
 * and verification says `pending` with the time the replay was asked for until their verdict is stored.
 */
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { isGrpcServiceError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Determinism, RunHistory } from '@pe/domain';
import { readReplayVerdicts, storeReplayVerdict, type ReplayedRunKey } from '@pe/persistence';
import { TemporalTimeoutError, WorkflowHistories } from '../temporal/workflow-histories.js';
import { WorkflowReplay, historyLength, type ReplayedRun } from '../temporal/workflow-replay.js';
import { DATABASE } from '../tokens.js';
import { ReplayQueue, type QueuedReplay } from './replay-queue.js';

/** Partnerships waiting for a background replay in this process at most (ReplayQueue says which one makes room). */
export const REPLAYS_QUEUED = 100;
/** A background replay that could not run is reported for this long; the next verification after it asks again. */
export const REPLAY_FAILURE_SHOWN_MS = 30_000;
/** How long the background replay waits for one run's history. */
const HISTORY_FETCH_MS = 30_000;

/** Why a run's history cannot be replayed at all. */
export const NOT_REPLAYABLE: Record<Exclude<RunHistory, 'retained'>, string> = {
  'not-retained': 'Temporal no longer keeps this run’s history',
  unknown: 'Temporal never ran this run for this workflow',
};

/** Why a run's replay did not reach a verdict this time. */
export const REPLAY_REASONS = {
  busy: 'The server has too many histories waiting to be replayed; ask again in a while',
  failed: 'The replay could not run; asking again retries it',
  temporal: 'Temporal did not give the history for the replay; asking again retries it',
} as const;

@Injectable()
export class DeterminismService implements OnModuleDestroy {
  private readonly logger = new Logger(DeterminismService.name);
  private readonly queue = new ReplayQueue(REPLAYS_QUEUED);
  private running: QueuedReplay | undefined;
  /** `workflowId runId` → why its background replay failed, until when that is reported. */
  private readonly failures = new Map<string, { reason: string; until: number }>();
  private stopped = false;
  private drained: Promise<void> = Promise.resolve();

  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(WorkflowHistories) private readonly histories: WorkflowHistories,
    @Inject(WorkflowReplay) private readonly replayer: WorkflowReplay,
  ) {}

  /**
   * Each run's determinism as known now: the stored verdict for its history as it is, or `pending`
   * (a background replay is asked for, or already was), or why it cannot be replayed for now.
   */
  async of(workflowId: string, runs: readonly ReplayedRunKey[]): Promise<Map<string, Determinism>> {
    // Before this process has bundled the code it cannot know which verdicts hold: the replay finds out.
    const codeId = this.replayer.readyCodeId();
    const stored = codeId ? await readReplayVerdicts(this.db, workflowId, codeId, runs) : new Map<string, Determinism>();
    const known = new Map<string, Determinism>(stored);
    const unproven: ReplayedRunKey[] = [];
    const now = Date.now();
    for (const run of runs) {
      if (known.has(run.runId)) continue;
      const failure = this.failures.get(failureKey(workflowId, run.runId));
      if (failure && failure.until > now) known.set(run.runId, { status: 'unavailable', reason: failure.reason });
      else unproven.push(run);
    }
    for (const [runId, determinism] of this.request(workflowId, unproven)) known.set(runId, determinism);
    return known;
  }

  /** Settles once no background replay is queued or running in this process. */
  async idle(): Promise<void> {
    while (this.running) await this.drained;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.queue.clear();
    await this.idle();
  }

  /** Pending for each run, asked for now unless a queued or running replay already covers it. */
  private request(workflowId: string, runs: readonly ReplayedRunKey[]): Map<string, Determinism> {
    const answers = new Map<string, Determinism>();
    if (runs.length === 0) return answers;
    const now = Date.now();
    this.queue.askedAgain(workflowId, now);
    const jobs = [this.running, this.queue.find(workflowId)].filter((job): job is QueuedReplay => job?.workflowId === workflowId);
    const requestedAt = new Date(now).toISOString();
    const fresh: ReplayedRunKey[] = [];
    for (const run of runs) {
      const asked = jobs.map((job) => job.runs.get(run.runId)).find((requested) => requested && requested.historyLength >= run.historyLength);
      if (asked) answers.set(run.runId, { status: 'pending', requestedAt: asked.requestedAt });
      else fresh.push(run);
    }
    if (fresh.length === 0) return answers;
    // A queued job of the same partnership takes the new runs; a running one may have passed them already.
    const job = this.stopped ? undefined : this.queue.enqueue(workflowId, now);
    if (!job) {
      for (const run of fresh) answers.set(run.runId, { status: 'unavailable', reason: REPLAY_REASONS.busy });
      return answers;
    }
    for (const run of fresh) {
      job.runs.set(run.runId, { historyLength: run.historyLength, requestedAt });
      this.failures.delete(failureKey(workflowId, run.runId));
      answers.set(run.runId, { status: 'pending', requestedAt });
    }
    this.drain();
    return answers;
  }

  /** Runs the queued jobs one after another; never rejects. */
  private drain(): void {
    if (this.running) return;
    const next = this.queue.take(Date.now());
    if (!next || this.stopped) return;
    this.running = next;
    this.drained = this.replayJob(next)
      .catch((error: unknown) => this.failed(next, error))
      .finally(() => {
        this.running = undefined;
        this.drain();
      });
  }

  private async replayJob(job: QueuedReplay): Promise<void> {
    const codeId = await this.replayer.codeId();
    // Another API process, or an earlier request here, may have proven some of them since.
    const requested = [...job.runs].map(([runId, { historyLength: length }]) => ({ runId, historyLength: length }));
    for (const runId of (await readReplayVerdicts(this.db, job.workflowId, codeId, requested)).keys()) job.runs.delete(runId);
    if (job.runs.size === 0) return;
    const histories = this.histories;
    const failures = this.failures;
    const stopped = () => this.stopped;
    async function* toReplay(): AsyncGenerator<ReplayedRun> {
      for (const runId of [...job.runs.keys()]) {
        if (stopped()) return;
        const history = await histories.runHistory(job.workflowId, runId, Date.now() + HISTORY_FETCH_MS);
        if (history && historyLength(history) > 0) yield { runId, history };
        else {
          failures.set(failureKey(job.workflowId, runId), { reason: NOT_REPLAYABLE['not-retained'], until: Date.now() + REPLAY_FAILURE_SHOWN_MS });
          job.runs.delete(runId);
        }
      }
    }
    for await (const { runId, historyLength: length, verdict } of this.replayer.replay(job.workflowId, toReplay())) {
      await storeReplayVerdict(this.db, { workflowId: job.workflowId, runId, codeId, historyLength: length, verdict, replayedAt: new Date() });
      // Stored first: a verification in between sees the run pending or its verdict, never neither.
      job.runs.delete(runId);
    }
  }

  private failed(job: QueuedReplay, error: unknown): void {
    const fromTemporal = error instanceof TemporalTimeoutError || isGrpcServiceError(error);
    this.logger.warn(`Replaying ${job.workflowId} for verification failed: ${error instanceof Error ? error.message : String(error)}`);
    const until = Date.now() + REPLAY_FAILURE_SHOWN_MS;
    for (const runId of job.runs.keys()) this.failures.set(failureKey(job.workflowId, runId), { reason: REPLAY_REASONS[fromTemporal ? 'temporal' : 'failed'], until });
    // Forget old failures on the way, so the map stays as small as the recent ones.
    for (const [key, failure] of this.failures) if (failure.until <= Date.now()) this.failures.delete(key);
  }
}

const failureKey = (workflowId: string, runId: string) => `${workflowId} ${runId}`;
