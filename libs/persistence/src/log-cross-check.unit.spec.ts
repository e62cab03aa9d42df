import { describe, expect, it } from 'vitest';
import type { EventRow, SequencedEvent } from './event-row.js';
import { crossCheckLog, type TemporalRun } from './log-cross-check.js';

const partnershipId = '5d1f6c1e-7a55-4f0e-9a43-2f1e8c0b9d11';
const coordinator = { kind: 'user', userId: 'u1', role: 'coordinator', organizationId: 'o1' } as const;

function event(sequence: number, note = `event ${sequence}`): SequencedEvent {
  return { type: 'GoalsRecorded', at: new Date(Date.UTC(2026, 10, sequence, 9, 30, 0, 123)).toISOString(), actor: coordinator, data: { note }, sequence } as unknown as SequencedEvent;
}

/** The row appendEvents writes for `recorded` in run `runId` (hashes play no part in the cross-check). */
function row(recorded: SequencedEvent, runId: string): EventRow {
  return {
    partnership_id: partnershipId,
    sequence: recorded.sequence,
    type: recorded.type,
    occurred_at: new Date(recorded.at),
    actor_id: recorded.actor.userId,
    actor_role: recorded.actor.role,
    actor_organization_id: recorded.actor.organizationId,
    // jsonb keeps no key order: the comparison must not care.
    payload: JSON.parse(JSON.stringify(recorded.data)),
    previous_hash: '',
    hash: '',
    workflow_run_id: runId,
  };
}

/** Two runs (a continue-as-new after event 3), each event stored by its own activity. */
function twoRuns(): { runs: TemporalRun[]; rows: EventRow[] } {
  const first = [1, 2, 3].map((sequence) => event(sequence));
  const second = [4, 5].map((sequence) => event(sequence));
  return {
    runs: [
      { runId: 'run-1', history: 'retained', batches: [{ events: first.slice(0, 2), stored: true }, { events: first.slice(2), stored: true }] },
      { runId: 'run-2', history: 'retained', batches: [{ events: second, stored: true }] },
    ],
    rows: [...first.map((one) => row(one, 'run-1')), ...second.map((one) => row(one, 'run-2'))],
  };
}

describe('the log against the workflow’s own recordings', () => {
  it('finds nothing in a log that holds exactly what each run recorded', () => {
    const { runs, rows } = twoRuns();
    const report = crossCheckLog(runs, rows);
    expect(report).toMatchObject({ missing: [], withoutCause: [], different: [], unchecked: [] });
    expect(report.runs).toEqual([
      { runId: 'run-1', history: 'retained', recorded: 3, logged: 3, missing: [], withoutCause: [], different: [] },
      { runId: 'run-2', history: 'retained', recorded: 2, logged: 2, missing: [], withoutCause: [], different: [] },
    ]);
  });

  it('names the newest events cut off the log as missing, in the run that stored them', () => {
    const { runs, rows } = twoRuns();
    const report = crossCheckLog(runs, rows.slice(0, 3));
    expect(report.missing).toEqual([4, 5]);
    expect(report.runs[1]).toMatchObject({ runId: 'run-2', recorded: 2, logged: 0, missing: [4, 5] });
    expect(report.runs[0]!.missing).toEqual([]);
  });

  it('names a row no run recorded as without cause, in the run it claims', () => {
    const { runs, rows } = twoRuns();
    const report = crossCheckLog(runs, [...rows, row(event(6), 'run-2')]);
    expect(report.withoutCause).toEqual([6]);
    expect(report.runs[1]!.withoutCause).toEqual([6]);
  });

  it('names each field of an event the log holds otherwise', () => {
    const { runs, rows } = twoRuns();
    const edited = rows.map((one) =>
      one.sequence === 2 ? { ...one, payload: { note: 'rewritten' } } : one.sequence === 4 ? { ...one, actor_id: 'u2', occurred_at: new Date(0) } : one,
    );
    const report = crossCheckLog(runs, edited);
    expect(report.different).toEqual([
      { sequence: 2, fields: ['data'] },
      { sequence: 4, fields: ['at', 'actor'] },
    ]);
    expect(report.runs.map((run) => run.different.map((difference) => difference.sequence))).toEqual([[2], [4]]);
  });

  it('names a row filed under the wrong run, and one under a run Temporal never ran', () => {
    const { runs, rows } = twoRuns();
    const moved = rows.map((one) => (one.sequence === 5 ? { ...one, workflow_run_id: 'run-1' } : one));
    expect(crossCheckLog(runs, moved).different).toEqual([{ sequence: 5, fields: ['workflowRunId'] }]);

    const report = crossCheckLog([...runs, { runId: 'run-x', history: 'unknown', batches: [] }], [...rows, row(event(6), 'run-x')]);
    expect(report.withoutCause).toEqual([6]);
    expect(report.runs.at(-1)).toMatchObject({ runId: 'run-x', history: 'unknown', logged: 1, withoutCause: [6] });
  });

  it('counts a row naming a run not given as a row of an unknown run', () => {
    const { runs, rows } = twoRuns();
    const report = crossCheckLog(runs, [...rows, row(event(6), 'run-elsewhere')]);
    expect(report.runs.at(-1)).toMatchObject({ runId: 'run-elsewhere', history: 'unknown', withoutCause: [6] });
  });

  it('leaves the events of a run Temporal no longer keeps unchecked, not at fault', () => {
    const { runs, rows } = twoRuns();
    const forgotten: TemporalRun[] = [{ runId: 'run-1', history: 'not-retained', batches: [] }, runs[1]!];
    const report = crossCheckLog(forgotten, rows);
    expect(report).toMatchObject({ missing: [], withoutCause: [], different: [], unchecked: [1, 2, 3] });
    expect(report.runs[0]).toMatchObject({ history: 'not-retained', recorded: 0, logged: 3 });
  });

  it('owes the log nothing for an activity that has not completed, yet accepts the rows it wrote', () => {
    const { runs, rows } = twoRuns();
    const inFlight: TemporalRun[] = [runs[0]!, { ...runs[1]!, batches: [{ events: runs[1]!.batches[0]!.events, stored: false }] }];
    expect(crossCheckLog(inFlight, rows.slice(0, 3))).toMatchObject({ missing: [], withoutCause: [], different: [] });
    expect(crossCheckLog(inFlight, rows)).toMatchObject({ missing: [], withoutCause: [], different: [] });
  });
});
