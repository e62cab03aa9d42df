import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../decide.js';
import { deadlineLedger } from '../ledger.js';
import { CHECK_INS_MEASURED, communicationMeasure, partnershipMeasures } from '../measures.js';
import type { CommunicationPlan } from '../model.js';
import { taskContext } from '../task-context.js';
import { deadlines } from '../timers.js';
import {
  completeTask,
  coordinator,
  DAY,
  EARLIER,
  given,
  GOVERNANCE,
  IDS,
  inMeasurement,
  NAME,
  nextTaskId,
  partnerA,
  partnerB,
  person,
  rolesReady,
  system,
  taskAt,
  type Story,
} from '../spec-helpers.js';

const PLAN: CommunicationPlan = { cadence: 'P14D', channel: 'Video call', organizationIds: [IDS.orgA, IDS.orgB] };
const withPlan = (plan: CommunicationPlan = PLAN) => ({ type: 'SetGovernance' as const, governance: { ...GOVERNANCE, communicationPlan: plan } });

/** MEASUREMENT under an agreement with a fortnightly plan, adopted at EARLIER. */
function underPlan(plan: CommunicationPlan = PLAN): Story {
  const s = rolesReady().do(withPlan(plan)).do({ type: 'IssueAgreement' });
  for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_AGREEMENT', organizationId);
  return s;
}

const FIRST = new Date(EARLIER.getTime() + 14 * DAY);
const fireAt = (s: Story, at: Date) => s.do({ type: 'FireDueTimers' }, { now: at, actor: system });
const recordTask = (s: Story) => s.task('RECORD_CHECK_IN');
const CHECK_IN = {
  heldOn: '2030-01-28',
  attendees: ['Ana (Riverside)', 'Ben (Northwind)'],
  notes: 'Discharge letters now go out the same day',
  actions: [{ description: 'Share the discharge checklist', ownerId: IDS.partnerB, dueOn: '2030-02-10' }],
};

describe('the communication plan', () => {
  it('is part of the governance, checked field by field', () => {
    given(rolesReady()).when(withPlan()).then([{ type: 'GovernanceSet', data: { governance: { ...GOVERNANCE, communicationPlan: PLAN } } }]);
    given(rolesReady())
      .when(withPlan({ cadence: 'fortnightly', channel: ' ', organizationIds: [IDS.orgA, IDS.orgD, IDS.orgA] }))
      .thenThrows(ERROR_CODES.invalidGovernance, {
        kind: 'rule',
        fieldKeys: ['governance.communicationPlan.cadence', 'governance.communicationPlan.channel', 'governance.communicationPlan.organizationIds', 'governance.communicationPlan.organizationIds.1'],
      });
    given(rolesReady()).when(withPlan({ ...PLAN, cadence: 'P0D', organizationIds: [] })).thenThrows(ERROR_CODES.invalidGovernance, {
      fieldKeys: ['governance.communicationPlan.cadence', 'governance.communicationPlan.organizationIds'],
    });
  });

  it('travels with the agreement; from its adoption the first check-in falls due a cadence later, a timer of the ledger', () => {
    const s = underPlan();
    expect(s.state.agreement?.content.governance.communicationPlan).toEqual(PLAN);
    const adoption = s.events.findIndex((event) => event.type === 'AgreementAdopted');
    expect(s.events.slice(adoption).map((event) => event.type)).toContain('CheckInScheduled');
    expect(s.state.nextCheckInAt).toBe(FIRST.toISOString());
    expect(deadlines(s.state)).toContainEqual({ at: FIRST.getTime(), purpose: 'check_in' });
    expect(deadlineLedger(s.state).find((row) => row.purpose === 'check_in')).toMatchObject({ firesAt: FIRST.toISOString(), recipients: [] });
  });

  it('without a plan, nothing changes: no check-in event, no timer, no check-in measure', () => {
    const s = inMeasurement();
    expect(s.events.some((event) => event.type.startsWith('CheckIn'))).toBe(false);
    expect(s.state.nextCheckInAt).toBeNull();
    expect(deadlines(s.state).some((deadline) => deadline.purpose === 'check_in')).toBe(false);
    expect(partnershipMeasures(s.state, EARLIER).communication).toBeNull();
  });

  it('is agreed only once adopted: a plan in an agreement being signed plans nothing yet', () => {
    const s = rolesReady().do(withPlan()).do({ type: 'IssueAgreement' });
    expect(s.state.nextCheckInAt).toBeNull();
  });
});

describe('a check-in falling due', () => {
  it('opens the coordinator’s task to record it and plans the next a cadence on', () => {
    const s = underPlan();
    const taskId = nextTaskId(s);
    given(s)
      .when({ type: 'FireDueTimers' }, { now: FIRST, actor: system })
      .then([
        {
          type: 'TaskOpened',
          data: { task: taskAt({ id: taskId, kind: 'RECORD_CHECK_IN', title: `Record check-in 1 (planned 2030-01-28): ${NAME}`, assignee: person(IDS.coordinator), detail: '1' }, FIRST) },
        },
        { type: 'CheckInFellDue', data: { number: 1, plannedAt: FIRST.toISOString(), cycle: 1, taskId, nextAt: new Date(FIRST.getTime() + 14 * DAY).toISOString() } },
      ]);
  });

  it('back after a long while (a revisit, a hold), opens one task and plans the next after now, not every occasion missed', () => {
    const s = underPlan();
    const late = new Date(FIRST.getTime() + 50 * DAY);
    fireAt(s, late);
    expect(s.state.openTasks.filter((task) => task.kind === 'RECORD_CHECK_IN')).toHaveLength(1);
    expect(s.state.nextCheckInAt).toBe(new Date(FIRST.getTime() + 56 * DAY).toISOString());
  });

  it('missed, is reminded and escalated like any task, and counts as planned but not held', () => {
    const s = fireAt(underPlan(), FIRST);
    const task = recordTask(s);
    const due = new Date(Date.parse(task.dueAt));
    const purposes = deadlines(s.state).filter((deadline) => 'taskId' in deadline && deadline.taskId === task.id).map((deadline) => deadline.purpose);
    expect(purposes).toEqual(['reminder', 'escalation']);
    fireAt(s, new Date(due.getTime() + 8 * DAY));
    const chased = s.events.filter((event) => (event.type === 'ReminderSent' || event.type === 'TaskEscalated') && event.data.taskId === task.id);
    expect(chased.map((event) => event.type)).toEqual(expect.arrayContaining(['ReminderSent', 'TaskEscalated']));
    expect(partnershipMeasures(s.state, new Date(due.getTime() + DAY)).communication).toEqual({ planned: 1, held: 0, rate: 0, lastHeldOn: null });
    expect(partnershipMeasures(s.state, FIRST).communication).toEqual({ planned: 0, held: 0, rate: null, lastHeldOn: null });
  });

  it('a hold moves the next check-in by the time held', () => {
    const s = underPlan().do({ type: 'PutOnHold', reason: 'Audit' }, { now: new Date(EARLIER.getTime() + DAY) });
    expect(deadlines(s.state)).toEqual([]);
    s.do({ type: 'Resume' }, { now: new Date(EARLIER.getTime() + 4 * DAY) });
    expect(s.state.nextCheckInAt).toBe(new Date(FIRST.getTime() + 3 * DAY).toISOString());
  });

  it('a new version without a plan stops planning check-ins', () => {
    const s = underPlan();
    // A new version of the governance comes with restructuring: back to role identification.
    s.do({ type: 'ProposeTermination', option: 'restructure', reason: 'New plan' }).complete('APPROVE_TERMINATION', null);
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_TERMINATION', organizationId);
    expect(s.state.stage).toBe('ROLE_IDENTIFICATION');
    s.do({ type: 'SetGovernance', governance: GOVERNANCE }).do({ type: 'IssueAgreement' });
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_AGREEMENT', organizationId);
    expect(s.events.findLast((event) => event.type === 'CheckInScheduled')?.data).toEqual({ at: null });
    expect(s.state.nextCheckInAt).toBeNull();
  });
});

describe('recording a check-in', () => {
  const NOW_RECORDED = new Date('2030-01-29T10:00:00.000Z');

  it('records date, attendees, notes and actions; each action is a task for its owner, due at the end of its date', () => {
    const s = fireAt(underPlan(), FIRST);
    const task = recordTask(s);
    const actionTaskId = nextTaskId(s, 2);
    given(s)
      .when(completeTask(task.id, 'approve', { data: CHECK_IN }), { now: NOW_RECORDED })
      .then([
        { type: 'TaskCompleted', data: { taskId: task.id, decision: 'approve', comment: null } },
        { type: 'CheckInRecorded', data: { number: 1, heldOn: '2030-01-28', attendees: CHECK_IN.attendees, notes: CHECK_IN.notes, actions: [{ id: 'action-1-1', ...CHECK_IN.actions[0]! }] } },
        {
          type: 'TaskOpened',
          data: {
            task: {
              ...taskAt({ id: actionTaskId, kind: 'CHECK_IN_ACTION', title: `Check-in action: Share the discharge checklist: ${NAME}`, assignee: person(IDS.partnerB), detail: 'action-1-1' }, NOW_RECORDED),
              dueAt: '2030-02-10T23:59:59.000Z',
            },
          },
        },
      ]);
    s.do(completeTask(task.id, 'approve', { data: CHECK_IN }), { now: NOW_RECORDED });
    expect(s.state.checkIns[0]).toMatchObject({ status: 'held', heldOn: '2030-01-28', recordedBy: IDS.coordinator, actions: [{ id: 'action-1-1', status: 'open', ownerId: IDS.partnerB }] });
    expect(partnershipMeasures(s.state, NOW_RECORDED).communication).toEqual({ planned: 1, held: 1, rate: 1, lastHeldOn: '2030-01-28' });
  });

  it('shows the coordinator the plan, the points of contact, who may own an action and the actions still open', () => {
    const s = fireAt(underPlan(), FIRST);
    const context = taskContext(s.state, recordTask(s), FIRST);
    expect(context).toMatchObject({ kind: 'checkIn', checkIn: { number: 1, status: 'planned' }, plan: PLAN, pointsOfContact: { [IDS.orgA]: IDS.partnerA, [IDS.orgB]: IDS.partnerB }, openActions: [] });
    expect(context.kind === 'checkIn' && [...context.actionOwnerIds].sort()).toEqual([IDS.coordinator, IDS.partnerA, IDS.partnerB, IDS.sponsor, IDS.steering].sort());
  });

  it('refuses a date to come, an owner the partnership does not know, an action due in the past, and data of the wrong shape', () => {
    const s = fireAt(underPlan(), FIRST);
    const task = recordTask(s);
    given(s)
      .when(completeTask(task.id, 'approve', { data: { ...CHECK_IN, heldOn: '2030-02-01', actions: [{ description: 'Call', ownerId: 'u-stranger', dueOn: '2030-01-20' }] } }), { now: NOW_RECORDED })
      .thenThrows(ERROR_CODES.invalidCheckIn, { kind: 'rule', fieldKeys: ['data.heldOn', 'data.actions.0.ownerId', 'data.actions.0.dueOn'] });
    given(s)
      .when(completeTask(task.id, 'approve', { data: { heldOn: '28 Jan', attendees: [], actions: [{ description: '', ownerId: IDS.partnerB, dueOn: '2030-02-10' }] } }), { now: NOW_RECORDED })
      .thenThrows(ERROR_CODES.invalidTaskData, { kind: 'rule', fieldKeys: ['data.heldOn', 'data.attendees', 'data.actions.0.description'] });
    given(s).when(completeTask(task.id, 'approve', { data: CHECK_IN }), { now: NOW_RECORDED, actor: partnerA }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
  });

  it('a check-in recorded late still counts as held; of the latest six settled, the measure counts the held', () => {
    const s = underPlan(); // the check-ins fall due 14 days apart; their tasks are due 7 days after
    for (let n = 0; n < 8; n += 1) fireAt(s, new Date(FIRST.getTime() + n * 14 * DAY));
    const tasks = s.state.openTasks.filter((task) => task.kind === 'RECORD_CHECK_IN');
    expect(tasks).toHaveLength(8);
    const at = new Date(FIRST.getTime() + 7 * 14 * DAY + DAY);
    s.do(completeTask(tasks[0]!.id, 'approve', { data: { ...CHECK_IN, actions: [] } }), { now: at });
    s.do(completeTask(tasks[6]!.id, 'approve', { data: { ...CHECK_IN, heldOn: '2030-04-22', actions: [] } }), { now: at });
    // Settled: 1 (held), 2–6 missed, 7 (held); 8 still runs. The latest six: 2–7.
    expect(partnershipMeasures(s.state, at).communication).toEqual({ planned: CHECK_INS_MEASURED, held: 1, rate: 1 / 6, lastHeldOn: '2030-04-22' });
    expect(communicationMeasure(s.state.checkIns, s.state.openTasks, at, Infinity)).toMatchObject({ planned: 7, held: 2 });
  });

  it('falls in the review cycle it leads up to: the cycle’s check-in rate', () => {
    const s = fireAt(underPlan(), FIRST);
    const at = new Date(FIRST.getTime() + 30 * DAY);
    const measures = partnershipMeasures({ ...s.state, cycle: 1 }, at);
    expect(measures.cycles.map((cycle) => cycle.checkInRate)).toEqual([0]);
  });
});

describe('a check-in action', () => {
  it('its owner completes it, saying what was done; it is marked done on the check-in', () => {
    const s = fireAt(underPlan(), FIRST);
    s.do(completeTask(recordTask(s).id, 'approve', { data: CHECK_IN }), { now: FIRST });
    const action = s.task('CHECK_IN_ACTION');
    expect(action).toMatchObject({ assignee: { kind: 'user', userId: IDS.partnerB }, dueAt: '2030-02-10T23:59:59.000Z' });
    expect(taskContext(s.state, action, FIRST)).toMatchObject({ kind: 'checkInAction', action: { description: 'Share the discharge checklist' }, checkIn: { number: 1, heldOn: '2030-01-28' } });
    given(s).when(completeTask(action.id, 'approve', { data: {} }), { actor: coordinator }).thenThrows(ERROR_CODES.notAssignee);
    given(s)
      .when(completeTask(action.id, 'approve', { data: { note: 'Sent to all wards' } }), { actor: partnerB })
      .then([
        { type: 'TaskCompleted', data: { taskId: action.id, decision: 'approve', comment: null } },
        { type: 'CheckInActionDone', data: { actionId: 'action-1-1', note: 'Sent to all wards' } },
      ]);
    s.do(completeTask(action.id, 'approve', {}), { actor: partnerB });
    expect(s.state.checkIns[0]!.actions[0]).toMatchObject({ status: 'done', note: null });
  });

  it('overdue, is reminded and escalated like any task', () => {
    const s = fireAt(underPlan(), FIRST);
    s.do(completeTask(recordTask(s).id, 'approve', { data: CHECK_IN }), { now: FIRST });
    const action = s.task('CHECK_IN_ACTION');
    fireAt(s, new Date(Date.parse(action.dueAt) + 10 * DAY));
    expect(s.events.filter((event) => event.type === 'TaskEscalated' && event.data.taskId === action.id)).not.toHaveLength(0);
  });
});

describe('a check-in’s work withdrawn', () => {
  it('a termination proposed withdraws the check-in in time (counted neither way) and its actions; one already overdue stays missed', () => {
    const s = fireAt(underPlan(), FIRST);
    s.do(completeTask(recordTask(s).id, 'approve', { data: CHECK_IN }), { now: FIRST });
    const second = new Date(FIRST.getTime() + 14 * DAY);
    fireAt(s, second);
    fireAt(s, new Date(second.getTime() + 14 * DAY)); // the third falls due; the second is overdue by now
    const proposedAt = new Date(second.getTime() + 15 * DAY);
    s.do({ type: 'ProposeTermination', option: 'exit', reason: 'Goals met' }, { now: proposedAt });
    expect(s.state.checkIns.map((checkIn) => checkIn.status)).toEqual(['held', 'planned', 'cancelled']);
    expect(s.state.checkIns[0]!.actions[0]!.status).toBe('cancelled');
    expect(partnershipMeasures(s.state, proposedAt).communication).toMatchObject({ planned: 2, held: 1 });
  });
});
