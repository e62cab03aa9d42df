import { DEFAULT_POLICY } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { describePolicy, policyFormDefaults, toCreatePartnershipBody } from './partnerships/partnershipModel';
import { summarizeEvent } from './partnerships/timelineModel';
import { voteStatusSentence } from './methodLabels';
import { EMPTY_HEALTH_CHECK, EMPTY_REVIEW, toHealthCheckData, toMeasurementData, toReviewData } from './tasks/taskFormModel';
import { taskKindLabel, viewerMayComplete } from './tasks/taskModel';

describe('the create form', () => {
  it('sends exactly the six policy fields, amounts and units as ISO-8601, blanks as defaults', () => {
    const body = toCreatePartnershipBody({
      name: ' X ',
      organizationIds: ['a', 'b'],
      policy: { taskDue: { amount: 30, unit: 'TS' }, reviewCycle: { amount: null, unit: 'D' }, healthPulse: { amount: 2, unit: 'TM' } },
    });
    expect(body.policy).toEqual({ ...DEFAULT_POLICY, taskDue: 'PT30S', healthPulse: 'PT2M' });
    // The form starts from the defaults, each said in one unit.
    expect(toCreatePartnershipBody({ policy: policyFormDefaults() }).policy).toEqual(DEFAULT_POLICY);
    expect(Object.keys(body.policy).sort()).toEqual(
      ['escalateAfterOverdue', 'healthPulse', 'overdueReminderEvery', 'reminderBeforeDue', 'reviewCycle', 'taskDue'],
    );
    expect(describePolicy(DEFAULT_POLICY)).toContain('review cycle every 6 months');
    expect(describePolicy(DEFAULT_POLICY)).toMatch(/^Task due after 7 days, remind before due 1 day/);
  });
});

describe('the task forms', () => {
  it('check health scores through the kind’s schema and leave recommend out when blank', () => {
    expect(toHealthCheckData({ ...EMPTY_HEALTH_CHECK, strategy: '6' }).errors).toHaveProperty('data.strategy');
    expect(toHealthCheckData({ ...EMPTY_HEALTH_CHECK, strategy: '4' }).errors).toHaveProperty('data.operations');
    expect(toHealthCheckData({ strategy: '1', operations: '2', relationship: '3', governance: '5', recommend: '' }).data).toEqual({
      strategy: 1,
      operations: 2,
      relationship: 3,
      governance: 5,
    });
  });

  it('ask for an option only when termination is proposed, and send goal scores as numbers', () => {
    expect(toReviewData({ ...EMPTY_REVIEW, outcome: 'continue', option: 'exit', goalScores: { '1': '-2', '2': '' } }).data).toEqual({
      outcome: 'continue',
      goalScores: { '1': -2 },
    });
    expect(toReviewData({ ...EMPTY_REVIEW, outcome: 'propose_termination' }).errors).toHaveProperty('data.option');
    expect(toReviewData(EMPTY_REVIEW).errors).toHaveProperty('data.outcome');
    expect(toReviewData({ ...EMPTY_REVIEW, outcome: 'propose_termination', option: 'exit', reason: ' done ' }).data).toEqual({
      outcome: 'propose_termination',
      option: 'exit',
      reason: 'done',
    });
  });

  it('turn one value per KPI into data, naming the KPI left blank', () => {
    const kpis = [{ id: 'k1' }, { id: 'k2' }];
    expect(toMeasurementData(kpis, { k1: '4.5', k2: '0' }).data).toEqual({ values: { k1: 4.5, k2: 0 } });
    expect(Object.keys(toMeasurementData(kpis, { k1: '4.5' }).errors ?? {})).toEqual(['data.values.k2']);
    expect(toMeasurementData(kpis, { k1: 'x', k2: '1' }).errors).toHaveProperty('data.values.k1');
  });

  it('show buttons only to the assignee or a representative of the assigned organization', () => {
    const orgTask = { status: 'open' as const, assigneeUserId: null, assigneeOrganizationId: 'o1' };
    expect(viewerMayComplete(orgTask, { id: 'u', role: 'partner', organizationId: 'o1' })).toBe(true);
    expect(viewerMayComplete(orgTask, { id: 'u', role: 'partner', organizationId: 'o2' })).toBe(false);
    expect(viewerMayComplete(orgTask, { id: 'a', role: 'auditor', organizationId: null })).toBe(false);
    const personal = { status: 'open' as const, assigneeUserId: 's', assigneeOrganizationId: null };
    expect(viewerMayComplete(personal, { id: 's', role: 'sponsor', organizationId: 'o3' })).toBe(true);
    expect(viewerMayComplete({ ...personal, status: 'completed' }, { id: 's', role: 'sponsor', organizationId: 'o3' })).toBe(false);
    expect(viewerMayComplete(personal, { id: 'a', role: 'admin', organizationId: null })).toBe(false);
  });
});

describe('the timeline', () => {
  it('keeps the old summaries and words the new events', () => {
    expect(summarizeEvent({ type: 'PrioritiesApproved', payload: {} })).toBe('Priorities approved');
    expect(summarizeEvent({ type: 'StageAdvanced', payload: { from: 'PRIORITY_SETTING', to: 'LISTENING' } })).toBe(
      'Stage Priority setting → Listening',
    );
    expect(summarizeEvent({ type: 'TaskEscalated', payload: { taskId: 't', level: 2, recipients: [{ userId: 'u' }] } })).toBe(
      'Escalated to level 2, 1 person notified',
    );
    expect(
      summarizeEvent({ type: 'ReminderSent', payload: { taskId: 't', reminder: 1, recipients: [{ organizationId: 'o' }, { userId: 'u' }, { userId: 'v' }] } }),
    ).toBe('Reminder 1 sent to 2 people and 1 organization');
    expect(summarizeEvent({ type: 'ReviewDecided', payload: { cycle: 1, outcome: 'revisit_roles' } })).toBe(
      'Review of cycle 1 decided: revisit the roles',
    );
    expect(summarizeEvent({ type: 'SignoffCompleted', payload: { subject: 'AGREEMENT', outcome: 'approved' } })).toBe(
      'Sign-off of the agreement approved',
    );
  });
});

describe('where an integrated sign-off stands', () => {
  it('names the time it falls to a vote while agreement is sought, says when it is put to the vote, and is silent for the other rules', () => {
    const at = '2030-03-01T09:00:00.000Z';
    expect(voteStatusSentence({ rule: 'agreement_or_vote', voteAt: at }, (iso) => `[${iso}]`)).toBe(`Seeking agreement. Without it by [${at}], it falls to a majority vote.`);
    expect(voteStatusSentence({ rule: 'agreement_or_vote', voteAt: at, voting: true })).toMatch(/^Put to the vote/);
    expect(voteStatusSentence({ rule: 'consensus' })).toBeNull();
    expect(voteStatusSentence({ rule: 'majority' })).toBeNull();
  });
});

describe('reports between reviews', () => {
  it('the inbox names a between-review report apart from the cycle’s own', () => {
    expect(taskKindLabel('REPORT_MEASUREMENT', 2, 'kpi_report')).toBe('Report measurements · between reviews');
    expect(taskKindLabel('REPORT_MEASUREMENT', 2, null)).toBe('Report measurements · cycle 2');
  });

  it('the timeline tells a value reported between reviews from a cycle’s, and names the KPIs that fell due', () => {
    const measurement = { kpiId: 'k1', cycle: 2, value: 61, onTime: true };
    const kpiName = (id: string) => (id === 'k1' ? 'Deliveries on time' : id);
    expect(summarizeEvent({ type: 'MeasurementRecorded', payload: { measurement } }, { kpiName })).toBe('Measurement for Deliveries on time: 61 (cycle 2)');
    expect(summarizeEvent({ type: 'MeasurementRecorded', payload: { measurement: { ...measurement, plannedAt: '2030-02-13T09:00:00.000Z' } } }, { kpiName })).toMatch(
      /^Measurement for Deliveries on time: 61 \(between reviews, due .+, leading to cycle 2\)$/,
    );
    expect(summarizeEvent({ type: 'KpiReportFellDue', payload: { taskId: 't', organizationId: 'o', kpiIds: ['k1'], plannedAt: '2030-02-13T09:00:00.000Z', cycle: 2 } }, { kpiName })).toBe(
      'KPI report fell due (between reviews): Deliveries on time',
    );
    expect(summarizeEvent({ type: 'KpiReportsScheduled', payload: { at: {} } })).toBe('No KPI report falls due before the next review');
  });
});
