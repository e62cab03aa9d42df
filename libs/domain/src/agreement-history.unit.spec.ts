import { describe, expect, it } from 'vitest';
import { agreementHistory } from './agreement-history.js';
import { IDS, inMeasurement, partnerB, signing } from './spec-helpers.js';

describe('agreementHistory', () => {
  it('records who signed each version, for which organization, and its adoption', () => {
    const [version] = agreementHistory(inMeasurement().events);
    expect(version).toMatchObject({ generation: 0, version: 1, issuedBy: IDS.coordinator, rule: 'consensus', status: 'adopted' });
    expect(Object.keys(version!.signatures).sort()).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
    expect(version!.signatures[IDS.orgB]).toMatchObject({ userId: IDS.partnerB });
    expect(version!.content.managementModel).toBe('cooperative');
  });

  it('keeps a refused version with the refusal and its reason, and numbers the next one', () => {
    const s = signing().complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'Resources too thin' });
    s.do({ type: 'IssueAgreement' });
    const [refused, next] = agreementHistory(s.events);
    expect(refused).toMatchObject({ version: 1, status: 'refused' });
    expect(refused!.refusals[IDS.orgB]).toMatchObject({ userId: partnerB.userId, reason: 'Resources too thin' });
    expect(next).toMatchObject({ version: 2, status: 'signing', signatures: {}, refusals: {} });
  });

  it('marks a version whose round a proposed termination stopped as withdrawn', () => {
    const s = signing().do({ type: 'ProposeTermination', option: 'exit', reason: 'Funding ended' });
    expect(agreementHistory(s.events)[0]).toMatchObject({ status: 'withdrawn' });
  });

  it('supersedes an adopted version when a new one is issued', () => {
    const s = inMeasurement().do({ type: 'IssueAgreement' });
    expect(agreementHistory(s.events).map((version) => [version.version, version.status])).toEqual([
      [1, 'superseded'],
      [2, 'signing'],
    ]);
  });
});
