import { describe, expect, it } from 'vitest';
import type { PartnershipEvent } from './events.js';
import { evolve, fold, initialState } from './partnership.js';
import { DEFAULT_POLICY } from './policy.js';
import {
  active,
  created,
  DAY,
  EARLIER,
  GOALS,
  goalsRecorded,
  IDS,
  inCycle,
  inMeasurement,
  NAME,
  NOW,
  prioritiesDrafted,
  SCOPE,
  stamped,
  system,
} from './spec-helpers.js';

describe('initialState', () => {
  it('is absent at version 0', () => {
    expect(initialState()).toEqual({ status: 'absent', version: 0 });
  });
});

describe('evolve', () => {
  it('creates the partnership from PartnershipCreated with a fresh method state', () => {
    expect(evolve(initialState(), created())).toEqual({
      status: 'active',
      id: IDS.partnership,
      name: NAME,
      description: 'Better outcomes for the valley',
      coordinatorId: IDS.coordinator,
      sponsorId: IDS.sponsor,
      steeringGroupIds: [IDS.sponsor, IDS.steering],
      organizationIds: [IDS.orgA, IDS.orgB, IDS.orgC],
      policy: DEFAULT_POLICY,
      stage: 'PRIORITY_SETTING',
      generation: 0,
      goals: [],
      scope: '',
      prioritiesStatus: 'DRAFTING',
      lastRejectionReason: null,
      stakeholders: [],
      listeningSessions: [],
      alignment: {},
      roles: [],
      resources: [],
      managementModel: null,
      governance: null,
      conflictProcess: '',
      terminationOptions: [],
      noticePeriod: null,
      agreementTerm: null,
      termEndsAt: null,
      expiryRemindersSent: 0,
      termExpired: false,
      conflicts: [],
      checkIns: [],
      nextCheckInAt: null,
      agreedTerms: null,
      agreedVersion: null,
      draft: null,
      kpis: [],
      measurements: [],
      nextKpiReportAt: {},
      kpiReports: [],
      healthChecks: [],
      goalAttainment: [],
      reviews: [],
      agreement: null,
      signoff: null,
      cycle: 0,
      nextReviewAt: null,
      nextPulseAt: null,
      termination: null,
      hold: null,
      openTasks: [],
      createdAt: EARLIER.toISOString(),
      updatedAt: EARLIER.toISOString(),
      version: 1,
    });
  });

  it('ignores events before creation', () => {
    const events: PartnershipEvent[] = [goalsRecorded(), stamped({ type: 'PrioritiesSubmitted', data: {} })];
    for (const event of events) expect(evolve(initialState(), event)).toEqual({ status: 'absent', version: 0 });
    expect(fold(events)).toEqual(initialState());
  });

  it('increments the version and moves updatedAt with every event', () => {
    const state = active(fold([created(), stamped({ type: 'GoalsRecorded', data: { goals: GOALS, scope: SCOPE } }, NOW)]));
    expect(state).toMatchObject({ version: 2, createdAt: EARLIER.toISOString(), updatedAt: NOW.toISOString() });
  });

  it('does not mutate the state it is given, nor share the organization list with the event', () => {
    const before = fold([created(), goalsRecorded()]);
    const snapshot = structuredClone(before);
    evolve(before, stamped({ type: 'OrganizationJoined', data: { organizationId: IDS.orgD } }));
    expect(before).toEqual(snapshot);
    const event = created();
    if (event.type !== 'PartnershipCreated') throw new Error('unexpected event');
    expect(active(evolve(initialState(), event)).organizationIds).not.toBe(event.data.organizationIds);
  });

  it('a task opens with no reminder sent and no escalation; reminders, escalations and a moved due date update it', () => {
    const s = prioritiesDrafted().do({ type: 'SubmitPriorities' });
    const taskId = s.task('APPROVE_PRIORITIES').id;
    expect(s.task('APPROVE_PRIORITIES')).toMatchObject({ remindersSent: 0, escalationLevel: 0 });
    const reminded = fold(
      [
        stamped({ type: 'ReminderSent', data: { taskId, reminder: 3, recipients: [] } }, NOW, system),
        stamped({ type: 'TaskEscalated', data: { taskId, level: 2, recipients: [] } }, NOW, system),
      ],
      s.state,
    );
    expect(active(reminded).openTasks[0]).toMatchObject({ remindersSent: 3, escalationLevel: 2 });
    const moved = active(fold([stamped({ type: 'TaskDueDateMoved', data: { taskId, from: 'x', to: '2030-03-01T00:00:00.000Z' } })], reminded));
    expect(moved.openTasks[0]).toMatchObject({ dueAt: '2030-03-01T00:00:00.000Z', remindersSent: 0, escalationLevel: 0 });
  });

  it('StageAdvanced to PRIORITY_SETTING reopens the priorities for drafting', () => {
    const state = inMeasurement().state;
    expect(state.prioritiesStatus).toBe('APPROVED');
    const back = active(evolve(state, stamped({ type: 'StageAdvanced', data: { from: 'MEASUREMENT', to: 'PRIORITY_SETTING' } })));
    expect(back).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING' });
  });

  it('PartnershipResumed shifts open tasks and the review clock by heldForMs and clears the hold', () => {
    const state = inCycle().do({ type: 'PutOnHold', reason: 'x' }).state;
    const resumed = active(evolve(state, stamped({ type: 'PartnershipResumed', data: { heldForMs: DAY } })));
    expect(resumed.hold).toBeNull();
    expect(resumed.openTasks[0]?.dueAt).toBe(new Date(Date.parse(state.openTasks[0]!.dueAt) + DAY).toISOString());
    expect(resumed.openTasks[0]?.openedAt).toBe(new Date(Date.parse(state.openTasks[0]!.openedAt) + DAY).toISOString());
    expect(resumed.nextReviewAt).toBe(new Date(Date.parse(state.nextReviewAt!) + DAY).toISOString());
  });

  it('OrganizationLeft drops the organization, reassigns its roles and KPIs and takes it off the sign-off round', () => {
    const state = inMeasurement().state;
    const withRound = { ...state, signoff: { subject: 'TERMINATION' as const, rule: 'consensus' as const, eligible: [IDS.orgA, IDS.orgB, IDS.orgC], approvals: {}, refusals: {} } };
    const left = active(evolve(withRound, stamped({ type: 'OrganizationLeft', data: { organizationId: IDS.orgA, reassignTo: IDS.orgC } })));
    expect(left.organizationIds).toEqual([IDS.orgB, IDS.orgC]);
    expect(left.roles.filter((role) => role.organizationId === IDS.orgA)).toEqual([]);
    expect(left.roles.filter((role) => role.organizationId === IDS.orgC)).toEqual([{ organizationId: IDS.orgC, goalRank: 1, responsibility: 'accountable' }]);
    expect(left.kpis.map((kpi) => kpi.ownerOrganizationId)).toEqual([IDS.orgC, IDS.orgB]);
    expect(left.signoff?.eligible).toEqual([IDS.orgB, IDS.orgC]);
  });

  it('PartnershipClosed closes and stops the review clock', () => {
    const closed = active(evolve(inMeasurement().state, stamped({ type: 'PartnershipClosed', data: {} })));
    expect(closed).toMatchObject({ stage: 'CLOSED', nextReviewAt: null, nextPulseAt: null });
  });
});

describe('fold', () => {
  it('is evolve applied in order and continues from a given state', () => {
    const [first, ...rest] = [created(), goalsRecorded(), stamped({ type: 'PrioritiesSubmitted', data: {} })];
    expect(fold(rest, fold([first!]))).toEqual(fold([first!, ...rest]));
    expect(active(fold([first!, ...rest])).version).toBe(3);
  });

  it('of nothing is the initial state', () => {
    expect(fold([])).toEqual(initialState());
  });
});
