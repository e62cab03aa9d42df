import { describe, expect, it } from 'vitest';
import { proofReport, temporalUnavailable, type LogVerification, type RunCheck, type TemporalCheck } from './audit-proof.js';

const cleanLog: LogVerification = {
  valid: true,
  events: 5,
  headHash: 'h5',
  firstBrokenSequence: null,
  checkpoint: { sequence: 5, hash: 'h5', signedAt: '2026-03-03T10:00:00.000Z', keyId: 'k', signatureValid: true, presentInLog: true },
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

const checked = (runs: RunCheck[], overrides: Partial<Extract<TemporalCheck, { status: 'checked' }>> = {}): TemporalCheck => ({
  status: 'checked',
  workflowId: 'partnership-1',
  runs,
  missing: runs.flatMap((one) => one.missing),
  withoutCause: runs.flatMap((one) => one.withoutCause),
  different: runs.flatMap((one) => one.different),
  unchecked: [],
  ...overrides,
});

describe('the verdict of a proof', () => {
  it('is valid and complete when all four checks pass', () => {
    const report = proofReport(cleanLog, checked([run('r1'), run('r2')]));
    expect(report).toMatchObject({ valid: true, complete: true, checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'passed', determinism: 'passed' } });
  });

  it('stays valid but incomplete when Temporal does not answer', () => {
    const report = proofReport(cleanLog, temporalUnavailable('timeout'));
    expect(report).toMatchObject({ valid: true, complete: false, checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'unavailable', determinism: 'unavailable' } });
  });

  it('is invalid when the chain, the checkpoint or the cross-check finds a fault', () => {
    expect(proofReport({ ...cleanLog, valid: false, firstBrokenSequence: 2 }, checked([run('r1')])).checks.chain).toBe('failed');
    expect(proofReport({ ...cleanLog, valid: false, truncated: true, checkpoint: { ...cleanLog.checkpoint!, presentInLog: false } }, checked([run('r1')]))).toMatchObject({
      valid: false,
      checks: { checkpoint: 'failed' },
    });
    expect(proofReport({ ...cleanLog, valid: false, unsignedSequences: [6] }, checked([run('r1')])).checks.checkpoint).toBe('failed');
    expect(proofReport(cleanLog, checked([run('r1', { missing: [5] })]))).toMatchObject({ valid: false, checks: { crossCheck: 'failed', determinism: 'passed' } });
  });

  it('stays valid but incomplete when today’s code does not reproduce a history: that is the code’s fault, not the record’s', () => {
    expect(proofReport(cleanLog, checked([run('r1', { determinism: { status: 'not-reproduced', error: 'Nondeterminism' } })]))).toMatchObject({
      valid: true,
      complete: false,
      checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'passed', determinism: 'failed' },
    });
  });

  it('calls a log no checkpoint vouches for yet unchecked, not at fault', () => {
    const report = proofReport({ ...cleanLog, checkpoint: null }, checked([run('r1')]));
    expect(report).toMatchObject({ valid: true, complete: false, checks: { checkpoint: 'unavailable' } });
  });

  it('is partial over a run whose history Temporal no longer keeps', () => {
    const forgotten = run('r1', { history: 'not-retained', recorded: 0, determinism: { status: 'unavailable', reason: 'not kept' } });
    const report = proofReport(cleanLog, checked([forgotten, run('r2')], { unchecked: [1, 2, 3] }));
    expect(report).toMatchObject({ valid: true, complete: false, checks: { crossCheck: 'partial', determinism: 'partial' } });
    const allForgotten = proofReport(cleanLog, checked([forgotten], { unchecked: [1, 2, 3] }));
    expect(allForgotten.checks).toMatchObject({ crossCheck: 'unavailable', determinism: 'unavailable' });
  });

  it('leaves a run Temporal never ran out of determinism: its rows are the cross-check’s fault', () => {
    const bogus = run('rx', { history: 'unknown', recorded: 0, logged: 1, withoutCause: [6], determinism: { status: 'unavailable', reason: 'no such run' } });
    expect(proofReport(cleanLog, checked([run('r1'), bogus])).checks).toMatchObject({ crossCheck: 'failed', determinism: 'passed' });
  });

  it('is pending, valid and incomplete while a run is still being replayed, and failed as soon as one run is not reproduced', () => {
    const pending = run('r2', { determinism: { status: 'pending', requestedAt: '2026-03-03T10:00:00.000Z' } });
    expect(proofReport(cleanLog, checked([run('r1'), pending]))).toMatchObject({ valid: true, complete: false, checks: { crossCheck: 'passed', determinism: 'pending' } });
    const failed = run('r1', { determinism: { status: 'not-reproduced', error: 'Nondeterminism' } });
    expect(proofReport(cleanLog, checked([failed, pending])).checks.determinism).toBe('failed');
  });
});
