import { agreedChanges, type AgreementVersion } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { agreementDocument, changeLines, draftAgreement, signatureRows, type AgreementDraft } from './agreementModel';
import type { PartnershipRecord } from './partnershipModel';
import type { Names } from './waitingModel';

const names: Names = { organization: (id) => `Org ${id}`, user: (id) => `User ${id}` };
const content: AgreementDraft = {
  organizationIds: ['a', 'b'],
  goals: [{ rank: 1, title: 'Fewer readmissions', metric: 'per 1,000', baseline: 42, target: 30, dueDate: '2031-06-30' }],
  scope: 'Eastern region',
  roles: [
    { organizationId: 'a', goalRank: 1, responsibility: 'accountable' },
    { organizationId: 'b', goalRank: 1, responsibility: 'consulted' },
  ],
  resources: [{ organizationId: 'a', description: 'Nurses', amount: 2, unit: 'FTE' }],
  managementModel: 'collaborative',
  governance: { pointsOfContact: { a: 'u1' }, decisionRule: 'Steering group', escalationPath: 'Sponsor' },
  conflictProcess: 'Mediation',
  terminationOptions: ['exit'],
  noticePeriod: 'P30D',
  kpis: [{ id: 'k', name: 'Readmissions', ownerOrganizationId: 'a', unit: '%', baseline: 18, target: 12, direction: 'decrease', cadence: 'P1M', goalRank: 1, definedAt: '' }],
};

describe('the agreement document', () => {
  it('reads every section with names and durations in words', () => {
    const doc = agreementDocument(content, names);
    expect(doc.partners).toEqual([
      { name: 'Org a', contact: 'User u1' },
      { name: 'Org b', contact: null },
    ]);
    expect(doc.roles[0]).toEqual({
      goal: '1. Fewer readmissions',
      byResponsibility: [
        { label: 'Accountable', organizations: 'Org a' },
        { label: 'Consulted', organizations: 'Org b' },
      ],
    });
    expect(doc.managementModel?.rule).toMatch(/every organization that holds a role must approve/);
    expect(doc.noticePeriod).toBe('30 days');
    expect(doc.kpis[0]).toMatchObject({ cadence: 'every month', owner: 'Org a', goal: '1. Fewer readmissions' });
    expect(doc.resources[0]).toEqual({ organization: 'Org a', description: 'Nurses', amount: '2 FTE' });
  });

  it('says who signed or refused for which organization', () => {
    const version: AgreementVersion = {
      generation: 0,
      version: 1,
      issuedAt: '2030-01-01T00:00:00.000Z',
      issuedBy: 'c',
      content: { ...content, managementModel: 'collaborative', governance: content.governance!, noticePeriod: 'P30D' },
      rule: 'agreement',
      signatures: { a: { userId: 'u1', at: '2030-01-02T00:00:00.000Z' }, c: { userId: 'u3', at: '2030-01-04T00:00:00.000Z' } },
      refusals: { b: { userId: 'u2', at: '2030-01-03T00:00:00.000Z', reason: 'Too vague' } },
      status: 'refused',
      decidedAt: '2030-01-03T00:00:00.000Z',
      changes: null,
    };
    expect(signatureRows(version, names).map((row) => [row.organization, row.status, row.by, row.reason])).toEqual([
      ['Org a', 'signed', 'User u1', null],
      ['Org b', 'refused', 'User u2', 'Too vague'],
      ['Org c', 'signed', 'User u3', null],
    ]);
  });
});

describe('changes since the version in force', () => {
  const kpi = content.kpis[0]!;
  const next = {
    roles: [content.roles[0]!, { organizationId: 'b', goalRank: 1, responsibility: 'responsible' as const }],
    kpis: [{ ...kpi, target: 10, definedAt: 'later' }, { ...kpi, id: 'k2', name: 'Calls', ownerOrganizationId: 'b', unit: 'calls', baseline: 0, target: 40, direction: 'increase' as const, goalRank: null }],
  };

  it('reads each KPI and role change as a line: new, changed with what it was, roles added and removed', () => {
    expect(changeLines(agreedChanges(content, next, 1), names)).toEqual([
      'New KPI — Calls: Org b reports it every month, 0 → 40 calls',
      'KPI changed — Readmissions: Org a reports it every month, 18 → 10 % (was Readmissions: Org a reports it every month, 18 → 12 %)',
      'Role added — Org b responsible for goal 1',
      'Role removed — Org b consulted for goal 1',
    ]);
  });

  it('the document previews the draft of the next version, not what is in force', () => {
    const record = { ...content, id: 'p', name: 'P', stage: 'MEASUREMENT', draft: { sinceVersion: 1, changedAt: '', ...next } } as unknown as PartnershipRecord;
    expect(draftAgreement(record).kpis.map((candidate) => candidate.name)).toEqual(['Readmissions', 'Calls']);
    expect(draftAgreement({ ...record, draft: null }).kpis.map((candidate) => candidate.name)).toEqual(['Readmissions']);
  });
});
