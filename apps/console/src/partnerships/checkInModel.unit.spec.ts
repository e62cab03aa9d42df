import type { CheckIn, OpenTask } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { attendeeNames, toCheckInData } from '../tasks/taskFormModel';
import { checkInRows, communicationSentence, planInForce, planSentence, recordCommunication } from './checkInModel';
import { governanceDefaults, governanceErrorMoves, toSetGovernanceCommand } from './rolesModel';

const names: Record<string, string> = { a: 'Riverside Clinic', b: 'Northwind', c: 'Valley Trust', u1: 'Ana', u2: 'Ben' };
const name = (id: string) => names[id] ?? id;

const checkIn = (over: Partial<CheckIn>): CheckIn => ({
  number: 1,
  plannedAt: '2030-01-28T09:00:00.000Z',
  cycle: 1,
  taskId: 't1',
  status: 'planned',
  heldOn: null,
  attendees: [],
  notes: '',
  actions: [],
  recordedBy: null,
  recordedAt: null,
  ...over,
});
const task = (id: string, dueAt: string) => ({ id, dueAt }) as OpenTask;

describe('the communication plan in words', () => {
  it('says the cadence, the channel and who takes part, or that there is none', () => {
    expect(planSentence({ cadence: 'P14D', channel: 'Video call', organizationIds: ['a', 'b', 'c'] }, name)).toBe('A check-in every 14 days (Video call) with Riverside Clinic, Northwind and Valley Trust.');
    expect(planSentence({ cadence: 'P1M', channel: 'Steering meeting', organizationIds: ['a'] }, name)).toBe('A check-in every month (Steering meeting) with Riverside Clinic.');
    expect(planSentence(null, name)).toBe('No communication plan: no check-ins are planned.');
  });

  it('is in force only once the agreement carrying it is adopted', () => {
    const plan = { cadence: 'P14D', channel: 'Call', organizationIds: ['a'] };
    const agreement = (adopted: boolean) => ({ adopted, content: { governance: { pointsOfContact: {}, decisionRule: '', escalationPath: '', communicationPlan: plan } } }) as never;
    expect(planInForce({ agreement: agreement(true) })).toEqual(plan);
    expect(planInForce({ agreement: agreement(false) })).toBeNull();
  });
});

describe('the check-ins list', () => {
  const now = new Date('2030-02-20T00:00:00.000Z');
  const record = {
    checkIns: [
      checkIn({ number: 1, taskId: 't1', status: 'held', heldOn: '2030-01-28', attendees: ['Ana', 'Ben'], notes: 'Good', actions: [{ id: 'action-1-1', description: 'Send list', ownerId: 'u2', dueOn: '2030-02-10', status: 'done', note: 'Sent', doneAt: '2030-02-01T00:00:00.000Z' }] }),
      checkIn({ number: 2, taskId: 't2', plannedAt: '2030-02-11T09:00:00.000Z' }),
      checkIn({ number: 3, taskId: 't3', plannedAt: '2030-02-18T09:00:00.000Z' }),
    ],
    openTasks: [task('t2', '2030-02-18T09:00:00.000Z'), task('t3', '2030-02-25T09:00:00.000Z')],
  };

  it('lists them newest first: to record, missed, held with its actions', () => {
    const rows = checkInRows(record, now, name);
    expect(rows.map((row) => [row.number, row.tone])).toEqual([
      [3, 'default'],
      [2, 'error'],
      [1, 'success'],
    ]);
    expect(rows[0]!.status).toMatch(/^To record by /);
    expect(rows[1]!.status).toMatch(/^Missed: not recorded by /);
    expect(rows[2]).toMatchObject({ status: expect.stringMatching(/^Held on /), attendees: 'Ana, Ben', actions: [{ description: 'Send list', owner: 'Ben', status: 'Done: Sent', done: true }] });
  });

  it('counts held against planned as the review does: one held, one missed, one still to record', () => {
    expect(recordCommunication(record, now)).toEqual({ planned: 2, held: 1, rate: 0.5, lastHeldOn: '2030-01-28' });
    expect(communicationSentence(recordCommunication(record, now))).toBe('Check-ins held: 1 of 2, 50%');
    expect(communicationSentence({ planned: 6, held: 5, rate: 5 / 6, lastHeldOn: null })).toBe('Check-ins held: 5 of 6 (the latest 6), 83%');
    expect(communicationSentence(recordCommunication({ checkIns: [], openTasks: [] }, now))).toBe('No check-in has fallen due yet.');
  });
});

describe('a withdrawn check-in', () => {
  it('says it was withdrawn and is not counted', () => {
    const record = { checkIns: [checkIn({ status: 'cancelled', actions: [] })], openTasks: [] };
    expect(checkInRows(record, new Date('2030-02-20T00:00:00.000Z'), name)[0]).toMatchObject({ status: 'Withdrawn (a termination was proposed): not counted', tone: 'default' });
    expect(recordCommunication(record, new Date('2030-02-20T00:00:00.000Z'))).toMatchObject({ planned: 0, rate: null });
  });
});

describe('the governance form’s plan', () => {
  const governance = { pointsOfContact: { a: 'u1' }, decisionRule: 'Consensus', escalationPath: 'Sponsor' };

  it('sends the plan when a cadence is given, and none without', () => {
    const values = governanceDefaults(governance, ['a', 'b']);
    expect(values.plan).toEqual({ cadence: { amount: null, unit: 'W' }, channel: '', organizationIds: ['a', 'b'] });
    expect(toSetGovernanceCommand(values)).toEqual({ type: 'SetGovernance', governance });
    expect(toSetGovernanceCommand({ ...values, plan: { cadence: { amount: 2, unit: 'W' }, channel: ' Video call ', organizationIds: ['a', 'b'] } })).toEqual({
      type: 'SetGovernance',
      governance: { ...governance, communicationPlan: { cadence: 'P2W', channel: 'Video call', organizationIds: ['a', 'b'] } },
    });
  });

  it('starts from the recorded plan, and puts the decider’s errors under the plan’s inputs', () => {
    const values = governanceDefaults({ ...governance, communicationPlan: { cadence: 'P1M', channel: 'Call', organizationIds: ['b'] } }, ['a', 'b']);
    expect(values.plan).toEqual({ cadence: { amount: 1, unit: 'M' }, channel: 'Call', organizationIds: ['b'] });
    expect(governanceErrorMoves(2)).toMatchObject({ 'governance.communicationPlan.cadence': 'plan.cadence.amount', 'governance.communicationPlan.organizationIds.1': 'plan.organizationIds' });
  });
});

describe('the check-in form', () => {
  it('takes attendees one a line or comma-separated, and checks the data as the API does', () => {
    expect(attendeeNames('Ana\n Ben , \nCleo\n')).toEqual(['Ana', 'Ben', 'Cleo']);
    expect(toCheckInData({ heldOn: '2030-01-28', attendees: 'Ana\nBen', notes: ' ok ', actions: [{ description: ' Send list ', ownerId: 'u2', dueOn: '2030-02-10' }] })).toEqual({
      data: { heldOn: '2030-01-28', attendees: ['Ana', 'Ben'], notes: 'ok', actions: [{ description: 'Send list', ownerId: 'u2', dueOn: '2030-02-10' }] },
    });
    const wrong = toCheckInData({ heldOn: '', attendees: ' ', notes: '', actions: [{ description: '', ownerId: '', dueOn: '' }] });
    expect(Object.keys(wrong.errors ?? {}).sort()).toEqual(['data.actions.0.description', 'data.actions.0.dueOn', 'data.actions.0.ownerId', 'data.attendees', 'data.heldOn']);
  });
});
