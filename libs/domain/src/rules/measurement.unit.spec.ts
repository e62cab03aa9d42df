import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../decide.js';
import type { Kpi } from '../model.js';
import { DEFAULT_POLICY } from '../policy.js';
import {
  admin,
  completeTask,
  coordinator,
  DAY,
  EARLIER,
  given,
  IDS,
  inCycle,
  inMeasurement,
  KPI_A,
  NAME,
  NOW,
  agreedAssignee,
  partnerA,
  partnerB,
  partnerC,
  person,
  sponsor,
  system,
  taskAt,
  type Story,
} from '../spec-helpers.js';

/** No pulse inside a cycle: health pulses at least as long as the review cycle never fire. */
const NO_PULSE = { policy: { ...DEFAULT_POLICY, healthPulse: 'P1Y' } };
const REVIEW_AT = new Date(EARLIER.getTime() + 180 * DAY);
/** Two days into the first cycle. */
const LATER = new Date(REVIEW_AT.getTime() + 2 * DAY);
const HEALTH = { strategy: 4, operations: 3, relationship: 5, governance: 2 };
const kpiId = (s: Story, name: string) => {
  const kpi = s.state.kpis.find((candidate) => candidate.name === name);
  if (!kpi) throw new Error(`no KPI ${name}`);
  return kpi.id;
};
const cycleOne = () => inCycle('cooperative', NO_PULSE);
/** Cycle 1 with everything but the coordinator’s review done. */
const measured = () =>
  cycleOne()
    .complete('REPORT_MEASUREMENT', IDS.orgA, 'approve', { data: { values: { [kpiId(cycleOne(), 'Readmission rate')]: 16 } } })
    .complete('REPORT_MEASUREMENT', IDS.orgB, 'approve', { data: { values: { [kpiId(cycleOne(), 'Screening rate')]: 45 } } })
    .complete('HEALTH_CHECK', IDS.orgA, 'approve', { data: HEALTH })
    .complete('HEALTH_CHECK', IDS.orgB, 'approve', { data: HEALTH })
    .complete('HEALTH_CHECK', IDS.orgC, 'approve', { data: HEALTH });
const review = (s: Story, data: Record<string, unknown>) => completeTask(s.task('REVIEW').id, 'approve', { data });

/** A workflow run recorded before joint decisions: the review revisits at once. */
const LEGACY = { jointDecisions: false };

describe('review cycles', () => {
  it('adoption schedules the first review (no pulse when healthPulse ≥ reviewCycle)', () => {
    expect(inMeasurement('cooperative', NO_PULSE).state).toMatchObject({ nextReviewAt: REVIEW_AT.toISOString(), nextPulseAt: null, cycle: 0 });
  });

  it('nothing happens before the review is due', () => {
    given(inMeasurement('cooperative', NO_PULSE))
      .when({ type: 'FireDueTimers' }, { now: new Date(REVIEW_AT.getTime() - 1), actor: system })
      .then([]);
  });

  it('the review timer opens the cycle: a REPORT_MEASUREMENT task per KPI owner, a HEALTH_CHECK per organization, and schedules the next', () => {
    const s = inMeasurement('cooperative', NO_PULSE);
    const id = (offset: number) => `p-1.${s.state.version + offset}`;
    const { state } = given(s)
      .when({ type: 'FireDueTimers' }, { now: REVIEW_AT, actor: system })
      .then([
        { type: 'ReviewCycleOpened', data: { cycle: 1 } },
        { type: 'TaskOpened', data: { task: taskAt({ id: id(2), kind: 'REPORT_MEASUREMENT', title: `Report cycle 1 measurements: ${NAME}`, assignee: agreedAssignee(IDS.orgA), cycle: 1 }, REVIEW_AT) } },
        { type: 'TaskOpened', data: { task: taskAt({ id: id(3), kind: 'REPORT_MEASUREMENT', title: `Report cycle 1 measurements: ${NAME}`, assignee: agreedAssignee(IDS.orgB), cycle: 1 }, REVIEW_AT) } },
        ...[IDS.orgA, IDS.orgB, IDS.orgC].map((organizationId, index) => ({
          type: 'TaskOpened' as const,
          data: { task: taskAt({ id: id(4 + index), kind: 'HEALTH_CHECK', title: `Health check: ${NAME}`, assignee: agreedAssignee(organizationId), cycle: 1 }, REVIEW_AT) },
        })),
        { type: 'ReviewScheduled', data: { cycle: 2, reviewAt: new Date(REVIEW_AT.getTime() + 180 * DAY).toISOString(), pulseAt: null } },
      ]);
    expect(state).toMatchObject({ cycle: 1, nextReviewAt: new Date(REVIEW_AT.getTime() + 180 * DAY).toISOString() });
  });

  it('a health pulse opens HEALTH_CHECK pulse tasks for the current cycle', () => {
    const s = inMeasurement();
    const pulseAt = new Date(EARLIER.getTime() + 60 * DAY);
    expect(s.state.nextPulseAt).toBe(pulseAt.toISOString());
    const { state } = given(s)
      .when({ type: 'FireDueTimers' }, { now: pulseAt, actor: system })
      .then([
        { type: 'HealthPulseOpened', data: { cycle: 0, nextPulseAt: new Date(pulseAt.getTime() + 60 * DAY).toISOString() } },
        ...[IDS.orgA, IDS.orgB, IDS.orgC].map((organizationId, index) => ({
          type: 'TaskOpened' as const,
          data: { task: taskAt({ id: `p-1.${s.state.version + 2 + index}`, kind: 'HEALTH_CHECK', title: `Health check (pulse): ${NAME}`, assignee: agreedAssignee(organizationId), cycle: 0, purpose: 'pulse' }, pulseAt) },
        })),
      ]);
    expect(state.nextPulseAt).toBe(new Date(pulseAt.getTime() + 60 * DAY).toISOString());
  });

  it('a pulse health check before the first cycle is recorded for cycle 0 and opens no review', () => {
    const s = inMeasurement();
    s.do({ type: 'FireDueTimers' }, { now: new Date(s.state.nextPulseAt!), actor: system });
    const taskId = s.task('HEALTH_CHECK', IDS.orgA).id;
    const { state } = given(s)
      .when(completeTask(taskId, 'approve', { data: { ...HEALTH, recommend: 8 } }), { actor: partnerA })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'HealthCheckRecorded', data: { check: { cycle: 0, organizationId: IDS.orgA, scores: HEALTH, recommend: 8 } } },
      ]);
    expect(state.openTasks.map((task) => task.kind)).toEqual(['HEALTH_CHECK', 'HEALTH_CHECK']);
  });

  it('health pulses recur every healthPulse until the next full review (month 2 and month 4 of a 6-month cycle)', () => {
    const s = inMeasurement();
    const first = new Date(s.state.nextPulseAt!);
    s.do({ type: 'FireDueTimers' }, { now: first, actor: system });
    const second = new Date(first.getTime() + 60 * DAY);
    expect(s.state.nextPulseAt).toBe(second.toISOString());
    const events = given(s).when({ type: 'FireDueTimers' }, { now: second, actor: system }).events();
    expect(events.filter((event) => event.type === 'HealthPulseOpened')).toEqual([
      expect.objectContaining({ data: { cycle: 0, nextPulseAt: null } }),
    ]);
  });

  it('open pulse checks do not hold the cycle’s review back', () => {
    const s = inMeasurement();
    s.do({ type: 'FireDueTimers' }, { now: new Date(s.state.nextReviewAt!), actor: system });
    expect(s.state.openTasks.filter((task) => task.purpose === 'pulse')).toHaveLength(3);
    s.complete('REPORT_MEASUREMENT', IDS.orgA, 'approve', { data: { values: { [kpiId(s, 'Readmission rate')]: 16 } } })
      .complete('REPORT_MEASUREMENT', IDS.orgB, 'approve', { data: { values: { [kpiId(s, 'Screening rate')]: 45 } } });
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) {
      const task = s.state.openTasks.find((candidate) => candidate.kind === 'HEALTH_CHECK' && candidate.cycle === 1 && candidate.assignee.kind === 'organization' && candidate.assignee.organizationId === organizationId)!;
      s.do(completeTask(task.id, 'approve', { data: HEALTH }), { actor: [partnerA, partnerB, partnerC][[IDS.orgA, IDS.orgB, IDS.orgC].indexOf(organizationId)]! });
    }
    expect(s.state.openTasks.filter((task) => task.kind === 'REVIEW').map((task) => task.cycle)).toEqual([1]);
  });
});

describe('REPORT_MEASUREMENT', () => {
  it('records a measurement for every KPI the organization owns, on time by the due date', () => {
    const s = cycleOne();
    const taskId = s.task('REPORT_MEASUREMENT', IDS.orgA).id;
    const now = new Date(REVIEW_AT.getTime() + 7 * DAY);
    const { state } = given(s)
      .when(completeTask(taskId, 'approve', { data: { values: { [kpiId(s, 'Readmission rate')]: 16 } } }), { actor: partnerA, now })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'MeasurementRecorded', data: { measurement: { kpiId: kpiId(s, 'Readmission rate'), cycle: 1, value: 16, reportedBy: IDS.partnerA, reportedAt: now.toISOString(), onTime: true } } },
      ]);
    expect(state.measurements).toHaveLength(1);
    expect(state.openTasks.some((task) => task.kind === 'REVIEW')).toBe(false);
  });

  it('is late (onTime false) after the due date', () => {
    const s = cycleOne();
    const [, event] = given(s)
      .when(completeTask(s.task('REPORT_MEASUREMENT', IDS.orgA).id, 'approve', { data: { values: { [kpiId(s, 'Readmission rate')]: 16 } } }), {
        actor: partnerA,
        now: new Date(REVIEW_AT.getTime() + 7 * DAY + 1),
      })
      .events();
    expect(event?.type === 'MeasurementRecorded' && event.data.measurement.onTime).toBe(false);
  });

  it('an owner of two KPIs reports both', () => {
    const extra: Omit<Kpi, 'id' | 'definedAt'> = { ...KPI_A, name: 'Follow-up calls', unit: 'calls', baseline: 0, target: 100, direction: 'increase', goalRank: null };
    // The KPI is drafted, then carried by version 2, which every partner signs: from then it is measured.
    const s = inMeasurement('cooperative', NO_PULSE).do({ type: 'DefineKpi', kpi: extra }).do({ type: 'IssueAgreement' });
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_AGREEMENT', organizationId);
    s.do({ type: 'FireDueTimers' }, { now: REVIEW_AT, actor: system });
    const taskId = s.task('REPORT_MEASUREMENT', IDS.orgA).id;
    const values = { [kpiId(s, 'Readmission rate')]: 17, [kpiId(s, 'Follow-up calls')]: 12 };
    given(s)
      .when(completeTask(taskId, 'approve', { data: { values } }), { actor: partnerA, now: LATER })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        ...Object.entries(values).map(([id, value]) => ({
          type: 'MeasurementRecorded' as const,
          data: { measurement: { kpiId: id, cycle: 1, value, reportedBy: IDS.partnerA, reportedAt: LATER.toISOString(), onTime: true } },
        })),
      ]);
  });

  it('needs a number for every owned KPI and nothing else → 422 TASK.INVALID_DATA', () => {
    const s = cycleOne();
    const own = kpiId(s, 'Readmission rate');
    const other = kpiId(s, 'Screening rate');
    given(s)
      .when(completeTask(s.task('REPORT_MEASUREMENT', IDS.orgA).id, 'approve', { data: { values: { [other]: 50 } } }), { actor: partnerA, now: REVIEW_AT })
      .thenThrows(ERROR_CODES.invalidTaskData, {
        kind: 'rule',
        fields: { [`data.values.${own}`]: 'report a number for "Readmission rate" (%)', [`data.values.${other}`]: 'not a KPI your organization owns' },
      });
    given(s)
      .when(completeTask(s.task('REPORT_MEASUREMENT', IDS.orgA).id, 'approve', { data: { values: { [own]: '16' } } }), { actor: partnerA, now: REVIEW_AT })
      .thenThrows(ERROR_CODES.invalidTaskData, { fields: { [`data.values.${own}`]: 'enter a number' } });
    given(s)
      .when(completeTask(s.task('REPORT_MEASUREMENT', IDS.orgA).id, 'approve', { data: { values: {} } }), { actor: partnerA, now: REVIEW_AT })
      .thenThrows(ERROR_CODES.invalidTaskData, { fields: { [`data.values.${own}`]: 'report a number for "Readmission rate" (%)' } });
    given(s)
      .when(completeTask(s.task('REPORT_MEASUREMENT', IDS.orgA).id), { actor: partnerA, now: REVIEW_AT })
      .thenThrows(ERROR_CODES.invalidTaskData, { fieldKeys: ['data'] });
  });

  it('cannot be rejected → 422 TASK.DECISION_NOT_ALLOWED', () => {
    const s = cycleOne();
    given(s)
      .when(completeTask(s.task('REPORT_MEASUREMENT', IDS.orgA).id, 'reject', { comment: 'No data' }), { actor: partnerA })
      .thenThrows(ERROR_CODES.decisionNotAllowed, { kind: 'rule', fields: { decision: 'must be "approve"' } });
  });

  it('is completed by a representative of the owner only', () => {
    const s = cycleOne();
    given(s).when(completeTask(s.task('REPORT_MEASUREMENT', IDS.orgA).id), { actor: partnerB }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
  });
});

describe('HEALTH_CHECK', () => {
  it('records the four scores and the recommendation', () => {
    const s = cycleOne();
    const taskId = s.task('HEALTH_CHECK', IDS.orgC).id;
    given(s)
      .when(completeTask(taskId, 'approve', { data: { ...HEALTH, recommend: 9 } }), { actor: partnerC })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'HealthCheckRecorded', data: { check: { cycle: 1, organizationId: IDS.orgC, scores: HEALTH, recommend: 9 } } },
      ]);
  });

  it('the recommendation is optional', () => {
    const s = cycleOne();
    const [, event] = given(s).when(completeTask(s.task('HEALTH_CHECK', IDS.orgC).id, 'approve', { data: HEALTH }), { actor: partnerC }).events();
    expect(event?.type === 'HealthCheckRecorded' && event.data.check.recommend).toBeNull();
  });

  it('needs whole scores 1–5 and a recommendation 0–10 → 422 TASK.INVALID_DATA', () => {
    const s = cycleOne();
    given(s)
      .when(completeTask(s.task('HEALTH_CHECK', IDS.orgC).id, 'approve', { data: { strategy: 0, operations: 6, relationship: 2.5, recommend: 11 } }), { actor: partnerC })
      .thenThrows(ERROR_CODES.invalidTaskData, {
        kind: 'rule',
        fields: {
          'data.strategy': 'score 1 to 5',
          'data.operations': 'score 1 to 5',
          'data.relationship': 'score 1 to 5',
          'data.governance': 'score 1 to 5',
          'data.recommend': 'score 0 to 10',
        },
      });
  });
});

describe('the REVIEW task', () => {
  it('opens only when the cycle’s last measurement or health check is in', () => {
    const s = cycleOne()
      .complete('REPORT_MEASUREMENT', IDS.orgA, 'approve', { data: { values: { [kpiId(cycleOne(), 'Readmission rate')]: 16 } } })
      .complete('HEALTH_CHECK', IDS.orgA, 'approve', { data: HEALTH })
      .complete('HEALTH_CHECK', IDS.orgB, 'approve', { data: HEALTH })
      .complete('HEALTH_CHECK', IDS.orgC, 'approve', { data: HEALTH });
    expect(s.state.openTasks.map((task) => task.kind)).toEqual(['REPORT_MEASUREMENT']);
    const taskId = s.task('REPORT_MEASUREMENT', IDS.orgB).id;
    const kpi = kpiId(s, 'Screening rate');
    const { state } = given(s)
      .when(completeTask(taskId, 'approve', { data: { values: { [kpi]: 45 } } }), { actor: partnerB, now: LATER })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'MeasurementRecorded', data: { measurement: { kpiId: kpi, cycle: 1, value: 45, reportedBy: IDS.partnerB, reportedAt: LATER.toISOString(), onTime: true } } },
        { type: 'TaskOpened', data: { task: taskAt({ id: `p-1.${s.state.version + 3}`, kind: 'REVIEW', title: `Review cycle 1: ${NAME}`, assignee: person(IDS.coordinator), cycle: 1 }, LATER) } },
      ]);
    expect(state.openTasks.map((task) => task.kind)).toEqual(['REVIEW']);
  });

  it('continue: records the goal-attainment scores and the outcome; the next cycle follows on its timer', () => {
    const s = measured();
    const taskId = s.task('REVIEW').id;
    const { state } = given(s)
      .when(review(s, { outcome: 'continue', goalScores: { '1': 1, '2': 0 } }))
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'GoalAttainmentScored', data: { cycle: 1, scores: { '1': 1, '2': 0 } } },
        { type: 'ReviewDecided', data: { cycle: 1, outcome: 'continue' } },
      ]);
    expect(state).toMatchObject({ stage: 'MEASUREMENT', reviews: [{ cycle: 1, outcome: 'continue', at: '2030-01-15T09:00:00.000Z' }], goalAttainment: [{ cycle: 1, scores: { '1': 1, '2': 0 } }] });
  });

  it('revisit_priorities is a joint decision: the review proposes it, measuring goes on until the partners agree', () => {
    const s = measured();
    const events = given(s).when(review(s, { outcome: 'revisit_priorities', reason: 'Targets no longer fit' })).events();
    expect(events.map((event) => event.type).slice(0, 3)).toEqual(['TaskCompleted', 'ReviewDecided', 'SignoffOpened']);
    expect(events[2]?.data).toMatchObject({ subject: 'CHANGE', proposal: { change: { kind: 'revisit', to: 'PRIORITY_SETTING', cycle: 1 }, reason: 'Targets no longer fit' } });
    const proposed = s.fork().do(review(s, { outcome: 'revisit_priorities' }));
    expect(proposed.state.stage).toBe('MEASUREMENT');
    proposed.do({ type: 'FireDueTimers' }, { now: new Date(proposed.state.nextReviewAt!), actor: system });
    const later = proposed.state.openTasks.filter((task) => task.cycle === 2);
    expect(later.length).toBeGreaterThan(0);
    proposed.agreeChange();
    expect(proposed.state).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING' });
    expect(proposed.state.openTasks.filter((task) => task.cycle === 2)).toEqual([]);
    expect(proposed.events.findLast((event) => event.type === 'StageAdvanced')?.data).toEqual({ from: 'MEASUREMENT', to: 'PRIORITY_SETTING', reason: 'the partners agreed to revisit the priorities' });
  });

  it('a revisit the partners refuse leaves the partnership measuring', () => {
    const s = measured();
    const proposed = s.do(review(s, { outcome: 'revisit_roles' })).complete('DECIDE_CHANGE', IDS.orgB, 'reject', { comment: 'Roles work' });
    expect(proposed.state).toMatchObject({ stage: 'MEASUREMENT', signoff: null });
  });

  it('revisit_priorities (in a run from before joint decisions) goes back to PRIORITY_SETTING with the priorities open for drafting', () => {
    const s = measured();
    const { state } = given(s)
      .when(review(s, { outcome: 'revisit_priorities' }), LEGACY)
      .then([
        { type: 'TaskCompleted', data: { taskId: s.task('REVIEW').id, decision: 'approve', comment: null } },
        { type: 'ReviewDecided', data: { cycle: 1, outcome: 'revisit_priorities' } },
        { type: 'StageAdvanced', data: { from: 'MEASUREMENT', to: 'PRIORITY_SETTING', reason: 'the review revisits the priorities' } },
      ]);
    expect(state).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING' });
  });

  it('revisit_roles (in a run from before joint decisions) goes back to ROLE_IDENTIFICATION', () => {
    const s = measured();
    given(s)
      .when(review(s, { outcome: 'revisit_roles' }), LEGACY)
      .then([
        { type: 'TaskCompleted', data: { taskId: s.task('REVIEW').id, decision: 'approve', comment: null } },
        { type: 'ReviewDecided', data: { cycle: 1, outcome: 'revisit_roles' } },
        { type: 'StageAdvanced', data: { from: 'MEASUREMENT', to: 'ROLE_IDENTIFICATION', reason: 'the review revisits the roles' } },
      ]);
  });

  it('propose_termination proposes the option to the sponsor', () => {
    const s = measured();
    const { state } = given(s)
      .when(review(s, { outcome: 'propose_termination', option: 'hand_over', reason: 'A county service takes over' }))
      .then([
        { type: 'TaskCompleted', data: { taskId: s.task('REVIEW').id, decision: 'approve', comment: null } },
        { type: 'ReviewDecided', data: { cycle: 1, outcome: 'propose_termination' } },
        { type: 'TerminationProposed', data: { option: 'hand_over', reason: 'A county service takes over', fromStage: 'MEASUREMENT' } },
        { type: 'StageAdvanced', data: { from: 'MEASUREMENT', to: 'TERMINATION' } },
        {
          type: 'TaskOpened',
          data: { task: taskAt({ id: `p-1.${s.state.version + 5}`, kind: 'APPROVE_TERMINATION', title: `Approve the proposed hand over: ${NAME}`, assignee: person(IDS.sponsor), detail: 'hand_over' }) },
        },
      ]);
    expect(state.termination).toEqual({
      option: 'hand_over',
      reason: 'A county service takes over',
      fromStage: 'MEASUREMENT',
      approved: false,
      proposedBy: IDS.coordinator,
      proposedAt: NOW.toISOString(),
      effectiveAt: null,
      scheduledAt: null,
      noticeRemindersSent: 0,
    });
  });

  it('propose_termination without a reason names the review', () => {
    const s = measured();
    const events = given(s).when(review(s, { outcome: 'propose_termination', option: 'exit' })).events();
    expect(events.find((event) => event.type === 'TerminationProposed')?.data).toEqual({ option: 'exit', reason: 'Review of cycle 1', fromStage: 'MEASUREMENT' });
  });

  it('rejects an unknown outcome, bad goal scores and a missing termination option → 422 TASK.INVALID_DATA', () => {
    const s = measured();
    given(s)
      .when(review(s, { outcome: 'stop' }))
      .thenThrows(ERROR_CODES.invalidTaskData, { kind: 'rule', fields: { 'data.outcome': 'one of continue, revisit_priorities, revisit_roles, propose_termination' } });
    given(s)
      .when(review(s, { outcome: 'continue', goalScores: { '1': 3, '2': 0 } }))
      .thenThrows(ERROR_CODES.invalidTaskData, { fields: { 'data.goalScores.1': 'score −2 to +2' } });
    given(s)
      .when(review(s, { outcome: 'continue', goalScores: { '1': 2, '3': 0 } }))
      .thenThrows(ERROR_CODES.invalidTaskData, { fields: { 'data.goalScores.3': 'no goal has this rank' } });
    given(s)
      .when(review(s, { outcome: 'propose_termination' }))
      .thenThrows(ERROR_CODES.invalidTaskData, { fields: { 'data.option': 'one of renew, restructure, hand_over, exit' } });
  });

  it('is the coordinator’s own task', () => {
    const s = measured();
    given(s).when(review(s, { outcome: 'continue' }), { actor: admin }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
    given(s).when(review(s, { outcome: 'continue' }), { actor: sponsor }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
    given(s).when(review(s, { outcome: 'continue' }), { actor: coordinator }).events();
  });

  it('leaving MEASUREMENT (in a run from before joint decisions) cancels a later cycle’s open tasks', () => {
    const s = measured();
    s.do({ type: 'FireDueTimers' }, { now: new Date(s.state.nextReviewAt!), actor: system });
    const later = s.state.openTasks.filter((task) => task.cycle === 2).map((task) => task.id);
    expect(later).toHaveLength(5);
    const taskId = s.task('REVIEW').id;
    given(s)
      .when(completeTask(taskId, 'approve', { data: { outcome: 'revisit_roles' } }), LEGACY)
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'ReviewDecided', data: { cycle: 1, outcome: 'revisit_roles' } },
        ...later.map((id) => ({ type: 'TaskCancelled' as const, data: { taskId: id, reason: 'the review left MEASUREMENT' } })),
        { type: 'StageAdvanced', data: { from: 'MEASUREMENT', to: 'ROLE_IDENTIFICATION', reason: 'the review revisits the roles' } },
      ]);
  });

  it('after continue the next review timer opens cycle 2', () => {
    const s = measured().do(review(measured(), { outcome: 'continue' }));
    const next = new Date(s.state.nextReviewAt!);
    const [first] = given(s).when({ type: 'FireDueTimers' }, { now: next, actor: system }).events().filter((event) => event.type === 'ReviewCycleOpened');
    expect(first?.data).toEqual({ cycle: 2 });
  });
});
