import { describe, expect, it } from 'vitest';
import { logVerdict, type LogFindings, type PartnershipVerification, type VerificationPage } from '@pe/domain';
import { activityPath, EMPTY_RUN, findingText, rowsToShow, runProgress, runSummary, sequenceList, withPage } from './auditModel';

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

function row(name: string, findings: Partial<LogFindings> = {}): PartnershipVerification {
  const merged = { ...clean, ...findings };
  return { ...merged, partnershipId: `id-${name}`, name, stage: 'LISTENING', verdict: logVerdict(merged) };
}

function page(rows: PartnershipVerification[], total: number, next: string | null): VerificationPage {
  return { checks: ['hash-chain', 'signed-checkpoint'], checkedAt: '2026-03-01T10:00:00.000Z', total, summary: runSummary({ ...EMPTY_RUN, rows }), problems: [], partnerships: rows, next };
}

describe('activity by person', () => {
  it('links to the event list filtered by the person', () => {
    expect(decodeURIComponent(activityPath('u-1'))).toBe('/events?filter={"actorId":"u-1"}');
  });


});

describe('verify all', () => {
  it('gathers page after page, and is done when a page has no next', () => {
    const first = withPage(EMPTY_RUN, page([row('a'), row('b', { valid: false, firstBrokenSequence: 2 })], 3, 'id-b'));
    expect(first).toMatchObject({ total: 3, next: 'id-b', done: false, startedAt: '2026-03-01T10:00:00.000Z' });
    expect(runProgress(first)).toBe(67);
    const second = withPage(first, { ...page([row('c', { valid: false, truncated: true, missingSequences: [3, 4] })], 3, null), checkedAt: '2026-03-01T10:00:05.000Z' });
    expect(second).toMatchObject({ done: true, next: null, startedAt: '2026-03-01T10:00:00.000Z' });
    expect(runProgress(second)).toBe(100);
    expect(runSummary(second)).toMatchObject({ checked: 3, valid: 1, broken: 1, truncated: 1 });
  });

  it('lists what did not verify first, the valid ones only when asked', () => {
    const run = withPage(EMPTY_RUN, page([row('Zed'), row('Cut', { valid: false, truncated: true }), row('Alpha'), row('Edited', { valid: false, firstBrokenSequence: 2 })], 4, null));
    expect(rowsToShow(run, false).map((shown) => shown.name)).toEqual(['Edited', 'Cut']);
    expect(rowsToShow(run, true).map((shown) => shown.name)).toEqual(['Edited', 'Cut', 'Alpha', 'Zed']);
  });

  it('says what was found in words, with the sequences that matter', () => {
    expect(findingText(row('a', { valid: false, firstBrokenSequence: 2 }))).toMatch(/^Event 2 is not as it was written/);
    expect(findingText(row('a', { valid: false, truncated: true, missingSequences: [3, 4, 5], checkpoint: { sequence: 5, signatureValid: true, presentInLog: false } }))).toBe(
      'The log stops before its signed checkpoint at event 5; missing: 3–5',
    );
    const forged = row('a', { valid: false, truncated: true, missingSequences: [3, 4, 5], missingCount: 2_000_000, checkpoint: { sequence: 2_000_004, signatureValid: true, presentInLog: false } });
    expect(findingText(forged)).toBe('The log stops before its signed checkpoint at event 2000004; missing: 3–5 and 1,999,997 more');
    expect(findingText(row('a', { valid: false, unsignedSequences: [5] }))).toBe('Events after the signed checkpoint were not written by the worker: 5');
    expect(findingText(row('a'))).toBe('4 events, chain whole, signed up to event 4');
  });

  it('shortens runs of sequences', () => {
    expect(sequenceList([9, 3, 4, 7, 8, 1])).toBe('1, 3, 4, 7–9');
    expect(sequenceList([])).toBe('');
  });
});
