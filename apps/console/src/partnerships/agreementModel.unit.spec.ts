import type { AgreementVersion } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { agreementDocument, signatureRows, type AgreementDraft } from './agreementModel';
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
    };
    expect(signatureRows(version, names).map((row) => [row.organization, row.status, row.by, row.reason])).toEqual([
      ['Org a', 'signed', 'User u1', null],
      ['Org b', 'refused', 'User u2', 'Too vague'],
      ['Org c', 'signed', 'User u3', null],
    ]);
  });
});
