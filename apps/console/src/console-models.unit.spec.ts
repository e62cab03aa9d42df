import { DEFAULT_POLICY } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { describePolicy, toCreatePartnershipBody } from './partnerships/partnershipModel';
import { summarizeEvent } from './partnerships/timelineModel';
import {
  EMPTY_HEALTH_CHECK,
  kpisFromEvents,
  toHealthCheckData,
  toMeasurementData,
  toReviewData,
} from './tasks/completionModel';
import { isDecisionTask } from './tasks/taskModel';

describe('the create form', () => {
  it('sends exactly the six policy fields, blanks as defaults', () => {
    const body = toCreatePartnershipBody({ name: ' X ', organizationIds: ['a', 'b'], policy: { taskDue: 'PT30S', reviewCycle: '' } });
    expect(body.policy).toEqual({ ...DEFAULT_POLICY, taskDue: 'PT30S' });
    expect(Object.keys(body.policy).sort()).toEqual(
      ['escalateAfterOverdue', 'healthPulse', 'overdueReminderEvery', 'reminderBeforeDue', 'reviewCycle', 'taskDue'],
    );
    expect(describePolicy(DEFAULT_POLICY)).toContain('review cycle every 6 months');
    expect(describePolicy(DEFAULT_POLICY)).toMatch(/^Task due after 7 days, remind before due 1 day/);
  });
});

describe('the completion dialog', () => {
  it('checks health scores and leaves recommend out when blank', () => {
    expect(toHealthCheckData({ ...EMPTY_HEALTH_CHECK, strategy: '6' }).errors).toHaveProperty('data.strategy');
    expect(toHealthCheckData({ strategy: '1', operations: '2', relationship: '3', governance: '5', recommend: '' }).data).toEqual({
      strategy: 1,
      operations: 2,
      relationship: 3,
      governance: 5,
    });
  });

  it('asks for an option only when termination is proposed', () => {
    expect(toReviewData({ outcome: 'continue', option: '', reason: '' }).data).toEqual({ outcome: 'continue' });
    expect(toReviewData({ outcome: 'propose_termination', option: '', reason: '' }).errors).toHaveProperty('data.option');
    expect(toReviewData({ outcome: 'propose_termination', option: 'exit', reason: ' done ' }).data).toEqual({
      outcome: 'propose_termination',
      option: 'exit',
      reason: 'done',
    });
  });

  it('turns KPI rows into values and folds KPIs from the log', () => {
    expect(toMeasurementData([{ kpiId: 'k1', value: '4.5' }, { kpiId: '', value: '' }]).data).toEqual({ values: { k1: 4.5 } });
    expect(toMeasurementData([{ kpiId: 'k1', value: 'x' }]).errors).toHaveProperty('data.values.k1');
    const kpi = (id: string, owner: string) => ({ kpi: { id, name: id, unit: 'u', ownerOrganizationId: owner } });
    const kpis = kpisFromEvents([
      { sequence: 3, type: 'OrganizationLeft', payload: { organizationId: 'o1', reassignTo: 'o2' } },
      { sequence: 1, type: 'KpiDefined', payload: kpi('old', 'o1') },
      { sequence: 2, type: 'PartnershipRenewed', payload: { generation: 2 } },
      { sequence: 2.5, type: 'KpiDefined', payload: kpi('k1', 'o1') },
    ]);
    expect(kpis.map((one) => [one.id, one.ownerOrganizationId])).toEqual([['k1', 'o2']]);
  });

  it('keeps approve/reject for sign-offs only', () => {
    expect(isDecisionTask({ kind: 'SIGN_AGREEMENT' })).toBe(true);
    expect(isDecisionTask({ kind: 'HEALTH_CHECK' })).toBe(false);
  });
});

describe('the timeline', () => {
  it('keeps the old summaries and words the new events', () => {
    expect(summarizeEvent({ type: 'PrioritiesApproved', payload: {} })).toBe('Priorities approved');
    expect(summarizeEvent({ type: 'StageAdvanced', payload: { from: 'PRIORITY_SETTING', to: 'LISTENING' } })).toBe(
      'Stage Priority setting → Listening',
    );
    expect(summarizeEvent({ type: 'TaskEscalated', payload: { taskId: 't', level: 2, recipients: [{ userId: 'u' }] } })).toBe(
      'Escalated to level 2 (sponsor), 1 person notified',
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
