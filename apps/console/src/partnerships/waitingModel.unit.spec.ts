import type { OpenTask } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { stagePageStatus, waitingFor, type Names, type WaitingRecord } from './waitingModel';

const NOW = Date.parse('2030-01-15T09:00:00.000Z');
const DAY = 86_400_000;
const names: Names = {
  organization: (id) => ({ nw: 'Northwind Foundation', rs: 'Riverside Health Trust' })[id] ?? id,
  user: (id) => ({ u1: 'Ada Sponsor' })[id] ?? id,
};
const goal = { rank: 1, title: 'G', metric: 'm', baseline: 1, target: 2, dueDate: '2031-01-01' };
const base: WaitingRecord = {
  stage: 'LISTENING',
  prioritiesStatus: 'APPROVED',
  goals: [goal],
  organizationIds: ['rs', 'nw'],
  coordinatorId: 'coord',
  sponsorId: 'sponsor',
};
const task = (overrides: Partial<OpenTask>): OpenTask => ({
  id: 't',
  kind: 'SIGN_AGREEMENT',
  title: 'Sign',
  assignee: { kind: 'organization', organizationId: 'nw' },
  openedAt: new Date(NOW - DAY).toISOString(),
  dueAt: new Date(NOW + 3 * DAY).toISOString(),
  cycle: null,
  purpose: null,
  detail: null,
  remindersSent: 0,
  escalationLevel: 0,
  ...overrides,
});

describe('what a partnership is waiting for', () => {
  it('names the organization that has still to sign and when it is due', () => {
    const record = { ...base, stage: 'ROLE_IDENTIFICATION' as const, openTasks: [task({})] };
    expect(waitingFor(record, names, NOW)).toEqual(['Waiting for Northwind Foundation to sign the agreement, due in 3 days']);
  });

  it('groups the organizations of one sign-off and says when it is overdue', () => {
    const record = {
      ...base,
      openTasks: [
        task({ id: 'a', kind: 'CONFIRM_LISTENING', assignee: { kind: 'organization', organizationId: 'rs' }, dueAt: new Date(NOW - 2 * DAY).toISOString() }),
        task({ id: 'b', kind: 'CONFIRM_LISTENING' }),
      ],
    };
    expect(waitingFor(record, names, NOW)).toEqual(['Waiting for Riverside Health Trust and Northwind Foundation to confirm the listening record, overdue by 2 days']);
  });

  it('calls the sponsor the sponsor', () => {
    const record = { ...base, stage: 'PRIORITY_SETTING' as const, prioritiesStatus: 'SUBMITTED' as const, openTasks: [task({ kind: 'APPROVE_PRIORITIES', assignee: { kind: 'user', userId: 'sponsor' }, dueAt: new Date(NOW + 7 * DAY).toISOString() })] };
    expect(waitingFor(record, names, NOW)).toEqual(['Waiting for the sponsor to approve the priorities, due in 7 days']);
  });

  it('says what listening still lacks when no task is open', () => {
    const record = { ...base, openTasks: [], stakeholders: [], listeningSessions: [], alignment: { rs: { '1': 2 } } };
    expect(waitingFor(record, names, NOW)).toEqual([
      'Waiting for the coordinator to add a stakeholder, record a listening session and collect the alignment scores of Northwind Foundation, then open the listening sign-off',
    ]);
  });

  it('lists what the agreement still lacks in role identification', () => {
    const record = { ...base, stage: 'ROLE_IDENTIFICATION' as const, openTasks: [], roles: [{ organizationId: 'rs', goalRank: 1, responsibility: 'accountable' as const }], managementModel: 'cooperative' as const };
    expect(waitingFor(record, names, NOW)[0]).toBe(
      'Waiting for the coordinator to record the governance, the conflict process, the termination options and the KPIs, then issue the agreement',
    );
  });

  it('puts a hold first', () => {
    const record = { ...base, openTasks: [task({})], hold: { since: '2030-01-10T00:00:00.000Z', reason: 'budget freeze' } };
    expect(waitingFor(record, names, NOW)[0]).toBe('On hold since 2030-01-10 (budget freeze): waiting for the coordinator to resume it');
  });

  it('tells other stages’ pages where the partnership is', () => {
    expect(stagePageStatus('PRIORITY_SETTING', base, names, NOW)).toEqual(['Done: the partnership has moved on to Listening.']);
    expect(stagePageStatus('MEASUREMENT', base, names, NOW)).toEqual(['Not started: the partnership is in Listening.']);
    expect(stagePageStatus('TERMINATION', base, names, NOW)[0]).toMatch(/^No termination is being decided/);
  });
});
