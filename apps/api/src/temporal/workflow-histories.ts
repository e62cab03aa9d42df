/**
 * A partnership workflow's runs as Temporal holds them, for verification: the continue-as-new chain
 * walked back from the current run, and any other run the log names, each with the length of its
 * history (none once Temporal's retention for it is over) and the events its `recordEvents`
 * activities were given. A closed run's history never changes, so what was read of it is remembered
 * for a while: verifying a long log again fetches only its current run.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, isGrpcServiceError, type WorkflowHandle } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js';
import { z } from 'zod';
import type { RunHistory } from '@pe/domain';
import type { RecordedBatch, SequencedEvent } from '@pe/persistence';
import type { PartnershipActivities } from '@pe/workflows';
import { TEMPORAL } from '../tokens.js';

export type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

/** One run: the length of its history when Temporal still has it, and what its activities were asked to record. */
export interface FetchedRun {
  runId: string;
  history: RunHistory;
  /** Events in the run's history as read; null when Temporal does not have it. */
  historyLength: number | null;
  batches: RecordedBatch[];
}

/** How Temporal's part is bounded: each call by how long Temporal may stay silent, all of them by a deadline. */
export interface FetchBounds {
  /** Each call to Temporal is given up after this long without an answer. */
  silenceMs: number;
  /** Every call is over by then (epoch ms). */
  deadline: number;
}

/** How long a closed run's reading is reused; past it, Temporal is asked again (its retention may have ended). */
export const CLOSED_RUN_REMEMBERED_MS = 15 * 60_000;
/** Closed runs remembered at most (the oldest forgotten first). */
const CLOSED_RUNS_REMEMBERED = 2_000;

interface RememberedRun {
  run: FetchedRun;
  previousRunId: string | undefined;
  until: number;
}

/** The activity every event reaches the log through; typed against the contract so a rename cannot slip by. */
const RECORD_EVENTS: keyof PartnershipActivities = 'recordEvents';

/** gRPC's NOT_FOUND: Temporal has no such run (any more). */
const GRPC_NOT_FOUND = 5;

/** What a `recordEvents` input must hold to be compared with the log; anything else in it is ignored. */
const recordedInputSchema = z.object({
  events: z.array(
    z.looseObject({
      sequence: z.number().int().positive(),
      type: z.string(),
      at: z.iso.datetime({ offset: true }),
      actor: z.looseObject({ userId: z.string(), role: z.string(), organizationId: z.string().nullable() }),
      data: z.unknown(),
    }),
  ),
});

export class UnreadableHistoryError extends Error {
  override readonly name = 'UnreadableHistoryError';
}

/** Temporal did not answer every call before the deadline. */
export class TemporalTimeoutError extends Error {
  override readonly name = 'TemporalTimeoutError';
}

@Injectable()
export class WorkflowHistories {
  private readonly closedRuns = new Map<string, RememberedRun>();

  constructor(@Inject(TEMPORAL) private readonly client: Client) {}

  /**
   * Every run of the workflow Temporal or the log knows of, oldest first. The chain is walked back
   * through each run's `continuedExecutionRunId`; when it reaches the first run, a run the log names
   * outside it is one Temporal never ran for this workflow (`unknown`); when a history on the way is
   * gone, no one can tell, and such a run counts as not retained.
   */
  async runs(workflowId: string, loggedRunIds: readonly string[], bounds: FetchBounds): Promise<FetchedRun[]> {
    return this.bounded(bounds.deadline, () => this.allRuns(workflowId, loggedRunIds, bounds));
  }

  /** One run's history, or null when Temporal does not (or no longer) keep it. */
  runHistory(workflowId: string, runId: string, deadline: number): Promise<History | null> {
    return this.bounded(deadline, () => this.client.withDeadline(deadline, () => this.history(workflowId, runId)));
  }

  /** The timer also covers a connection that never answers at all, which a call's own gRPC deadline may not. */
  private async bounded<T>(deadline: number, call: () => Promise<T>): Promise<T> {
    const calls = call();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TemporalTimeoutError('Temporal did not answer in time')), Math.max(0, deadline - Date.now()));
    });
    calls.catch(() => undefined);
    try {
      return await Promise.race([calls, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One call to Temporal under its own gRPC deadline: a long log takes many calls, and only silence is a timeout. */
  private call<T>(bounds: FetchBounds, call: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Math.min(Date.now() + bounds.silenceMs, bounds.deadline), call);
  }

  private async allRuns(workflowId: string, loggedRunIds: readonly string[], bounds: FetchBounds): Promise<FetchedRun[]> {
    const { chain, reachedFirstRun } = await this.chain(workflowId, bounds);
    const known = new Set(chain.map((run) => run.runId));
    const others: FetchedRun[] = [];
    for (const runId of loggedRunIds.filter((id) => !known.has(id))) {
      const events = await this.call(bounds, () => this.history(workflowId, runId));
      others.push(await this.fetched(runId, events, reachedFirstRun ? 'unknown' : 'not-retained'));
    }
    return [...chain, ...others];
  }

  private async chain(workflowId: string, bounds: FetchBounds): Promise<{ chain: FetchedRun[]; reachedFirstRun: boolean }> {
    let runId: string | undefined;
    try {
      runId = (await this.call(bounds, () => this.client.workflow.getHandle(workflowId).describe())).runId;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { chain: [], reachedFirstRun: false };
      throw error;
    }
    const chain: FetchedRun[] = [];
    const seen = new Set<string>();
    while (runId && !seen.has(runId)) {
      seen.add(runId);
      const remembered = this.rememberedRun(workflowId, runId);
      if (remembered) {
        chain.unshift(remembered.run);
        runId = remembered.previousRunId;
        continue;
      }
      const current = runId;
      const events = await this.call(bounds, () => this.history(workflowId, current));
      const fetched = await this.fetched(current, events, 'not-retained');
      chain.unshift(fetched);
      if (!events) return { chain, reachedFirstRun: false };
      runId = startedAttributes(events)?.continuedExecutionRunId || undefined;
      if (isClosed(events)) this.rememberRun(workflowId, fetched, runId);
    }
    return { chain, reachedFirstRun: true };
  }

  private rememberedRun(workflowId: string, runId: string): RememberedRun | undefined {
    const key = `${workflowId} ${runId}`;
    const remembered = this.closedRuns.get(key);
    if (remembered && remembered.until > Date.now()) return remembered;
    if (remembered) this.closedRuns.delete(key);
    return undefined;
  }

  private rememberRun(workflowId: string, run: FetchedRun, previousRunId: string | undefined): void {
    while (this.closedRuns.size >= CLOSED_RUNS_REMEMBERED) this.closedRuns.delete(this.closedRuns.keys().next().value!);
    this.closedRuns.set(`${workflowId} ${run.runId}`, { run, previousRunId, until: Date.now() + CLOSED_RUN_REMEMBERED_MS });
  }

  private async history(workflowId: string, runId: string): Promise<History | null> {
    try {
      return await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
    } catch (error) {
      if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return null;
      throw error;
    }
  }

  private async fetched(runId: string, events: History | null, whenMissing: RunHistory): Promise<FetchedRun> {
    if (!events) return { runId, history: whenMissing, historyLength: null, batches: [] };
    return { runId, history: 'retained', historyLength: events.events?.length ?? 0, batches: await this.recordedBatches(runId, events) };
  }

  /** Each `recordEvents` activity the run scheduled, its input decoded as the worker received it. */
  private async recordedBatches(runId: string, history: History): Promise<RecordedBatch[]> {
    const batches = new Map<string, RecordedBatch>();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name === RECORD_EVENTS) {
        const [input] = await decodeArrayFromPayloads(this.client.options.loadedDataConverter, scheduled.input?.payloads);
        const parsed = recordedInputSchema.safeParse(input);
        if (!parsed.success) throw new UnreadableHistoryError(`Run ${runId}: the input of activity ${String(event.eventId)} is not a recordEvents input`);
        batches.set(String(event.eventId), { events: parsed.data.events as SequencedEvent[], stored: false });
      }
      const completed = event.activityTaskCompletedEventAttributes;
      const batch = completed ? batches.get(String(completed.scheduledEventId)) : undefined;
      if (batch) batch.stored = true;
    }
    return [...batches.values()];
  }
}

function startedAttributes(history: History) {
  return history.events?.[0]?.workflowExecutionStartedEventAttributes ?? undefined;
}

const CLOSING_EVENTS = [
  'workflowExecutionCompletedEventAttributes',
  'workflowExecutionContinuedAsNewEventAttributes',
  'workflowExecutionFailedEventAttributes',
  'workflowExecutionTimedOutEventAttributes',
  'workflowExecutionTerminatedEventAttributes',
  'workflowExecutionCanceledEventAttributes',
] as const;

/** The run has ended (continued as new, completed or otherwise): its history will not change. */
function isClosed(history: History): boolean {
  const last = history.events?.at(-1);
  return last !== undefined && CLOSING_EVENTS.some((attributes) => last[attributes] != null);
}
