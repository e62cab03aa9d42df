/**
 * Proof that a partnership's record is whole: the log's own checks from PostgreSQL (hash chain,
 * newest signed checkpoint), the log held against the workflow's Temporal history run by run, and
 * those histories replayed against the workflow code deployed now. Temporal's part is bounded in
 * time: when Temporal is down or slow the proof says so beside the log's checks, and never fails.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { isGrpcDeadlineError } from '@temporalio/client';
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { proofReport, type Determinism, type ProofReport, type RunHistory, type TemporalCheck } from '@pe/domain';
import { crossCheckLog, logVerification, readLogSnapshot, type EventRow } from '@pe/persistence';
import { workflowIdFor } from '@pe/workflows';
import { TemporalTimeoutError, WorkflowHistories, type FetchedRun } from '../temporal/workflow-histories.js';
import { WorkflowReplay } from '../temporal/workflow-replay.js';
import { AUDIT_PUBLIC_KEY, DATABASE } from '../tokens.js';

/** How long verification waits for Temporal's histories before reporting Temporal unavailable. */
export const TEMPORAL_ANSWER_MS = 5_000;
/** How long replaying may take; the first verification in a process also bundles the workflow code. */
export const REPLAY_MS = 20_000;

const NOT_REPLAYABLE: Record<Exclude<RunHistory, 'retained'>, string> = {
  'not-retained': 'Temporal no longer keeps this run’s history',
  unknown: 'Temporal never ran this run for this workflow',
};

@Injectable()
export class ProofService {
  private readonly logger = new Logger(ProofService.name);

  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(AUDIT_PUBLIC_KEY) private readonly auditKey: KeyObject,
    @Inject(WorkflowHistories) private readonly histories: WorkflowHistories,
    @Inject(WorkflowReplay) private readonly replayer: WorkflowReplay,
  ) {}

  /** The caller has been allowed to see the partnership. */
  async verify(partnershipId: string): Promise<ProofReport> {
    const workflowId = workflowIdFor(partnershipId);
    const deadline = Date.now() + TEMPORAL_ANSWER_MS;
    // Temporal first, the log second: every event Temporal saw stored is then in the snapshot.
    const first = await this.fromTemporal(() => this.histories.runs(workflowId, [], deadline));
    const snapshot = await readLogSnapshot(this.db, partnershipId);
    const log = logVerification(partnershipId, snapshot, this.auditKey);
    if ('unavailable' in first) return proofReport(log, first.unavailable);

    let runs = first.runs;
    let crossCheck = crossCheckLog(runs, snapshot.rows);
    // The log names runs outside the chain, or holds rows appended after Temporal answered: ask again, naming them.
    if (crossCheck.withoutCause.length > 0 || runIdsOf(snapshot.rows).some((runId) => !runs.some((run) => run.runId === runId))) {
      const again = await this.fromTemporal(() => this.histories.runs(workflowId, runIdsOf(snapshot.rows), deadline));
      if ('unavailable' in again) return proofReport(log, again.unavailable);
      runs = again.runs;
      crossCheck = crossCheckLog(runs, snapshot.rows);
    }
    const determinism = await this.determinism(workflowId, runs);
    const temporal: TemporalCheck = {
      status: 'checked',
      workflowId,
      ...crossCheck,
      runs: crossCheck.runs.map((run) => ({ ...run, determinism: determinism.get(run.runId) ?? notReplayable(run.history) })),
    };
    return proofReport(log, temporal);
  }

  private async fromTemporal(fetch: () => Promise<FetchedRun[]>): Promise<{ runs: FetchedRun[] } | { unavailable: TemporalCheck }> {
    try {
      return { runs: await fetch() };
    } catch (error) {
      const late = error instanceof TemporalTimeoutError || isGrpcDeadlineError(error);
      const reason = late ? `Temporal did not answer within ${TEMPORAL_ANSWER_MS / 1000} s` : `Temporal could not be asked: ${messageOf(error)}`;
      this.logger.warn(`Verification without Temporal: ${reason}`);
      return { unavailable: { status: 'unavailable', reason } };
    }
  }

  /** Each retained run replayed; a replay that fails to run or outlasts REPLAY_MS leaves its runs unavailable. */
  private async determinism(workflowId: string, runs: FetchedRun[]): Promise<Map<string, Determinism>> {
    const replayable = runs.flatMap((run) => (run.events ? [{ runId: run.runId, history: run.events }] : []));
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`the replay did not finish within ${REPLAY_MS / 1000} s`), REPLAY_MS);
    });
    const replayed = this.replayer.replay(workflowId, replayable, () => abandoned);
    try {
      const outcome = await Promise.race([replayed, late]);
      if (typeof outcome !== 'string') return outcome;
      abandoned = true;
      replayed.catch(() => undefined);
      return unavailableFor(replayable, outcome);
    } catch (error) {
      this.logger.warn(`Replay for verification failed: ${messageOf(error)}`);
      return unavailableFor(replayable, `the replay could not run: ${messageOf(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function runIdsOf(rows: readonly EventRow[]): string[] {
  return [...new Set(rows.map((row) => row.workflow_run_id))];
}

function notReplayable(history: RunHistory): Determinism {
  return { status: 'unavailable', reason: history === 'retained' ? 'not replayed' : NOT_REPLAYABLE[history] };
}

function unavailableFor(runs: { runId: string }[], reason: string): Map<string, Determinism> {
  return new Map(runs.map((run) => [run.runId, { status: 'unavailable', reason }]));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
