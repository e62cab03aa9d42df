import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../decide.js';
import type { PartnershipEvent } from '../events.js';
import type { Governance } from '../model.js';
import { fold } from '../partnership.js';
import {
  completeTask,
  contact,
  DAY,
  GOVERNANCE,
  given,
  IDS,
  inMeasurement,
  inRoles,
  org,
  partnerA,
  rolesReady,
  signing,
  stamped,
  system,
  type Story,
} from '../spec-helpers.js';
import { deadlines } from '../timers.js';

/** The agreed path: partner B's contact first, then the sponsor. */
const PATH: Governance = { ...GOVERNANCE, escalationPath: 'Partner B, then the sponsor', escalationSteps: [IDS.partnerB, IDS.sponsor] };
const withPath = (story: Story) => story.do({ type: 'SetGovernance', governance: PATH });

/** A SIGN_AGREEMENT task of the first organization left open after the agreement with PATH is adopted: a joining organization's. */
const joiningTaskOverdue = () => {
  const s = withPath(rolesReady()).do({ type: 'IssueAgreement' });
  for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_AGREEMENT', organizationId);
  return s.admit(IDS.orgD);
};
const escalations = (events: PartnershipEvent[]) => events.flatMap((event) => (event.type === 'TaskEscalated' ? [event.data] : []));

describe('SetGovernance with a structured escalation path', () => {
  it('records the path of people', () => {
    given(inRoles()).when({ type: 'SetGovernance', governance: PATH }).then([{ type: 'GovernanceSet', data: { governance: PATH } }]);
  });

  it.each<[string, string[], Record<string, string>]>([
    ['an empty path', [], { 'governance.escalationSteps': 'name at least one person, or leave the path out to use the ladder' }],
    ['more than five people', [IDS.coordinator, IDS.sponsor, IDS.steering, IDS.partnerA, IDS.partnerB, IDS.partnerC], { 'governance.escalationSteps': 'name at most 5 people' }],
    ['someone the partnership does not know', [IDS.sponsor, 'u-stranger'], { 'governance.escalationSteps.1': 'must be the coordinator, the sponsor, a steering-group member or a point of contact' }],
    ['the same person twice', [IDS.sponsor, IDS.steering, IDS.sponsor], { 'governance.escalationSteps.2': 'names this person a second time' }],
  ])('refuses %s → 422 ROLES.INVALID_GOVERNANCE', (_label, escalationSteps, fields) => {
    given(inRoles())
      .when({ type: 'SetGovernance', governance: { ...GOVERNANCE, escalationSteps } })
      .thenThrows(ERROR_CODES.invalidGovernance, { kind: 'rule', fields });
  });

  it('governance recorded before paths were structured folds as before (no escalationSteps)', () => {
    const old = stamped({ type: 'GovernanceSet', data: { governance: { pointsOfContact: {}, decisionRule: 'Consensus', escalationPath: 'Sponsor' } } });
    const state = fold([old], inRoles().state);
    expect(state.status === 'active' && state.governance).toEqual({ pointsOfContact: {}, decisionRule: 'Consensus', escalationPath: 'Sponsor' });
  });
});

describe('escalations follow the agreed path', () => {
  it('level 1 reaches the first person of the path, not the coordinator', () => {
    const s = joiningTaskOverdue();
    const task = s.task('SIGN_AGREEMENT', IDS.orgD);
    const at = new Date(Date.parse(task.dueAt) + 8 * DAY);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: at, actor: system }).events();
    expect(escalations(events)).toEqual([{ taskId: task.id, level: 1, recipients: [{ userId: IDS.partnerB }] }]);
  });

  it('level 2 the second; a path of two people has two levels, so nothing escalates further', () => {
    const s = joiningTaskOverdue();
    const task = s.task('SIGN_AGREEMENT', IDS.orgD);
    const late = new Date(Date.parse(task.dueAt) + 30 * DAY);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: late, actor: system }).events();
    expect(escalations(events)).toEqual([{ taskId: task.id, level: 2, recipients: [{ userId: IDS.sponsor }] }]);
    const after = fold(events, s.state);
    expect(deadlines(after).filter((deadline) => deadline.purpose === 'escalation' && deadline.taskId === task.id)).toEqual([]);
  });

  it('a path recorded but not yet in an adopted agreement is not agreed: the ladder applies', () => {
    const s = withPath(rolesReady()).do({ type: 'IssueAgreement' });
    const task = s.task('SIGN_AGREEMENT', IDS.orgC);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: new Date(Date.parse(task.dueAt) + 8 * DAY), actor: system }).events();
    expect(escalations(events).find((escalation) => escalation.taskId === task.id)).toEqual({ taskId: task.id, level: 1, recipients: [{ userId: IDS.coordinator }] });
  });

  it('without an agreed path the ladder applies: three levels, coordinator first', () => {
    const s = inMeasurement().admit(IDS.orgD);
    const task = s.task('SIGN_AGREEMENT', IDS.orgD);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: new Date(Date.parse(task.dueAt) + 8 * DAY), actor: system }).events();
    expect(escalations(events)).toEqual([{ taskId: task.id, level: 1, recipients: [{ userId: IDS.coordinator }] }]);
  });
});

describe('points of contact are the default signatories', () => {
  it('each organization’s SIGN_AGREEMENT task is addressed to the contact the agreement names (orgC has none)', () => {
    expect(signing().state.openTasks.map((task) => task.assignee)).toEqual([contact(IDS.orgA, IDS.partnerA), contact(IDS.orgB, IDS.partnerB), org(IDS.orgC)]);
  });

  it('reminders reach the contact, not every representative', () => {
    const s = signing();
    const task = s.task('SIGN_AGREEMENT', IDS.orgA);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: new Date(Date.parse(task.dueAt) - DAY), actor: system }).events();
    const reminder = events.find((event) => event.type === 'ReminderSent' && event.data.taskId === task.id);
    expect(reminder?.data).toMatchObject({ recipients: [{ userId: IDS.partnerA }] });
  });

  it('another representative may sign in the contact’s stead; the events record who signed', () => {
    const s = signing();
    const task = s.task('SIGN_AGREEMENT', IDS.orgA);
    const deputy = { ...partnerA, userId: 'u-deputy-a' };
    const events = given(s).when(completeTask(task.id), { actor: deputy }).events();
    expect(events.find((event) => event.type === 'AgreementSigned')?.data).toEqual({ version: 1, organizationId: IDS.orgA, userId: 'u-deputy-a' });
  });

  it('before any agreement names them, organizations’ tasks go to the organization', () => {
    expect(inRoles().events.flatMap((event) => (event.type === 'TaskOpened' && event.data.task.assignee.kind === 'organization' ? [event.data.task.assignee] : []))).not.toContainEqual(
      expect.objectContaining({ contactId: expect.any(String) }),
    );
  });

  it('a workflow run from before the rule (governanceActs: false) addresses the organization, as it did then', () => {
    const events = given(rolesReady()).when({ type: 'IssueAgreement' }, { governanceActs: false }).events();
    expect(events.flatMap((event) => (event.type === 'TaskOpened' ? [event.data.task.assignee] : []))).toEqual([org(IDS.orgA), org(IDS.orgB), org(IDS.orgC)]);
  });

});
