/**
 * Issue 11: changing an agreed KPI needs a new signed agreement version. Against the real stack, on a
 * review cycle of seconds: a KPI added and one changed in MEASUREMENT are a draft; the cycles keep
 * asking for the adopted version's KPIs until the partners sign version 2, and the next cycle after
 * its adoption asks for the new KPI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/http.js';
import { castOf, complete, openTasks, partnershipOf, send, timeline, type Cast, type Task } from '../support/lifecycle.js';
import { measuredPartnership } from '../support/measurement.js';

let cast: Cast;
const measuring: string[] = [];
beforeAll(async () => {
  cast = await castOf();
});
// A cycle every three seconds would keep opening tasks in the shared inboxes for the rest of the suite.
afterAll(async () => {
  for (const id of measuring) await send(cast, cast.coordinator, id, { type: 'PutOnHold', reason: 'The agreed-changes test is over' });
});

type ReportTask = Task & { cycle: number | null; context?: { kpis?: { id: string; name: string }[] } | null };
const FOLLOW_UP = { name: 'Follow-up calls within 48 h', unit: '%', baseline: 20, target: 60, direction: 'increase', cadence: 'P1M', goalRank: 1 };

/** Riverside's open report task of a cycle after `cycle`, once the cycle timer has opened one. */
const reportAfter = (id: string, cycle: number) =>
  eventually(`a report task of a cycle after ${cycle}`, async () => ((await openTasks(cast.riverside, id, 'REPORT_MEASUREMENT')) as ReportTask[]).find((task) => (task.cycle ?? 0) > cycle), 30_000);
const kpiNames = (task: ReportTask) => (task.context?.kpis ?? []).map((kpi) => kpi.name);

describe('a KPI change in MEASUREMENT', () => {
  it('is a draft the cycles do not measure until the partners adopt a new version that carries it; then the next cycle does', async () => {
    const { id, kpiIds } = await measuredPartnership(cast);
    measuring.push(id);
    const riverside = cast.orgs.riverside;
    const inForce = (await partnershipOf(cast, id)).kpis as { id: string; name: string; target: number }[];
    const own = inForce.find((kpi) => kpi.id === kpiIds[riverside])!;

    // The coordinator adds a KPI for Riverside and changes the target of its KPI in force.
    await send(cast, cast.coordinator, id, { type: 'DefineKpi', kpi: { ...FOLLOW_UP, ownerOrganizationId: riverside } });
    // Changed by its id: everything as agreed but the target (when it was defined is not input).
    const ownInput = Object.fromEntries(Object.entries(own).filter(([key]) => key !== 'definedAt'));
    await send(cast, cast.coordinator, id, { type: 'DefineKpi', kpi: { ...ownInput, target: 95 } });

    const drafted = await partnershipOf(cast, id);
    expect(drafted).toMatchObject({ agreedVersion: 1, draft: { sinceVersion: 1 } });
    expect(drafted.kpis).toEqual(inForce);
    expect((drafted.draft.kpis as { name: string }[]).map((kpi) => kpi.name)).toEqual([...inForce.map((kpi) => kpi.name), FOLLOW_UP.name]);
    const state = (await cast.coordinator.get(`/api/partnerships/${id}/state`)).body as Record<string, any>;
    expect(state).toMatchObject({ agreedVersion: 1, kpis: inForce, draft: { sinceVersion: 1 } });
    const types = (await timeline(cast, id)).map((event) => event.type);
    expect(types.filter((type) => type === 'KpiDrafted')).toHaveLength(2);
    expect(types.slice(types.lastIndexOf('AgreementAdopted'))).not.toContain('KpiDefined');

    // A cycle opened while the change is a draft asks Riverside for its KPI in force only, at its agreed target.
    const before = await reportAfter(id, drafted.cycle);
    expect(kpiNames(before)).toEqual([own.name]);
    const refused = await cast.riverside.post(`/api/tasks/${before.id}/complete`, { decision: 'approve', data: { values: { [own.id]: 70, [draftedKpiId(drafted)]: 30 } } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'TASK.INVALID_DATA', errors: { [`data.values.${draftedKpiId(drafted)}`]: 'not a KPI your organization owns' } });
    await complete(cast, cast.riverside, before, { data: { values: { [own.id]: 70 } } });

    // Version 2 carries the draft; Riverside's signatory is shown what it changes.
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    const [sign] = (await openTasks(cast.riverside, id, 'SIGN_AGREEMENT')) as (Task & { context: { changes: any } })[];
    expect(sign!.context.changes).toMatchObject({ sinceVersion: 1, kpis: { added: [{ name: FOLLOW_UP.name }], changed: [{ before: { target: own.target }, after: { target: 95 } }] } });
    expect((await partnershipOf(cast, id)).kpis).toEqual(inForce);
    for (const representative of [cast.riverside, cast.northwind]) {
      for (const task of await openTasks(representative, id, 'SIGN_AGREEMENT')) await complete(cast, representative, task);
    }

    const adopted = await partnershipOf(cast, id);
    expect(adopted).toMatchObject({ agreedVersion: 2, draft: null, agreement: { version: 2, adopted: true } });
    expect((adopted.kpis as { name: string }[]).map((kpi) => kpi.name)).toEqual([...inForce.map((kpi) => kpi.name), FOLLOW_UP.name]);
    expect((adopted.kpis as { id: string; target: number }[]).find((kpi) => kpi.id === own.id)?.target).toBe(95);
    const versions = (await cast.coordinator.get(`/api/partnerships/${id}/agreements`)).body as { version: number; status: string; changes: any }[];
    expect(versions.map((version) => [version.version, version.status, version.changes?.sinceVersion ?? null])).toEqual([
      [1, 'superseded', null],
      [2, 'adopted', 1],
    ]);

    // The next cycle asks Riverside for the new KPI too.
    const after = await reportAfter(id, adopted.cycle);
    expect(kpiNames(after)).toEqual([own.name, FOLLOW_UP.name]);
    const followUp = draftedKpiId(drafted);
    await complete(cast, cast.riverside, after, { data: { values: { [own.id]: 72, [followUp]: 31 } } });
    const measured = (await timeline(cast, id)).filter((event) => event.type === 'MeasurementRecorded').map((event) => event.payload.measurement.kpiId);
    expect(measured).toContain(followUp);
  });

  it('refused, stays a draft: nothing measured changes, and the coordinator may issue again', async () => {
    const { id } = await measuredPartnership(cast);
    measuring.push(id);
    await send(cast, cast.coordinator, id, { type: 'DefineKpi', kpi: { ...FOLLOW_UP, ownerOrganizationId: cast.orgs.northwind } });
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    const [refusal] = await openTasks(cast.northwind, id, 'SIGN_AGREEMENT');
    await complete(cast, cast.northwind, refusal!, { decision: 'reject', comment: 'Not this quarter' });
    const refused = await partnershipOf(cast, id);
    expect(refused).toMatchObject({ stage: 'MEASUREMENT', agreedVersion: 1, agreement: { version: 2, adopted: false }, draft: { sinceVersion: 1 }, signoff: null });
    expect((refused.kpis as { name: string }[]).map((kpi) => kpi.name)).not.toContain(FOLLOW_UP.name);
    const again = await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    expect(again.events.map((event) => event.type)).toContain('AgreementIssued');
    expect((await partnershipOf(cast, id)).agreement).toMatchObject({ version: 3, adopted: false });
  });
});

function draftedKpiId(record: Record<string, any>): string {
  return (record.draft.kpis as { id: string; name: string }[]).find((kpi) => kpi.name === FOLLOW_UP.name)!.id;
}
