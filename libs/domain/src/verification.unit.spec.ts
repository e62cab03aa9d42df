import { describe, expect, it } from 'vitest';
import { logVerdict, summarizeVerifications, verificationProblems, type LogFindings, type PartnershipVerification } from './verification.js';

const clean: LogFindings = {
  valid: true,
  events: 4,
  firstBrokenSequence: null,
  checkpoint: { sequence: 4, signatureValid: true, presentInLog: true },
  truncated: false,
  missingSequences: [],
  missingCount: 0,
  unsignedSequences: [],
};

const row = (name: string, findings: Partial<LogFindings>): PartnershipVerification => {
  const merged = { ...clean, ...findings };
  return { ...merged, partnershipId: name, name, stage: 'LISTENING', verdict: logVerdict(merged) };
};

describe('logVerdict', () => {
  it('names the most serious finding: a broken chain before a cut tail before a forged checkpoint before unsigned events', () => {
    expect(logVerdict(clean)).toBe('valid');
    const everything = { valid: false, firstBrokenSequence: 2, truncated: true, checkpoint: { sequence: 4, signatureValid: false, presentInLog: false }, unsignedSequences: [5] };
    expect(logVerdict({ ...clean, ...everything })).toBe('broken');
    expect(logVerdict({ ...clean, ...everything, firstBrokenSequence: null })).toBe('truncated');
    expect(logVerdict({ ...clean, ...everything, firstBrokenSequence: null, truncated: false })).toBe('forged');
    expect(logVerdict({ ...clean, valid: false, unsignedSequences: [5] })).toBe('unsigned');
  });

  it('never calls an invalid log valid, even for a reason it does not know', () => {
    expect(logVerdict({ ...clean, valid: false })).toBe('broken');
  });
});

describe('summarizeVerifications', () => {
  it('counts each verdict once, so the counts add up to what was checked, and the logs no checkpoint guards', () => {
    const rows = [
      row('a', {}),
      row('b', { valid: false, firstBrokenSequence: 3 }),
      row('c', { valid: false, truncated: true, missingSequences: [4] }),
      row('d', { checkpoint: null }),
      row('e', { valid: false, firstBrokenSequence: 1, truncated: true }),
    ];
    expect(summarizeVerifications(rows)).toEqual({ checked: 5, valid: 2, broken: 2, truncated: 1, forged: 0, unsigned: 0, withoutCheckpoint: 1 });
    expect(summarizeVerifications([])).toEqual({ checked: 0, valid: 0, broken: 0, truncated: 0, forged: 0, unsigned: 0, withoutCheckpoint: 0 });
  });
});

describe('verificationProblems', () => {
  it('keeps the ones that did not verify, most serious first, then by name', () => {
    const rows = [row('Zeta', { valid: false, unsignedSequences: [5] }), row('Alpha', {}), row('Beta', { valid: false, firstBrokenSequence: 2 }), row('Able', { valid: false, firstBrokenSequence: 1 })];
    expect(verificationProblems(rows).map((problem) => problem.name)).toEqual(['Able', 'Beta', 'Zeta']);
  });
});
