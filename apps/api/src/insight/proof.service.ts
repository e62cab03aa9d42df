/**
 * Proof that a partnership's record is whole: the log's own checks from PostgreSQL (hash chain,
 * newest signed checkpoint), the log held against the workflow's Temporal history run by run, and
 * those histories replayed against the workflow code deployed now. Temporal's part is bounded in
 * time — by how long Temporal stays silent, so a long log's many histories still arrive, and by an
 * overall deadline: when Temporal is down or slow the proof says so beside the log's checks, and
 * never fails.
 *
 * Fetching every run's history is heavy for the whole API, and any role that sees a partnership may
 * ask for it: a process-wide cap runs a few at once, a caller who finds no turn within a moment gets
 * the log's checks with Temporal's part `busy`, and an unchanged log's cross-check is remembered for
 * a short while. Replaying is heavier still, and a history replays the same until the code or the
 * history changes: verdicts are stored and replays run in the background (DeterminismService), so a
 * verification never waits for one.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { isGrpcDeadlineError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { proofReport, temporalUnavailable, type Determinism, type ProofReport, type RunHistory, type TemporalCheck } from '@pe/domain';
import { crossCheckLog, logVerification, readLogSnapshot, type AuditKeys, type EventRow, type LogCrossCheck, type LogSnapshot, type ReplayedRunKey } from '@pe/persistence';
import { workflowIdFor } from '@pe/workflows';
import { Admission } from '../http/admission.js';
import { TemporalTimeoutError, WorkflowHistories, type FetchedRun } from '../temporal/workflow-histories.js';
import { AUDIT_KEYS, DATABASE } from '../tokens.js';
import { DeterminismService, NOT_REPLAYABLE } from './determinism.service.js';

/** How long verification waits for any one answer from Temporal before reporting Temporal unavailable. */
export const TEMPORAL_ANSWER_MS = 5_000;
/** How long fetching a long log's histories may take in all, however steadily Temporal answers. */
export const TEMPORAL_HISTORIES_AT_MOST_MS = 30_000;
/** Temporal cross-checks run at once in this process. */
export const TEMPORAL_CHECKS_AT_ONCE = 1;
/** How long a verification waits for a turn before answering with Temporal's part `busy`. */
export const TEMPORAL_TURN_WAIT_MS = 2_000;
/** How long the cross-check of an unchanged log is reused: repeated clicks do not fetch the histories again. */
export const TEMPORAL_PART_REUSED_MS = 30_000;
/** Remembered cross-checks at most (oldest forgotten first). */
export const REMEMBERED_PARTS = 200;

/** The log held against Temporal's histories, and what of them can be replayed; determinism is asked for on each verification. */
interface CrossChecked {
  workflowId: string;
  crossCheck: LogCrossCheck;
  /** Each retained run and its history's length as fetched. */
  replayable: ReplayedRunKey[];
}

type TemporalPart = { snapshot: LogSnapshot } & ({ checked: CrossChecked } | { unavailable: TemporalCheck });

@Injectable()
export class ProofService {
  private readonly logger = new Logger(ProofService.name);
  private readonly turns = new Admission(TEMPORAL_CHECKS_AT_ONCE);
  private readonly remembered = new Map<string, { until: number; checked: CrossChecked }>();

  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(AUDIT_KEYS) private readonly auditKeys: AuditKeys,
    @Inject(WorkflowHistories) private readonly histories: WorkflowHistories,
    @Inject(DeterminismService) private readonly determinism: DeterminismService,
  ) {}

  /** The caller has been allowed to see the partnership. */
  async verify(partnershipId: string): Promise<ProofReport> {
    const before = await readLogSnapshot(this.db, partnershipId);
    const reused = this.recall(partnershipId, before);
    if (reused) return this.report(partnershipId, before, await this.withDeterminism(reused));

    const release = await this.turns.enter(TEMPORAL_TURN_WAIT_MS);
    if (!release) return this.report(partnershipId, before, temporalUnavailable('busy'));
    let part: TemporalPart;
    try {
      part = await this.temporalPart(partnershipId);
    } finally {
      release();
    }
    if ('unavailable' in part) return this.report(partnershipId, part.snapshot, part.unavailable);
    this.remember(partnershipId, part.snapshot, part.checked);
    return this.report(partnershipId, part.snapshot, await this.withDeterminism(part.checked));
  }

  private report(partnershipId: string, snapshot: LogSnapshot, temporal: TemporalCheck): ProofReport {
    return proofReport(logVerification(partnershipId, snapshot, this.auditKeys), temporal);
  }

  private async temporalPart(partnershipId: string): Promise<TemporalPart> {
    const workflowId = workflowIdFor(partnershipId);
    const bounds = { silenceMs: TEMPORAL_ANSWER_MS, deadline: Date.now() + TEMPORAL_HISTORIES_AT_MOST_MS };
    // Temporal first, the log second: every event Temporal saw stored is then in the snapshot.
    const first = await this.fromTemporal(() => this.histories.runs(workflowId, [], bounds));
    const snapshot = await readLogSnapshot(this.db, partnershipId);
    if ('unavailable' in first) return { snapshot, unavailable: first.unavailable };

    let runs = first.runs;
    let crossCheck = crossCheckLog(runs, snapshot.rows);
    // The log names runs outside the chain, or holds rows appended after Temporal answered: ask again, naming them.
    if (crossCheck.withoutCause.length > 0 || runIdsOf(snapshot.rows).some((runId) => !runs.some((run) => run.runId === runId))) {
      const again = await this.fromTemporal(() => this.histories.runs(workflowId, runIdsOf(snapshot.rows), bounds));
      if ('unavailable' in again) return { snapshot, unavailable: again.unavailable };
      runs = again.runs;
      crossCheck = crossCheckLog(runs, snapshot.rows);
    }
    const replayable = runs.flatMap((run) => (run.historyLength ? [{ runId: run.runId, historyLength: run.historyLength }] : []));
    return { snapshot, checked: { workflowId, crossCheck, replayable } };
  }

  /** The cross-check with each run's determinism as known now (a stored verdict, or pending while it replays). */
  private async withDeterminism({ workflowId, crossCheck, replayable }: CrossChecked): Promise<TemporalCheck> {
    const verdicts = await this.determinism.of(workflowId, replayable);
    return {
      status: 'checked',
      workflowId,
      ...crossCheck,
      runs: crossCheck.runs.map((run) => ({ ...run, determinism: verdicts.get(run.runId) ?? notReplayable(run.history) })),
    };
  }

  /** The transport's own error text names internal addresses: people get a generic reason, the server log the detail. */
  private async fromTemporal(fetch: () => Promise<FetchedRun[]>): Promise<{ runs: FetchedRun[] } | { unavailable: TemporalCheck }> {
    try {
      return { runs: await fetch() };
    } catch (error) {
      const late = error instanceof TemporalTimeoutError || isGrpcDeadlineError(error);
      this.logger.warn(`Verification without Temporal: ${late ? `no answer within ${TEMPORAL_ANSWER_MS / 1000} s, or the histories not all within ${TEMPORAL_HISTORIES_AT_MOST_MS / 1000} s` : messageOf(error)}`);
      return { unavailable: temporalUnavailable(late ? 'timeout' : 'unreachable') };
    }
  }

  private recall(partnershipId: string, snapshot: LogSnapshot): CrossChecked | undefined {
    const key = partKey(partnershipId, snapshot);
    const entry = this.remembered.get(key);
    if (entry && entry.until > Date.now()) return entry.checked;
    if (entry) this.remembered.delete(key);
    return undefined;
  }

  private remember(partnershipId: string, snapshot: LogSnapshot, checked: CrossChecked): void {
    const now = Date.now();
    for (const [key, entry] of this.remembered) if (entry.until <= now) this.remembered.delete(key);
    while (this.remembered.size >= REMEMBERED_PARTS) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(partKey(partnershipId, snapshot), { until: now + TEMPORAL_PART_REUSED_MS, checked });
  }
}

/**
 * What Temporal's part depends on in the log: every row as stored (a head sequence and hash alone
 * would miss a payload edited in place, which the cross-check must name), so any change to the log
 * — an append, a tamper — asks Temporal again.
 */
function partKey(partnershipId: string, { rows }: LogSnapshot): string {
  const digest = createHash('sha256');
  for (const row of rows) digest.update(JSON.stringify(row)).update('\n');
  return `${partnershipId}:${rows.length}:${digest.digest('hex')}`;
}

function runIdsOf(rows: readonly EventRow[]): string[] {
  return [...new Set(rows.map((row) => row.workflow_run_id))];
}

function notReplayable(history: RunHistory): Determinism {
  return { status: 'unavailable', reason: history === 'retained' ? 'not replayed' : NOT_REPLAYABLE[history] };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
