/**
 * KPI cadence against the real stack, on a cadence of seconds: a KPI reported every 5 s between
 * reviews two days apart falls due as its owner's report task (REPORT_MEASUREMENT, purpose
 * kpi_report) asking for that KPI only; the partner reports it and the measurement is recorded with
 * the instant it fell due, in the measures. A KPI whose cadence is longer than the review cycle
 * opens nothing between reviews.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, listQuery } from '../support/http.js';
import { FAST_POLICY } from '../support/partnerships.js';
import { agreeRoles, castOf, complete, openTasks, partnershipOf, send, timeline, toMeasurement, toRoleIdentification, type Cast, type Task } from '../support/lifecycle.js';

let cast: Cast;
beforeAll(async () => {
  cast = await castOf();
});
/** Partnerships on a cadence of seconds, put on hold at the end so their reports stop piling into the partners' inboxes. */
const reporting: string[] = [];
afterAll(async () => {
  for (const id of reporting) await send(cast, cast.coordinator, id, { type: 'PutOnHold', reason: 'The KPI cadence test is over' });
});

/** Reviews two days apart; tasks due in a minute, so a report made at once is on time. */
const POLICY = { ...FAST_POLICY, taskDue: 'PT1M', reminderBeforeDue: 'PT10S' };

interface KpiRecord {
  id: string;
  name: string;
  ownerOrganizationId: string;
  cadence: string;
}

describe('KPI cadence', () => {
  it('a KPI reported every 5 s between reviews: its report task opens, the partner reports it, the measurement is recorded', async () => {
    const { id } = await toRoleIdentification(cast, POLICY);
    await agreeRoles(cast, id, 'cooperative');
    const kpis = (await partnershipOf(cast, id)).kpis as KpiRecord[];
    const riversideKpi = kpis.find((kpi) => kpi.ownerOrganizationId === cast.orgs.riverside)!;
    const northwindKpi = kpis.find((kpi) => kpi.ownerOrganizationId === cast.orgs.northwind)!;
    const { definedAt: _definedAt, ...definition } = riversideKpi as KpiRecord & { definedAt: string };
    await send(cast, cast.coordinator, id, { type: 'DefineKpi', kpi: { ...definition, cadence: 'PT5S' } });
    await toMeasurement(cast, id);
    reporting.push(id);
    expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'MEASUREMENT', cycle: 0 });

    // The ledger names the timer and whom it reaches: Riverside, through its point of contact.
    const ledger = (await cast.coordinator.get(`/api/deadlines?${listQuery({ partnershipId: id, purpose: 'kpi_report' }, ['firesAt', 'ASC'])}`)).body as { purpose: string; recipients: { userId?: string }[] }[];
    expect(ledger).toMatchObject([{ purpose: 'kpi_report', recipients: [{ userId: cast.riverside.user.id }] }]);

    const task = await eventually('Riverside’s report between reviews', async () => (await openTasks(cast.riverside, id, 'REPORT_MEASUREMENT')).find((open) => open.purpose === 'kpi_report'), 30_000);
    expect(task).toMatchObject({ assigneeOrganizationId: cast.orgs.riverside, context: { kind: 'measurement', cycle: 1, plannedAt: expect.any(String) } });
    const context = task.context as { plannedAt: string; kpis: { id: string; cadence: string }[] };
    expect(context.kpis.map((kpi) => [kpi.id, kpi.cadence])).toEqual([[riversideKpi.id, 'PT5S']]);

    // Only the KPI due: Northwind's, not Riverside's to report, and its own KPI missing, are refused by field.
    const wrong = await cast.riverside.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', data: { values: { [northwindKpi.id]: 60 } } });
    expect(wrong).toMatchObject({ status: 422, body: { code: 'TASK.INVALID_DATA', errors: { [`data.values.${riversideKpi.id}`]: expect.any(String), [`data.values.${northwindKpi.id}`]: 'not a KPI this report asks for' } } });
    expect((await cast.northwind.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', data: { values: { [riversideKpi.id]: 61 } } })).status).toBe(403);
    await complete(cast, cast.riverside, task as Task, { data: { values: { [riversideKpi.id]: 61 } } });

    const events = await timeline(cast, id);
    const recorded = events.find((event) => event.type === 'MeasurementRecorded');
    expect(recorded?.payload).toMatchObject({ measurement: { kpiId: riversideKpi.id, value: 61, cycle: 1, onTime: true, plannedAt: context.plannedAt, reportedBy: cast.riverside.user.id } });
    expect(events.filter((event) => event.type === 'KpiReportFellDue')[0]?.payload).toMatchObject({ taskId: task.id, organizationId: cast.orgs.riverside, kpiIds: [riversideKpi.id] });

    const measures = (await cast.coordinator.get(`/api/partnerships/${id}/measures`)).body as {
      kpis: { kpiId: string; actual: number | null }[];
      trajectories: { kpiId: string; points: { at: string; actual: number | null; betweenReviews?: boolean }[] }[];
    };
    expect(measures.kpis.find((kpi) => kpi.kpiId === riversideKpi.id)?.actual).toBe(61);
    expect(measures.trajectories.find((trajectory) => trajectory.kpiId === riversideKpi.id)?.points).toContainEqual(expect.objectContaining({ at: context.plannedAt, actual: 61, betweenReviews: true }));

    // The next falls due a cadence on; Northwind's KPI (monthly, reviews every two days) never does between reviews.
    await eventually('the next report', async () => ((await timeline(cast, id)).filter((event) => event.type === 'KpiReportFellDue').length >= 2 ? true : undefined), 30_000);
    expect((await openTasks(cast.northwind, id, 'REPORT_MEASUREMENT')).filter((open) => open.purpose === 'kpi_report')).toEqual([]);
  });
});
