import { describe, expect, it } from 'vitest';
import type { PartnershipCommand } from '../commands.js';
import { ERROR_CODES } from '../decide.js';
import { DEFAULT_POLICY } from '../policy.js';
import { nextDeadline } from '../timers.js';
import {
  completeTask,
  DAY,
  EARLIER,
  given,
  HOUR,
  IDS,
  inCycle,
  inMeasurement,
  inRoles,
  KPI_A,
  NAME,
  NOW,
  org,
  partnerA,
  partnerC,
  partnerD,
  prioritiesDrafted,
  ROLES,
  signing,
  sponsor,
  system,
  taskAt,
  type Story,
} from '../spec-helpers.js';

const HOLD: PartnershipCommand = { type: 'PutOnHold', reason: 'Funding review' };
const RESUME: PartnershipCommand = { type: 'Resume' };
const submitted = () => prioritiesDrafted().do({ type: 'SubmitPriorities' });
const NO_PULSE = { policy: { ...DEFAULT_POLICY, healthPulse: 'P1Y' } };

describe('PutOnHold', () => {
  it('puts the partnership on hold with the reason trimmed', () => {
    const { state } = given(submitted())
      .when({ type: 'PutOnHold', reason: '  Funding review ' })
      .then([{ type: 'PartnershipPutOnHold', data: { reason: 'Funding review' } }]);
    expect(state.hold).toEqual({ since: NOW.toISOString(), reason: 'Funding review' });
  });

  it('needs a reason, and the coordinator', () => {
    given(submitted()).when({ type: 'PutOnHold', reason: ' ' }).thenThrows(ERROR_CODES.reasonRequired, { kind: 'rule', fields: { reason: 'required' } });
    given(submitted()).when(HOLD, { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });

  const onHold = () => submitted().do(HOLD);
  const commands: PartnershipCommand[] = [
    { type: 'RecordGoals', goals: [], scope: 'x' },
    { type: 'SubmitPriorities' },
    { type: 'ProposeTermination', option: 'exit', reason: 'x' },
    HOLD,
    { type: 'AddOrganization', organizationId: IDS.orgD },
    { type: 'RemoveOrganization', organizationId: IDS.orgC },
    { type: 'MoveDueDate', taskId: 'p-1.4', dueAt: '2030-03-01T00:00:00Z' },
    { type: 'DefineKpi', kpi: { ...KPI_A } },
    { type: 'IssueAgreement' },
  ];

  it.each(commands.map((command) => [command.type, command] as const))('on hold, %s → 409 PARTNERSHIP.ON_HOLD', (_type, command) => {
    given(onHold()).when(command).thenThrows(ERROR_CODES.onHold, { kind: 'conflict' });
  });

  it('on hold, the sponsor cannot complete a task either', () => {
    given(onHold()).when(completeTask('p-1.4'), { actor: sponsor }).thenThrows(ERROR_CODES.onHold, { kind: 'conflict' });
  });

  it('on hold, timers pause: no deadline, and firing them does nothing even long overdue', () => {
    const s = onHold();
    expect(nextDeadline(submitted().state)).not.toBeNull();
    expect(nextDeadline(s.state)).toBeNull();
    given(s).when({ type: 'FireDueTimers' }, { actor: system, now: new Date(NOW.getTime() + 60 * DAY) }).then([]);
  });

  it('on hold in MEASUREMENT the review clock pauses too', () => {
    const s = inMeasurement().do(HOLD);
    expect(nextDeadline(s.state)).toBeNull();
    given(s).when({ type: 'FireDueTimers' }, { actor: system, now: new Date(NOW.getTime() + 400 * DAY) }).then([]);
  });
});

describe('Resume', () => {
  it('resumes and shifts every due date, review and pulse by the time spent on hold', () => {
    const s = inCycle().do(HOLD, { now: new Date(EARLIER.getTime() + 200 * DAY) });
    const before = s.state;
    const now = new Date(EARLIER.getTime() + 203 * DAY + 2 * HOUR);
    const heldForMs = 3 * DAY + 2 * HOUR;
    const { state } = given(s).when(RESUME, { now }).then([{ type: 'PartnershipResumed', data: { heldForMs } }]);
    const shifted = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + heldForMs).toISOString());
    expect(state.hold).toBeNull();
    expect(state.openTasks.map((task) => [task.openedAt, task.dueAt])).toEqual(before.openTasks.map((task) => [shifted(task.openedAt), shifted(task.dueAt)]));
    expect(state.nextReviewAt).toBe(shifted(before.nextReviewAt));
    expect(state.nextPulseAt).toBe(shifted(before.nextPulseAt));
    expect(nextDeadline(state)).not.toBeNull();
  });

  it('a task’s reminder comes the held time later', () => {
    const s = submitted().do(HOLD, { now: EARLIER }).do(RESUME, { now: new Date(EARLIER.getTime() + DAY) });
    // opened at EARLIER, due after 7 days: first reminder at 3.5 days, plus the day on hold
    expect(nextDeadline(s.state)).toBe(EARLIER.getTime() + 4.5 * DAY);
  });

  it('needs a hold → 409 PARTNERSHIP.NOT_ON_HOLD, and the coordinator', () => {
    given(submitted()).when(RESUME).thenThrows(ERROR_CODES.notOnHold, { kind: 'conflict' });
    given(submitted().do(HOLD)).when(RESUME, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});

/** A workflow run recorded before joint decisions: the coordinator changes membership alone. */
const LEGACY = { jointDecisions: false };

describe('AddOrganization', () => {
  it('before an agreement is adopted, the organization just joins', () => {
    const { state } = given(inRoles())
      .when({ type: 'AddOrganization', organizationId: IDS.orgD })
      .then([{ type: 'OrganizationJoined', data: { organizationId: IDS.orgD } }]);
    expect(state.organizationIds).toEqual([IDS.orgA, IDS.orgB, IDS.orgC, IDS.orgD]);
  });

  it('with an adopted agreement (in a run from before joint decisions), the organization gets a SIGN_AGREEMENT “joining” task', () => {
    const s = inMeasurement();
    const { state } = given(s)
      .when({ type: 'AddOrganization', organizationId: IDS.orgD }, LEGACY)
      .then([
        { type: 'OrganizationJoined', data: { organizationId: IDS.orgD } },
        {
          type: 'TaskOpened',
          data: {
            task: taskAt({ id: `p-1.${s.state.version + 2}`, kind: 'SIGN_AGREEMENT', title: `Sign the partnering agreement (version 1) to join ${NAME}`, assignee: org(IDS.orgD), purpose: 'joining' }),
          },
        },
      ]);
    expect(state.signoff).toBeNull();
  });

  it('signing the joining task records the signature without any sign-off round', () => {
    const s = inMeasurement().admit(IDS.orgD);
    const taskId = s.task('SIGN_AGREEMENT', IDS.orgD).id;
    const { state } = given(s)
      .when(completeTask(taskId), { actor: partnerD })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'AgreementSigned', data: { version: 1, organizationId: IDS.orgD, userId: IDS.partnerD } },
      ]);
    expect(state.agreement?.signatures[IDS.orgD]).toEqual({ userId: IDS.partnerD, at: NOW.toISOString() });
    expect(state.stage).toBe('MEASUREMENT');
  });

  it('refusing the joining task records nothing more', () => {
    const s = inMeasurement().admit(IDS.orgD);
    const taskId = s.task('SIGN_AGREEMENT', IDS.orgD).id;
    given(s)
      .when(completeTask(taskId, 'reject', { comment: 'Not yet' }), { actor: partnerD })
      .then([{ type: 'TaskCompleted', data: { taskId, decision: 'reject', comment: 'Not yet' } }]);
  });

  it('refuses a member → 422 MEMBERSHIP.INVALID; is the coordinator’s', () => {
    given(inRoles()).when({ type: 'AddOrganization', organizationId: IDS.orgA }).thenThrows(ERROR_CODES.membership, { kind: 'rule', fields: { organizationId: 'already a member' } });
    given(inRoles()).when({ type: 'AddOrganization', organizationId: IDS.orgD }, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});

describe('RemoveOrganization, by the coordinator alone (while the partnership forms, or in a run from before joint decisions)', () => {
  it('an organization without roles leaves; its open tasks are cancelled', () => {
    const s = inCycle('cooperative', NO_PULSE);
    const task = s.task('HEALTH_CHECK', IDS.orgC).id;
    const { state } = given(s)
      .when({ type: 'RemoveOrganization', organizationId: IDS.orgC }, LEGACY)
      .then([
        { type: 'TaskCancelled', data: { taskId: task, reason: 'the organization left the partnership' } },
        { type: 'OrganizationLeft', data: { organizationId: IDS.orgC, reassignTo: null } },
      ]);
    expect(state.organizationIds).toEqual([IDS.orgA, IDS.orgB]);
  });

  it('a role holder’s roles and KPIs are reassigned', () => {
    const s = inMeasurement();
    const { state } = given(s)
      .when({ type: 'RemoveOrganization', organizationId: IDS.orgB, reassignTo: IDS.orgC }, LEGACY)
      .then([{ type: 'OrganizationLeft', data: { organizationId: IDS.orgB, reassignTo: IDS.orgC } }]);
    expect(state.roles).toEqual(ROLES.map((role) => (role.organizationId === IDS.orgB ? { ...role, organizationId: IDS.orgC } : role)));
    expect(state.kpis.map((kpi) => kpi.ownerOrganizationId)).toEqual([IDS.orgA, IDS.orgC]);
  });

  it('a pending sign-off settles without the leaving organization', () => {
    const s = signing('cooperative').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB);
    const { state } = given(s)
      .when({ type: 'RemoveOrganization', organizationId: IDS.orgC }, LEGACY)
      .then([
        { type: 'TaskCancelled', data: { taskId: s.task('SIGN_AGREEMENT', IDS.orgC).id, reason: 'the organization left the partnership' } },
        { type: 'OrganizationLeft', data: { organizationId: IDS.orgC, reassignTo: null } },
        { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'approved' } },
        { type: 'AgreementAdopted', data: { version: 1 } },
        { type: 'StageAdvanced', data: { from: 'ROLE_IDENTIFICATION', to: 'MEASUREMENT' } },
        { type: 'ReviewScheduled', data: { cycle: 1, reviewAt: new Date(NOW.getTime() + 180 * DAY).toISOString(), pulseAt: new Date(NOW.getTime() + 60 * DAY).toISOString() } },
      ]);
    expect(state.stage).toBe('MEASUREMENT');
  });

  it('a sign-off still pending after the organization left stays open', () => {
    const s = signing('cooperative').complete('SIGN_AGREEMENT', IDS.orgA);
    const { state } = given(s).when({ type: 'RemoveOrganization', organizationId: IDS.orgC }, LEGACY).then([
      { type: 'TaskCancelled', data: { taskId: s.task('SIGN_AGREEMENT', IDS.orgC).id, reason: 'the organization left the partnership' } },
      { type: 'OrganizationLeft', data: { organizationId: IDS.orgC, reassignTo: null } },
    ]);
    expect(state.signoff?.eligible).toEqual([IDS.orgA, IDS.orgB]);
  });

  it.each<[string, () => Story, PartnershipCommand, Record<string, string>]>([
    ['a non-member', inRoles, { type: 'RemoveOrganization', organizationId: IDS.orgD }, { organizationId: 'not a member of this partnership' }],
    [
      'one of only two organizations',
      () => prioritiesDrafted({ organizationIds: [IDS.orgA, IDS.orgB] }),
      { type: 'RemoveOrganization', organizationId: IDS.orgB },
      { organizationId: 'a partnership needs at least two organizations' },
    ],
    ['reassigning to itself', inRoles, { type: 'RemoveOrganization', organizationId: IDS.orgC, reassignTo: IDS.orgC }, { reassignTo: 'must be another member' }],
    ['reassigning to a non-member', inRoles, { type: 'RemoveOrganization', organizationId: IDS.orgC, reassignTo: IDS.orgD }, { reassignTo: 'must be another member' }],
    [
      'a role holder without a successor',
      () => inRoles().do({ type: 'DefineRoles', roles: ROLES }),
      { type: 'RemoveOrganization', organizationId: IDS.orgB },
      { reassignTo: 'the organization holds roles or KPIs: say who takes them over' },
    ],
  ])('refuses %s → 422 MEMBERSHIP.INVALID', (_label, start, command, fields) => {
    given(start()).when(command).thenThrows(ERROR_CODES.membership, { kind: 'rule', fields });
  });

  it('is the coordinator’s', () => {
    given(inRoles()).when({ type: 'RemoveOrganization', organizationId: IDS.orgC }, { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });

  it('when the leaving organization held the cycle’s last outstanding task, the review opens', () => {
    const s = inCycle('cooperative', NO_PULSE);
    const H = { strategy: 4, operations: 3, relationship: 5, governance: 2 };
    const kpi = (name: string) => s.state.kpis.find((candidate) => candidate.name === name)!.id;
    s.complete('REPORT_MEASUREMENT', IDS.orgA, 'approve', { data: { values: { [kpi('Readmission rate')]: 16 } } })
      .complete('REPORT_MEASUREMENT', IDS.orgB, 'approve', { data: { values: { [kpi('Screening rate')]: 45 } } })
      .complete('HEALTH_CHECK', IDS.orgA, 'approve', { data: H })
      .complete('HEALTH_CHECK', IDS.orgB, 'approve', { data: H });
    given(s)
      .when({ type: 'RemoveOrganization', organizationId: IDS.orgC }, LEGACY)
      .then([
        { type: 'TaskCancelled', data: { taskId: s.task('HEALTH_CHECK', IDS.orgC).id, reason: 'the organization left the partnership' } },
        { type: 'OrganizationLeft', data: { organizationId: IDS.orgC, reassignTo: null } },
        { type: 'TaskOpened', data: { task: taskAt({ id: `p-1.${s.state.version + 3}`, kind: 'REVIEW', title: `Review cycle 1: ${NAME}`, assignee: { kind: 'user', userId: IDS.coordinator }, cycle: 1 }) } },
      ]);
  });
});

describe('membership once a management model is chosen: the partners decide', () => {
  const CONTACTS: Record<string, { contactId: string }> = { [IDS.orgA]: { contactId: IDS.partnerA }, [IDS.orgB]: { contactId: IDS.partnerB } };
  const decideTasks = (story: Story) => story.state.openTasks.filter((task) => task.kind === 'DECIDE_CHANGE');

  it('AddOrganization proposes the admission; agreed by every organization, it joins and signs the agreement in force', () => {
    const s = inMeasurement();
    const { state } = given(s).when({ type: 'AddOrganization', organizationId: IDS.orgD, reason: 'Eastvale runs the vans' }).then([
      {
        type: 'SignoffOpened',
        data: { subject: 'CHANGE', rule: 'consensus', eligible: [IDS.orgA, IDS.orgB, IDS.orgC], proposal: { change: { kind: 'admit_organization', organizationId: IDS.orgD }, reason: 'Eastvale runs the vans' } },
      },
      ...[IDS.orgA, IDS.orgB, IDS.orgC].map((organizationId, index) => ({
        type: 'TaskOpened' as const,
        data: {
          // The agreed points of contact (A's and B's) are addressed by name.
          task: taskAt({ id: `p-1.${s.state.version + 2 + index}`, kind: 'DECIDE_CHANGE', title: `Agree to admit an organization: ${NAME}`, assignee: { ...org(organizationId), ...CONTACTS[organizationId] } }),
        },
      })),
    ]);
    expect(state.organizationIds).not.toContain(IDS.orgD);
    const proposed = s.fork().do({ type: 'AddOrganization', organizationId: IDS.orgD }).complete('DECIDE_CHANGE', IDS.orgA).complete('DECIDE_CHANGE', IDS.orgB);
    const events = given(proposed).when(completeTask(proposed.task('DECIDE_CHANGE', IDS.orgC).id), { actor: partnerC }).events();
    expect(events.map((event) => event.type)).toEqual(['TaskCompleted', 'SignoffGiven', 'SignoffCompleted', 'OrganizationJoined', 'TaskOpened']);
    expect(events[4]?.data).toMatchObject({ task: { kind: 'SIGN_AGREEMENT', assignee: org(IDS.orgD), purpose: 'joining' } });
  });

  it('a refusal under consensus keeps the organization out', () => {
    const s = inMeasurement().do({ type: 'AddOrganization', organizationId: IDS.orgD }).complete('DECIDE_CHANGE', IDS.orgA, 'reject', { comment: 'Not this year' });
    expect(s.state.organizationIds).not.toContain(IDS.orgD);
    expect(s.state.signoff).toBeNull();
    expect(decideTasks(s)).toEqual([]);
  });

  it('RemoveOrganization proposes the removal, checked first; agreed, the roles pass on as proposed', () => {
    given(inMeasurement()).when({ type: 'RemoveOrganization', organizationId: IDS.orgB }).thenThrows(ERROR_CODES.membership, { kind: 'rule', fieldKeys: ['reassignTo'] });
    const s = inMeasurement().do({ type: 'RemoveOrganization', organizationId: IDS.orgB, reassignTo: IDS.orgC });
    expect(s.state.signoff?.proposal?.change).toEqual({ kind: 'remove_organization', organizationId: IDS.orgB, reassignTo: IDS.orgC });
    expect(decideTasks(s).map((task) => task.title)).toEqual(Array(3).fill(`Agree to an organization leaving: ${NAME}`));
    s.agreeChange();
    expect(s.state.organizationIds).toEqual([IDS.orgA, IDS.orgC]);
    expect(s.state.kpis.map((kpi) => kpi.ownerOrganizationId)).toEqual([IDS.orgA, IDS.orgC]);
  });

  it('before a model is chosen the coordinator still forms the partnership alone', () => {
    given(inRoles()).when({ type: 'AddOrganization', organizationId: IDS.orgD }).then([{ type: 'OrganizationJoined', data: { organizationId: IDS.orgD } }]);
  });
});

describe('MoveDueDate', () => {
  it('moves a task’s due date (normalised to UTC) and restarts its reminders and escalation', () => {
    const s = submitted().do({ type: 'FireDueTimers' }, { actor: system, now: new Date(EARLIER.getTime() + 20 * DAY) });
    const task = s.task('APPROVE_PRIORITIES');
    expect(task).toMatchObject({ remindersSent: 8, escalationLevel: 1 });
    const { state } = given(s)
      .when({ type: 'MoveDueDate', taskId: task.id, dueAt: '2030-03-01T10:00:00+01:00' })
      .then([{ type: 'TaskDueDateMoved', data: { taskId: task.id, from: task.dueAt, to: '2030-03-01T09:00:00.000Z' } }]);
    expect(state.openTasks[0]).toMatchObject({ dueAt: '2030-03-01T09:00:00.000Z', remindersSent: 0, escalationLevel: 0 });
  });

  it('records the reason given for the move, trimmed', () => {
    const task = submitted().task('APPROVE_PRIORITIES');
    given(submitted())
      .when({ type: 'MoveDueDate', taskId: task.id, dueAt: '2030-03-01T09:00:00Z', reason: ' Sponsor on leave ' })
      .then([{ type: 'TaskDueDateMoved', data: { taskId: task.id, from: task.dueAt, to: '2030-03-01T09:00:00.000Z', reason: 'Sponsor on leave' } }]);
  });

  it.each(['2030-01-15T09:00:00.000Z', '2029-12-31T00:00:00Z', 'next week'])('refuses %j (not in the future) → 422 TASK.INVALID_DUE_DATE', (dueAt) => {
    given(submitted()).when({ type: 'MoveDueDate', taskId: 'p-1.4', dueAt }).thenThrows(ERROR_CODES.invalidDueDate, { kind: 'rule', fields: { dueAt: 'must be a future instant' } });
  });

  it('refuses a task that is not open → 409 TASK.NOT_FOUND; is the coordinator’s', () => {
    given(submitted()).when({ type: 'MoveDueDate', taskId: 'p-1.99', dueAt: '2030-03-01T00:00:00Z' }).thenThrows(ERROR_CODES.taskNotFound, { kind: 'conflict' });
    given(submitted()).when({ type: 'MoveDueDate', taskId: 'p-1.4', dueAt: '2030-03-01T00:00:00Z' }, { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});
