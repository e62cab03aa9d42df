/**
 * What the verification of a partnership's record reports, and how its parts make one verdict.
 * Four checks: the hash chain and the newest signed checkpoint (both from PostgreSQL alone), the
 * cross-check of the log against the workflow's own Temporal history run by run, and whether the
 * workflow code deployed now reproduces those histories (determinism). A part that could not be
 * checked (Temporal down, a history Temporal no longer keeps) is never a fault, but it is never a
 * pass either: `valid` says no part found a fault in the record, `complete` that every part was
 * checked in full. Determinism is a property of the code deployed now, not of the record: a history
 * today's code does not reproduce fails its own check and leaves the proof incomplete, never invalid.
 */

/** The hash chain recomputed from the first event. */
export interface ChainVerification {
  valid: boolean;
  events: number;
  headHash: string;
  /** The first event that is not as it was written (edited, deleted, swapped or slipped in). */
  firstBrokenSequence: number | null;
}

/** The newest signed head the log has, held against the log. */
export interface CheckpointReport {
  sequence: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signatureValid: boolean;
  /** The log still holds an event at the checkpoint's sequence with the checkpoint's hash. */
  presentInLog: boolean;
}

/** The chain held against the newest signed checkpoint: what a chain alone cannot see is a cut tail. */
export interface LogVerification extends ChainVerification {
  /** Null for a partnership whose log no checkpoint has vouched for yet. */
  checkpoint: CheckpointReport | null;
  /** The log no longer reaches the newest checkpoint, or holds another event at its sequence. */
  truncated: boolean;
  /**
   * Sequences up to the newest checkpoint that the log no longer holds, the lowest first and at most
   * MISSING_LISTED of them (a forged checkpoint may claim any sequence); `missingCount` counts them all.
   */
  missingSequences: number[];
  missingCount: number;
  /** Events after the newest checkpoint: none was signed, so the worker did not write them. */
  unsignedSequences: number[];
}

/** How many missing sequences a verification names; the rest are only counted. */
export const MISSING_LISTED = 100;

/** The parts of an event the cross-check compares, canonical JSON for each. */
export const COMPARED_EVENT_FIELDS = ['type', 'at', 'actor', 'data', 'workflowRunId'] as const;
export type ComparedEventField = (typeof COMPARED_EVENT_FIELDS)[number];

/** An event the log holds otherwise than the workflow recorded it. */
export interface EventDifference {
  sequence: number;
  fields: ComparedEventField[];
}

/**
 * What Temporal knows of one run: `retained` (its history is there to compare), `not-retained` (the
 * run was this workflow's, but its retention period is over, so its events cannot be cross-checked),
 * or `unknown` (a run id the log names that Temporal never ran for this workflow).
 */
export type RunHistory = 'retained' | 'not-retained' | 'unknown';

/** One run's events as Temporal recorded them (the input of each `recordEvents` activity) against the log's. */
export interface RunCrossCheck {
  runId: string;
  history: RunHistory;
  /** Events the run stored, by its completed `recordEvents` activities. */
  recorded: number;
  /** Log rows that name this run. */
  logged: number;
  /** Stored by this run, absent from the log: the log lost them (a cut tail, a deleted row). */
  missing: number[];
  /** Log rows of this run that no run of the workflow ever recorded. */
  withoutCause: number[];
  /** Events of this run the log holds otherwise than the run recorded them. */
  different: EventDifference[];
}

/**
 * Whether the workflow code deployed now, replaying a run's history, issues the same commands.
 * `pending`: the replay runs in the background (a long log takes longer than a request should);
 * `requestedAt` says since when, and a later verification answers the verdict.
 */
export type Determinism =
  | { status: 'reproduced' }
  | { status: 'not-reproduced'; error: string }
  | { status: 'pending'; requestedAt: string }
  | { status: 'unavailable'; reason: string };

/** A verdict replay reaches (stored, and reused while the history and the deployed code are the same). */
export type ReplayVerdict = Extract<Determinism, { status: 'reproduced' | 'not-reproduced' }>;

export interface RunCheck extends RunCrossCheck {
  determinism: Determinism;
}

/** The log against Temporal, every run of the workflow (across continue-as-new), oldest first. */
export interface TemporalCrossCheck {
  status: 'checked';
  workflowId: string;
  runs: RunCheck[];
  missing: number[];
  withoutCause: number[];
  different: EventDifference[];
  /** Log sequences of runs whose history Temporal no longer keeps: not cross-checked. */
  unchecked: number[];
}

/**
 * Why the Temporal part was not checked: Temporal did not answer in time, could not be reached, or
 * this API was already checking as many partnerships against Temporal as it checks at once.
 */
export const TEMPORAL_UNAVAILABLE_REASONS = {
  timeout: 'Temporal did not answer in time',
  unreachable: 'Temporal is unreachable',
  busy: 'The server is busy checking other partnerships against Temporal; try again in a few seconds',
} as const;
export type TemporalUnavailableCause = keyof typeof TEMPORAL_UNAVAILABLE_REASONS;

/** Temporal's part was not checked: the log's own checks still stand. */
export interface TemporalUnavailable {
  status: 'unavailable';
  cause: TemporalUnavailableCause;
  /** For people; never the transport's own error text (it names internal addresses). */
  reason: string;
}

export function temporalUnavailable(cause: TemporalUnavailableCause): TemporalUnavailable {
  return { status: 'unavailable', cause, reason: TEMPORAL_UNAVAILABLE_REASONS[cause] };
}

export type TemporalCheck = TemporalCrossCheck | TemporalUnavailable;

/**
 * `partial`: no fault in what could be checked, but some of it could not be. `pending`: nothing
 * found so far, and the rest is still being checked in the background (determinism only).
 */
export type CheckOutcome = 'passed' | 'failed' | 'partial' | 'pending' | 'unavailable';

export interface ProofChecks {
  chain: CheckOutcome;
  checkpoint: CheckOutcome;
  crossCheck: CheckOutcome;
  determinism: CheckOutcome;
}

/** What `GET /api/partnerships/:id/verify` answers: the log's verification, the Temporal part, and the verdict. */
export interface ProofReport extends LogVerification {
  /** No check of the record (chain, checkpoint, cross-check) found a fault; determinism does not count. */
  valid: boolean;
  /** Every check ran over every event and passed. */
  complete: boolean;
  checks: ProofChecks;
  temporal: TemporalCheck;
}

/**
 * The checkpoint's part of a log's verification: it must be validly signed, still in the log, and
 * nothing may follow it (the worker signs every head it writes). A log no checkpoint vouches for yet
 * (one from before checkpoints existed, until its next append) cannot be held against one.
 */
export function checkpointOutcome(log: Pick<LogVerification, 'checkpoint' | 'unsignedSequences'>): CheckOutcome {
  if (!log.checkpoint) return 'unavailable';
  return log.checkpoint.signatureValid && log.checkpoint.presentInLog && log.unsignedSequences.length === 0 ? 'passed' : 'failed';
}

export function crossCheckOutcome(temporal: TemporalCheck): CheckOutcome {
  if (temporal.status === 'unavailable') return 'unavailable';
  if (temporal.missing.length + temporal.withoutCause.length + temporal.different.length > 0) return 'failed';
  const kept = temporal.runs.filter((run) => run.history === 'retained');
  if (kept.length === 0) return 'unavailable';
  return kept.length < temporal.runs.length || temporal.unchecked.length > 0 ? 'partial' : 'passed';
}

/**
 * Over the workflow's real runs: a run id Temporal never ran has no history to replay, and is the
 * cross-check's fault. A run today's code does not reproduce fails it at once; otherwise a run still
 * being replayed leaves it pending.
 */
export function determinismOutcome(temporal: TemporalCheck): CheckOutcome {
  if (temporal.status === 'unavailable') return 'unavailable';
  const runs = temporal.runs.filter((run) => run.history !== 'unknown');
  if (runs.some((run) => run.determinism.status === 'not-reproduced')) return 'failed';
  if (runs.some((run) => run.determinism.status === 'pending')) return 'pending';
  const reproduced = runs.filter((run) => run.determinism.status === 'reproduced').length;
  if (reproduced === 0) return 'unavailable';
  return reproduced < runs.length ? 'partial' : 'passed';
}

/** The log's verification and the Temporal part, made one report. */
export function proofReport(log: LogVerification, temporal: TemporalCheck): ProofReport {
  const checks: ProofChecks = {
    chain: log.firstBrokenSequence === null ? 'passed' : 'failed',
    checkpoint: checkpointOutcome(log),
    crossCheck: crossCheckOutcome(temporal),
    determinism: determinismOutcome(temporal),
  };
  const ofTheRecord = [checks.chain, checks.checkpoint, checks.crossCheck];
  return {
    ...log,
    valid: !ofTheRecord.includes('failed'),
    complete: Object.values(checks).every((outcome) => outcome === 'passed'),
    checks,
    temporal,
  };
}
