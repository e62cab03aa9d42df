import { describe, expect, it } from 'vitest';
import { eventTypeLabel, kpiNamesFrom, payloadText, summarizeEvent, TIMELINE_SORT } from './timelineModel';

describe('the timeline', () => {
  it('says why an integrated sign-off fell to a vote and how it was decided', () => {
    expect(summarizeEvent({ type: 'SignoffVoteCalled', payload: { subject: 'AGREEMENT', by: 'coordinator' } })).toBe('Sign-off of the agreement fell to a vote (the coordinator called it)');
    expect(summarizeEvent({ type: 'SignoffVoteCalled', payload: { subject: 'TERMINATION', by: 'deadline' } })).toBe('Sign-off of the termination fell to a vote (no agreement by the due date)');
    expect(summarizeEvent({ type: 'SignoffCompleted', payload: { subject: 'AGREEMENT', outcome: 'approved', decidedBy: 'vote' } })).toBe('Sign-off of the agreement approved by vote');
    expect(summarizeEvent({ type: 'SignoffCompleted', payload: { subject: 'AGREEMENT', outcome: 'approved', decidedBy: 'agreement' } })).toBe('Sign-off of the agreement approved by agreement');
    expect(summarizeEvent({ type: 'SignoffCompleted', payload: { subject: 'AGREEMENT', outcome: 'rejected' } })).toBe('Sign-off of the agreement rejected');
  });

  it('names a measured KPI by its name, from the partnership’s KPIs or the KpiDefined events at hand', () => {
    const measured = { type: 'MeasurementRecorded', payload: { measurement: { kpiId: 'kpi-7', value: 61, cycle: 1, onTime: true } } };
    const fromRecord = kpiNamesFrom([{ id: 'kpi-7', name: 'Deliveries on time' }]);
    expect(summarizeEvent(measured, { kpiName: fromRecord })).toBe('Measurement for Deliveries on time: 61 (cycle 1)');
    const fromEvents = kpiNamesFrom(null, [{ type: 'KpiDefined', payload: { kpi: { id: 'kpi-7', name: 'Readmissions' } } }]);
    expect(summarizeEvent(measured, { kpiName: fromEvents })).toBe('Measurement for Readmissions: 61 (cycle 1)');
    // The partnership's own list wins over an older definition.
    expect(kpiNamesFrom([{ id: 'kpi-7', name: 'New name' }], [{ type: 'KpiDefined', payload: { kpi: { id: 'kpi-7', name: 'Old name' } } }])('kpi-7')).toBe('New name');
    // An unknown KPI still reads.
    expect(summarizeEvent(measured)).toBe('Measurement for KPI kpi-7: 61 (cycle 1)');
  });

  it('tells a KPI or role change drafted for the next agreement version from one in force, and the version that carries it', () => {
    expect(summarizeEvent({ type: 'KpiDrafted', payload: { kpi: { id: 'kpi-9', name: 'Follow-up calls', baseline: 20, target: 60, unit: '%' }, sinceVersion: 1 } })).toBe(
      'KPI drafted for the next agreement version: Follow-up calls (20 → 60 %); v1 stays in force until the partners sign it',
    );
    expect(summarizeEvent({ type: 'RolesDrafted', payload: { roles: [{}, {}, {}], sinceVersion: 2 } })).toBe('3 roles drafted for the next agreement version (v2 stays in force until the partners sign it)');
    expect(summarizeEvent({ type: 'AgreementIssued', payload: { version: 2, content: {}, draftSince: 1 } })).toBe('Agreement v2 issued for signature, carrying the KPI and role changes drafted since v1');
    expect(summarizeEvent({ type: 'AgreementIssued', payload: { version: 2, content: {} } })).toBe('Agreement v2 issued for signature');
    // A drafted KPI names the measurements taken once it is in force.
    expect(kpiNamesFrom(null, [{ type: 'KpiDrafted', payload: { kpi: { id: 'kpi-9', name: 'Follow-up calls' } } }])('kpi-9')).toBe('Follow-up calls');
  });

  it('says durations in words', () => {
    expect(summarizeEvent({ type: 'TerminationTermsSet', payload: { options: ['renew', 'exit'], noticePeriod: 'P3M' } })).toBe(
      'Termination terms set: renew, exit, notice 3 months',
    );
    expect(summarizeEvent({ type: 'PartnershipResumed', payload: { heldForMs: 3 * 24 * 3600_000 } })).toBe('Resumed after 3 days on hold');
  });

  it('lists newest first and shows the payload exactly as stored', () => {
    expect(TIMELINE_SORT).toEqual({ field: 'sequence', order: 'DESC' });
    expect(payloadText({ taskId: 't', level: 2 })).toBe('{\n  "taskId": "t",\n  "level": 2\n}');
    expect(payloadText(undefined)).toBe('null');
  });
});

describe('event type names', () => {
  it('reads a type as words', () => {
    expect(eventTypeLabel('GoalsRecorded')).toBe('Goals recorded');
    expect(eventTypeLabel('TaskDueDateMoved')).toBe('Task due date moved');
    expect(eventTypeLabel('KpiDefined')).toBe('Kpi defined');
  });
});
