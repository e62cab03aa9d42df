import { proofReport, temporalUnavailable, type LogVerification, type RunCheck, type TemporalCheck } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { eventNumbers, proofChecks, verdictOf } from './proofModel';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const log: LogVerification = {
  valid: true,
  events: 6,
  headHash: 'ab'.repeat(32),
  firstBrokenSequence: null,
  checkpoint: { sequence: 6, hash: 'ab'.repeat(32), signedAt: '2026-03-03T10:00:00.000Z', keyId: 'a853208d8e7e3907', signatureValid: true, presentInLog: true },
  truncated: false,
  missingSequences: [],
  missingCount: 0,
  unsignedSequences: [],
};

const run = (runId: string, overrides: Partial<RunCheck> = {}): RunCheck => ({
  runId,
  history: 'retained',
  recorded: 3,
  logged: 3,
  missing: [],
  withoutCause: [],
  different: [],
  determinism: { status: 'reproduced' },
  ...overrides,
});

const checked = (runs: RunCheck[], unchecked: number[] = []): TemporalCheck => ({
  status: 'checked',
  workflowId: 'partnership-p1',
  runs,
  missing: runs.flatMap((one) => one.missing),
  withoutCause: runs.flatMap((one) => one.withoutCause),
  different: runs.flatMap((one) => one.different),
  unchecked,
});

const twoRuns = [run('0195a1b2-0000-7000-8000-00000000a001'), run('0195a1b2-0000-7000-8000-00000000b002')];

describe('the proof, in words', () => {
  it('given a whole record, then says so once and shows each check passed', () => {
    const report = proofReport(log, checked(twoRuns));
    expect(verdictOf(report, when)).toEqual({ tone: 'success', title: 'The record is whole', findings: ['All four checks passed over all 6 events, across 2 runs of the workflow'] });
    const checks = proofChecks(report, when);
    expect(checks.map((one) => [one.title, one.outcome])).toEqual([
      ['Hash chain', 'Passed'],
      ['Signed checkpoint', 'Passed'],
      ['Against Temporal’s history', 'Passed'],
      ['Replayed by today’s workflow code', 'Passed'],
    ]);
    expect(checks[0]).toMatchObject({ lines: ['6 events recomputed from the first'], code: { label: 'Head hash', value: 'ab'.repeat(32) } });
    expect(checks[1]!.lines[0]).toBe('Newest: event #6, signed 2026-03-03 10:00 with key a853208d8e7e3907');
    expect(checks[2]!.runs.map((one) => [one.title, one.lines])).toEqual([
      ['Run 1 of 2 (…0000a001)', ['3 recorded by the workflow, 3 in the log', 'Every event matches']],
      ['Run 2 of 2 (…0000b002)', ['3 recorded by the workflow, 3 in the log', 'Every event matches']],
    ]);
    expect(checks[3]!.runs[1]!.lines).toEqual(['Today’s workflow code reproduces its history']);
  });

  it('given a cut tail, an altered payload and a row without cause, then names each with its event number', () => {
    const report = proofReport(
      { ...log, events: 5 },
      checked([run('0195a1b2-0000-7000-8000-00000000a001', { different: [{ sequence: 2, fields: ['data', 'actor'] }] }), run('0195a1b2-0000-7000-8000-00000000b002', { logged: 2, missing: [6], withoutCause: [7] })]),
    );
    const verdict = verdictOf(report, when);
    expect(verdict.tone).toBe('error');
    expect(verdict.title).toBe('The record is not whole');
    expect(verdict.findings).toEqual([
      'Temporal recorded event #6, which the log no longer holds',
      'Event #7 in the log has no cause in Temporal: no run of the workflow recorded it',
      'Event #2 differs from what the workflow recorded: its data, actor',
    ]);
    const runs = proofChecks(report, when)[2]!.runs;
    expect(runs[0]).toMatchObject({ tone: 'error', lines: ['3 recorded by the workflow, 3 in the log'], faults: ['Event #2 differs from what the workflow recorded: its data, actor'] });
    expect(runs[1]!.faults).toEqual(['Temporal recorded event #6, which the log no longer holds', 'Event #7 in the log has no cause in Temporal: no run of the workflow recorded it']);
  });

  it('given a broken chain and a checkpoint the log no longer reaches, then names where', () => {
    const report = proofReport(
      { ...log, valid: false, events: 3, firstBrokenSequence: 2, truncated: true, missingSequences: [4, 5, 6], checkpoint: { ...log.checkpoint!, presentInLog: false } },
      checked([run('0195a1b2-0000-7000-8000-00000000a001')]),
    );
    expect(verdictOf(report, when).findings).toEqual([
      'The hash chain breaks at event #2: from there on the log is not as it was written',
      'The log no longer reaches the checkpoint signed at event #6: events #4–#6 missing',
    ]);
    const [chain, checkpoint] = proofChecks(report, when);
    expect(chain).toMatchObject({ outcome: 'Failed', tone: 'error' });
    expect(checkpoint!.lines).toContain('The log no longer reaches the checkpoint signed at event #6: events #4–#6 missing');
  });

  it('given a checkpoint claiming more events than the API lists, then counts the rest', () => {
    const signed = { ...log.checkpoint!, sequence: 1_000_000, presentInLog: false };
    const report = proofReport({ ...log, valid: false, truncated: true, missingSequences: [4, 5, 6], missingCount: 999_997, checkpoint: signed }, checked([run('r1')]));
    expect(verdictOf(report, when).findings).toContain('The log no longer reaches the checkpoint signed at event #1000000: events #4–#6 and 999,994 more missing');
  });

  it('given a run today’s code does not replay, then says the record is whole and names the run and the error', () => {
    const report = proofReport(log, checked([run('0195a1b2-0000-7000-8000-00000000a001', { determinism: { status: 'not-reproduced', error: 'DeterminismViolationError: Nondeterminism' } })]));
    expect(verdictOf(report, when)).toEqual({
      tone: 'warning',
      title: 'The record is whole; today’s workflow code does not reproduce it',
      findings: ['Today’s workflow code does not reproduce the one run (…0000a001): DeterminismViolationError: Nondeterminism'],
    });
    expect(proofChecks(report, when)[3]).toMatchObject({ outcome: 'Failed', runs: [{ tone: 'error', lines: [], faults: ['Today’s workflow code does not reproduce its history: DeterminismViolationError: Nondeterminism'] }] });
  });

  it('given runs still being replayed in the background, then says nothing was found so far, how many runs wait and since when', () => {
    const pending = (requestedAt: string) => ({ determinism: { status: 'pending' as const, requestedAt } });
    const report = proofReport(
      log,
      checked([run('0195a1b2-0000-7000-8000-00000000a001'), run('0195a1b2-0000-7000-8000-00000000b002', pending('2026-03-03T10:05:00.000Z')), run('0195a1b2-0000-7000-8000-00000000c003', pending('2026-03-03T10:04:00.000Z'))]),
    );
    expect(verdictOf(report, when)).toEqual({
      tone: 'info',
      title: 'No fault found so far; the replay against today’s workflow code is still running',
      findings: ['2 of 3 runs are still being replayed against today’s workflow code, asked 2026-03-03 10:04; this page asks again by itself'],
    });
    expect(proofChecks(report, when)[3]).toMatchObject({
      outcome: 'Replaying…',
      tone: 'info',
      runs: [
        { tone: 'success', lines: ['Today’s workflow code reproduces its history'] },
        { tone: 'info', lines: ['Being replayed against today’s workflow code (asked 2026-03-03 10:05)'], faults: [] },
        { tone: 'info', lines: ['Being replayed against today’s workflow code (asked 2026-03-03 10:04)'], faults: [] },
      ],
    });
    // A fault of the record outweighs a replay still running.
    const cut = proofReport({ ...log, valid: false, firstBrokenSequence: 2 }, checked([run('0195a1b2-0000-7000-8000-00000000a001', pending('2026-03-03T10:05:00.000Z'))]));
    expect(verdictOf(cut, when).title).toBe('The record is not whole');
  });

  it('given Temporal unavailable, then the log’s checks stand and the verdict says what was not checked', () => {
    const report = proofReport(log, temporalUnavailable('timeout'));
    expect(verdictOf(report, when)).toEqual({ tone: 'warning', title: 'No fault found, but not everything could be checked', findings: ['Temporal was not checked: Temporal did not answer in time'] });
    expect(proofChecks(report, when).map((one) => one.outcome)).toEqual(['Passed', 'Passed', 'Not checked', 'Not checked']);
    expect(proofChecks(report, when)[2]!.lines).toEqual(['Temporal did not answer in time']);
  });

  it('given a run whose history Temporal no longer keeps, then it is partly checked, not at fault', () => {
    const forgotten = run('0195a1b2-0000-7000-8000-00000000a001', { history: 'not-retained', recorded: 0, determinism: { status: 'unavailable', reason: 'Temporal no longer keeps this run’s history' } });
    const report = proofReport(log, checked([forgotten, run('0195a1b2-0000-7000-8000-00000000b002')], [1, 2, 3]));
    expect(verdictOf(report, when)).toMatchObject({ tone: 'warning', findings: ['Temporal no longer keeps the history of one run: events #1–#3 could not be cross-checked'] });
    expect(proofChecks(report, when)[2]).toMatchObject({ outcome: 'Partly checked', runs: [{ tone: 'info' }, { tone: 'success' }] });
  });

  it('reads event numbers as ranges, pairs and a counted tail', () => {
    expect(eventNumbers([4])).toBe('#4');
    expect(eventNumbers([4, 3])).toBe('#3 and #4');
    expect(eventNumbers([3, 4, 5, 9])).toBe('#3–#5 and #9');
    expect(eventNumbers(Array.from({ length: 15 }, (_, index) => index * 2))).toBe('#0, #2, #4, #6, #8, #10, #12, #14, #16, #18, #20, #22 and 3 more');
  });
});
