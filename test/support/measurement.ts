/**
 * Carries a partnership into MEASUREMENT with a review cycle every few seconds and runs cycles:
 * each KPI owner reports, each organization answers its health check, the coordinator reviews.
 * Used where measures must have data (the measures API, the charts in the browser).
 */
import { eventually } from './http.js';
import { SLOW_POLICY } from './partnerships.js';
import { agreeRoles, allTasks, complete, openTasks, partnershipOf, representativeOf, toMeasurement, toRoleIdentification, type Cast } from './lifecycle.js';

/** Human timers far away; a review cycle opens three seconds after the agreement is adopted. */
export const REVIEW_POLICY = { ...SLOW_POLICY, healthPulse: 'P1D', reviewCycle: 'PT3S' };

export async function measuredPartnership(cast: Cast): Promise<{ id: string; kpiIds: Record<string, string> }> {
  const { id } = await toRoleIdentification(cast, REVIEW_POLICY);
  await agreeRoles(cast, id, 'cooperative');
  await toMeasurement(cast, id);
  const kpis = (await partnershipOf(cast, id)).kpis as { id: string; ownerOrganizationId: string }[];
  return { id, kpiIds: Object.fromEntries(kpis.map((kpi) => [kpi.ownerOrganizationId, kpi.id])) };
}

export interface CycleInput {
  /** Organization id → the value its KPI reports. */
  values: Record<string, number>;
  /** Organization id → its health check (dimensions 1–5, recommend 0–10). */
  health: Record<string, { strategy: number; operations: number; relationship: number; governance: number; recommend: number }>;
  goalScores: Record<string, number>;
}

/** Waits for the cycle's tasks, completes them all and decides the review with `continue`. */
export async function runCycle(cast: Cast, id: string, kpiIds: Record<string, string>, cycle: number, input: CycleInput): Promise<void> {
  await eventually(`cycle ${cycle}'s tasks`, async () => {
    const tasks = (await allTasks(cast, id)).filter((task) => task.status === 'open' && ['REPORT_MEASUREMENT', 'HEALTH_CHECK'].includes(task.kind));
    return tasks.length >= 4 ? tasks : undefined;
  });
  for (const [organizationId, value] of Object.entries(input.values)) {
    const representative = representativeOf(cast, organizationId)!;
    for (const task of await openTasks(representative, id, 'REPORT_MEASUREMENT')) {
      await complete(cast, representative, task, { data: { values: { [kpiIds[organizationId]!]: value } } });
    }
  }
  for (const [organizationId, data] of Object.entries(input.health)) {
    const representative = representativeOf(cast, organizationId)!;
    for (const task of await openTasks(representative, id, 'HEALTH_CHECK')) await complete(cast, representative, task, { data });
  }
  const review = await eventually('the review task', async () => (await openTasks(cast.coordinator, id, 'REVIEW'))[0]);
  await complete(cast, cast.coordinator, review, { data: { outcome: 'continue', goalScores: input.goalScores } });
}
