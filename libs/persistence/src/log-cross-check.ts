/**
 * The log held against what the workflow itself recorded. Every event reaches the log through a
 * `recordEvents` activity, and Temporal keeps each activity's input in the run's history: that input
 * is the event's cause. A stored event the log lacks, a row no run ever recorded, and a row that
 * differs from its recording are each named with their sequence. Pure: the histories are read and
 * decoded by the caller.
 */
import {
  COMPARED_EVENT_FIELDS,
  type ComparedEventField,
  type RunCrossCheck,
  type RunHistory,
  type TemporalCrossCheck,
} from '@pe/domain';
import { eventOf, type EventRow, type SequencedEvent } from './event-row.js';
import { canonicalJson } from './hash.js';

/** One `recordEvents` activity of a run: the events it was given and whether it completed (stored them). */
export interface RecordedBatch {
  events: SequencedEvent[];
  stored: boolean;
}

/** What Temporal holds of one run; `batches` is empty unless its history is retained. */
export interface TemporalRun {
  runId: string;
  history: RunHistory;
  batches: RecordedBatch[];
}

export type LogCrossCheck = Omit<TemporalCrossCheck, 'status' | 'workflowId' | 'runs'> & { runs: RunCrossCheck[] };

interface Cause {
  runId: string;
  event: SequencedEvent;
  stored: boolean;
}

/**
 * `runs` are every run Temporal or the log knows of, oldest first; a row naming a run not among
 * them counts as naming an unknown one. A batch scheduled but not completed (in flight, or failed)
 * is still a cause for rows it may have written, but its events are not owed to the log.
 */
export function crossCheckLog(runs: readonly TemporalRun[], rows: readonly EventRow[]): LogCrossCheck {
  const causes = causesBySequence(runs);
  const historyOf = new Map(runs.map((run) => [run.runId, run.history]));
  const reports = new Map<string, RunCrossCheck>(runs.map((run) => [run.runId, emptyReport(run)]));
  const reportOf = (runId: string) => {
    let report = reports.get(runId);
    if (!report) reports.set(runId, (report = emptyReport({ runId, history: 'unknown', batches: [] })));
    return report;
  };
  const unchecked: number[] = [];
  const logged = new Set<number>();

  for (const row of rows) {
    logged.add(row.sequence);
    reportOf(row.workflow_run_id).logged += 1;
    const cause = causes.get(row.sequence);
    if (cause) {
      const fields = differingFields(cause, row);
      if (fields.length > 0) reportOf(cause.runId).different.push({ sequence: row.sequence, fields });
    } else if (historyOf.get(row.workflow_run_id) === 'not-retained') unchecked.push(row.sequence);
    else reportOf(row.workflow_run_id).withoutCause.push(row.sequence);
  }
  for (const [sequence, cause] of causes) {
    if (cause.stored && !logged.has(sequence)) reportOf(cause.runId).missing.push(sequence);
  }

  const ordered = [...reports.values()].map((report) => ({
    ...report,
    missing: report.missing.sort(bySequence),
    withoutCause: report.withoutCause.sort(bySequence),
    different: report.different.sort((a, b) => a.sequence - b.sequence),
  }));
  return {
    runs: ordered,
    missing: ordered.flatMap((run) => run.missing).sort(bySequence),
    withoutCause: ordered.flatMap((run) => run.withoutCause).sort(bySequence),
    different: ordered.flatMap((run) => run.different).sort((a, b) => a.sequence - b.sequence),
    unchecked: unchecked.sort(bySequence),
  };
}

/** Each sequence's recording; a completed one wins over one that may never have been stored. */
function causesBySequence(runs: readonly TemporalRun[]): Map<number, Cause> {
  const causes = new Map<number, Cause>();
  for (const run of runs) {
    for (const batch of run.batches) {
      for (const event of batch.events) {
        const earlier = causes.get(event.sequence);
        if (!earlier || (batch.stored && !earlier.stored)) causes.set(event.sequence, { runId: run.runId, event, stored: batch.stored });
      }
    }
  }
  return causes;
}

function differingFields(cause: Cause, row: EventRow): ComparedEventField[] {
  const recorded = comparable(cause.event, cause.runId);
  const stored = comparable(eventOf(row), row.workflow_run_id);
  return COMPARED_EVENT_FIELDS.filter((field) => canonicalJson(recorded[field]) !== canonicalJson(stored[field]));
}

/** The compared fields, with the instant normalised as the hash normalises it. */
function comparable(event: SequencedEvent, workflowRunId: string): Record<ComparedEventField, unknown> {
  return { type: event.type, at: new Date(event.at).toISOString(), actor: event.actor, data: event.data, workflowRunId };
}

function emptyReport(run: TemporalRun): RunCrossCheck {
  const recorded = run.batches.filter((batch) => batch.stored).reduce((count, batch) => count + batch.events.length, 0);
  return { runId: run.runId, history: run.history, recorded, logged: 0, missing: [], withoutCause: [], different: [] };
}

const bySequence = (a: number, b: number) => a - b;
