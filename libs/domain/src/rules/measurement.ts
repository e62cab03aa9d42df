/**
 * MEASUREMENT: review cycles open one "report measurement" task per KPI owner and a health check per
 * organization; when they are all done the coordinator's review task opens and decides what next.
 * Between two reviews, a KPI whose cadence is shorter than the review cycle falls due every cadence:
 * a `kpi_report` timer opens its owner organization's report task (REPORT_MEASUREMENT, purpose
 * `kpi_report`) asking for the KPIs due then only. The review cycle's own report covers every KPI.
 */
import { Decision, ERROR_CODES } from '../decision.js';
import { durationMs, parseDuration } from '../duration.js';
import { ruleBroken } from '../errors.js';
import { partnershipMeasures, type PartnershipMeasures } from '../measures.js';
import type { Kpi } from '../model.js';
import type { ActivePartnership } from '../partnership.js';
import type { TaskDataOf } from '../task-catalogue.js';
import type { OpenTask, Task } from '../tasks.js';
import { proposeChange } from './signoff.js';
import { proposeTermination } from './termination.js';

/**
 * The KPIs the review cycles measure: those of the agreement in force. A KPI changed in MEASUREMENT
 * is a draft (`state.draft`) and is measured only once the partners adopt a version that carries it.
 * Every rule that needs the measured KPIs asks here, and nowhere else.
 */
export function measuredKpis(state: ActivePartnership): Kpi[] {
  return state.kpis;
}

const CYCLE_TASKS = new Set<OpenTask['kind']>(['REPORT_MEASUREMENT', 'HEALTH_CHECK', 'REVIEW']);

export function scheduleReview(d: Decision, from: number = d.now.getTime()): void {
  const reviewAt = from + durationMs(d.state.policy.reviewCycle);
  const pulse = from + durationMs(d.state.policy.healthPulse);
  d.emit({
    type: 'ReviewScheduled',
    data: { cycle: d.state.cycle + 1, reviewAt: new Date(reviewAt).toISOString(), pulseAt: pulse < reviewAt ? new Date(pulse).toISOString() : null },
  });
}

/** Every computed measure as of `now`, of the KPIs measured. */
export function measuresOf(state: ActivePartnership, now: Date): PartnershipMeasures {
  return partnershipMeasures({ ...state, kpis: measuredKpis(state) }, now);
}

/** A KPI reported between reviews: its cadence is shorter than the review cycle (and not zero). */
export function reportedBetweenReviews(state: ActivePartnership, kpi: Pick<Kpi, 'cadence'>): boolean {
  const cadence = parseDuration(kpi.cadence);
  return cadence !== null && cadence > 0 && cadence < durationMs(state.policy.reviewCycle);
}

const iso = (ms: number) => new Date(ms).toISOString();
const nextReviewMs = (state: ActivePartnership) => (state.nextReviewAt ? Date.parse(state.nextReviewAt) : Infinity);

/**
 * From now (MEASUREMENT begun, or a review cycle opened): each KPI reported between reviews falls
 * due a cadence on, unless the next review comes first (its report covers the KPI). Runs from
 * before the rule (no `kpi-cadence` marker) schedule nothing; neither does a partnership whose KPIs
 * all keep to the review cycle, so it decides exactly as before.
 */
/**
 * A version adopted during MEASUREMENT may add, change or drop KPIs: reports between reviews still
 * open are withdrawn and every KPI in force is scheduled afresh from now.
 */
export function restartKpiReports(d: Decision): void {
  if (!d.kpiCadence) return;
  d.cancelTasks((open) => open.purpose === 'kpi_report', 'a new agreement version was adopted');
  scheduleKpiReports(d);
}

export function scheduleKpiReports(d: Decision): void {
  if (!d.kpiCadence) return;
  const now = d.now.getTime();
  const reviewAt = nextReviewMs(d.state);
  const at: Record<string, string> = {};
  for (const kpi of measuredKpis(d.state)) {
    if (!reportedBetweenReviews(d.state, kpi) || !d.state.organizationIds.includes(kpi.ownerOrganizationId)) continue;
    const due = now + durationMs(kpi.cadence);
    if (due < reviewAt) at[kpi.id] = iso(due);
  }
  if (Object.keys(at).length > 0 || Object.keys(d.state.nextKpiReportAt ?? {}).length > 0) d.emit({ type: 'KpiReportsScheduled', data: { at } });
}

/**
 * The `kpi_report` timer fired: the KPIs due now open one report task per owner organization, and
 * each falls due again a cadence after it was planned. After a gap (a hold, a spell outside
 * MEASUREMENT) only one report falls due: the missed occasions are skipped, not opened one by one.
 * A KPI whose next occasion reaches the next review is left to the review's report.
 */
export function kpiReportsFallDue(d: Decision): void {
  const now = d.now.getTime();
  const schedule = d.state.nextKpiReportAt ?? {};
  if (!Object.values(schedule).some((at) => Date.parse(at) <= now)) return;
  const kpis = measuredKpis(d.state);
  const reviewAt = nextReviewMs(d.state);
  const due = new Map<string, { kpis: Kpi[]; plannedAt: number }>();
  const next: Record<string, string> = {};
  for (const [kpiId, at] of Object.entries(schedule)) {
    const kpi = kpis.find((candidate) => candidate.id === kpiId);
    // A KPI no longer measured, or whose cadence no longer falls between reviews, drops out.
    if (!kpi || !reportedBetweenReviews(d.state, kpi)) continue;
    if (Date.parse(at) > now) {
      next[kpiId] = at;
      continue;
    }
    // The latest occasion that has come is the one reported; those before it are skipped.
    const cadence = durationMs(kpi.cadence);
    const planned = Date.parse(at) + Math.floor((now - Date.parse(at)) / cadence) * cadence;
    // After an outage the latest occasion may reach the review: the review's report covers it.
    if (planned >= reviewAt) continue;
    if (d.state.organizationIds.includes(kpi.ownerOrganizationId)) {
      const report = due.get(kpi.ownerOrganizationId) ?? { kpis: [], plannedAt: planned };
      due.set(kpi.ownerOrganizationId, { kpis: [...report.kpis, kpi], plannedAt: Math.max(report.plannedAt, planned) });
    }
    if (planned + cadence < reviewAt) next[kpiId] = iso(planned + cadence);
  }
  const cycle = d.state.cycle + 1;
  for (const [organizationId, report] of due) {
    // A newer report of the same KPIs supersedes one still open: a silent partner gets one task, not one per occasion.
    const asked = new Set(report.kpis.map((kpi) => kpi.id));
    d.cancelTasks(
      (open) => open.purpose === 'kpi_report' && open.assignee.kind === 'organization' && open.assignee.organizationId === organizationId && (kpiReportOf(d.state, open)?.kpiIds ?? []).every((id) => asked.has(id)),
      'a newer report of the same KPIs fell due',
    );
    const plannedAt = iso(report.plannedAt);
    const what = report.kpis.length === 1 ? `"${report.kpis[0]!.name}"` : `${report.kpis.length} KPIs`;
    const taskId = d.openTask({
      kind: 'REPORT_MEASUREMENT',
      purpose: 'kpi_report',
      title: `Report ${what} (due ${plannedAt.slice(0, 10)}): ${d.state.name}`,
      assignee: d.assigneeFor(organizationId),
      cycle,
    });
    d.emit({ type: 'KpiReportFellDue', data: { taskId, organizationId, kpiIds: report.kpis.map((kpi) => kpi.id), plannedAt, cycle } });
  }
  d.emit({ type: 'KpiReportsScheduled', data: { at: next } });
}

/** The between-review report a task asks for, if it is one. */
export function kpiReportOf(state: ActivePartnership, task: Pick<Task, 'id' | 'purpose'>) {
  return task.purpose === 'kpi_report' ? (state.kpiReports ?? []).find((report) => report.taskId === task.id) : undefined;
}

/**
 * The KPIs a report task asks for: a between-review report, those that fell due; a review cycle's,
 * every measured KPI its organization owns. The decider checks a report against it and the form shows it.
 */
export function kpisAskedBy(state: ActivePartnership, task: Pick<Task, 'id' | 'purpose' | 'assignee'>): Kpi[] {
  const report = kpiReportOf(state, task);
  if (task.purpose === 'kpi_report') return measuredKpis(state).filter((kpi) => report?.kpiIds.includes(kpi.id));
  const owner = task.assignee.kind === 'organization' ? task.assignee.organizationId : null;
  return measuredKpis(state).filter((kpi) => kpi.ownerOrganizationId === owner);
}

export function openReviewCycle(d: Decision): void {
  const cycle = d.state.cycle + 1;
  d.emit({ type: 'ReviewCycleOpened', data: { cycle } });
  // The cycle's report asks for every KPI, so a between-review report still open is covered by it.
  d.cancelTasks((open) => open.kind === 'REPORT_MEASUREMENT' && open.purpose === 'kpi_report', 'the review cycle’s report covers it');
  const owners = [...new Set(measuredKpis(d.state).map((kpi) => kpi.ownerOrganizationId))].filter((id) => d.state.organizationIds.includes(id));
  for (const organizationId of owners) {
    d.openTask({ kind: 'REPORT_MEASUREMENT', title: `Report cycle ${cycle} measurements: ${d.state.name}`, assignee: d.assigneeFor(organizationId), cycle });
  }
  openHealthChecks(d, cycle, null);
  scheduleReview(d);
  scheduleKpiReports(d);
  openReviewWhenReady(d, cycle);
}

export function openHealthPulse(d: Decision): void {
  // Pulses recur until the next full review, which brings its own health checks.
  const next = d.now.getTime() + durationMs(d.state.policy.healthPulse);
  const review = d.state.nextReviewAt ? Date.parse(d.state.nextReviewAt) : Infinity;
  d.emit({ type: 'HealthPulseOpened', data: { cycle: d.state.cycle, nextPulseAt: next < review ? new Date(next).toISOString() : null } });
  openHealthChecks(d, d.state.cycle, 'pulse');
}

function openHealthChecks(d: Decision, cycle: number, purpose: 'pulse' | null): void {
  for (const organizationId of d.state.organizationIds) {
    d.openTask({ kind: 'HEALTH_CHECK', title: `Health check${purpose ? ' (pulse)' : ''}: ${d.state.name}`, assignee: d.assigneeFor(organizationId), cycle, purpose });
  }
}

/** The review opens once the cycle's measurements and health checks are all in. */
export function openReviewWhenReady(d: Decision, cycle: number): void {
  if (d.state.stage !== 'MEASUREMENT' || cycle === 0) return;
  const outstanding = d.state.openTasks.some(
    (task) => task.cycle === cycle && task.purpose === null && (task.kind === 'REPORT_MEASUREMENT' || task.kind === 'HEALTH_CHECK' || task.kind === 'REVIEW'),
  );
  if (outstanding || d.state.reviews.some((review) => review.cycle === cycle)) return;
  d.openTask({ kind: 'REVIEW', title: `Review cycle ${cycle}: ${d.state.name}`, assignee: { kind: 'user', userId: d.state.coordinatorId }, cycle });
}

/**
 * Every KPI the task asks for, and only those: the schema guarantees numbers, the partnership says
 * which KPIs. A between-review report records its values as measured at the instant it fell due.
 */
export function reportMeasurements(d: Decision, task: OpenTask, data: TaskDataOf<'REPORT_MEASUREMENT'>): void {
  const kpis = kpisAskedBy(d.state, task);
  const report = kpiReportOf(d.state, task);
  const fields: Record<string, string> = {};
  for (const kpi of kpis) if (!Object.hasOwn(data.values, kpi.id)) fields[`data.values.${kpi.id}`] = `report a number for "${kpi.name}" (${kpi.unit})`;
  const notAsked = report ? 'not a KPI this report asks for' : 'not a KPI your organization owns';
  for (const id of Object.keys(data.values)) if (!kpis.some((kpi) => kpi.id === id)) fields[`data.values.${id}`] = notAsked;
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidTaskData, 'The measurements are incomplete', fields);
  const onTime = d.now.getTime() <= Date.parse(task.dueAt);
  for (const kpi of kpis) {
    const measurement = { kpiId: kpi.id, cycle: task.cycle ?? d.state.cycle, value: data.values[kpi.id]!, reportedBy: d.actor.userId, reportedAt: d.now.toISOString(), onTime };
    d.emit({ type: 'MeasurementRecorded', data: { measurement: report ? { ...measurement, plannedAt: report.plannedAt } : measurement } });
  }
  // A between-review report is no part of a cycle's review.
  if (!report && task.purpose !== 'kpi_report') openReviewWhenReady(d, task.cycle ?? d.state.cycle);
}

export function recordHealthCheck(d: Decision, task: OpenTask, data: TaskDataOf<'HEALTH_CHECK'>): void {
  const { recommend, ...scores } = data;
  const organizationId = task.assignee.kind === 'organization' ? task.assignee.organizationId : '';
  d.emit({ type: 'HealthCheckRecorded', data: { check: { cycle: task.cycle ?? d.state.cycle, organizationId, scores, recommend: recommend ?? null } } });
}

/** Measuring stops until the partnership comes back to MEASUREMENT: a later cycle's open tasks go. */
export function leaveMeasurement(d: Decision): void {
  d.cancelTasks((open) => CYCLE_TASKS.has(open.kind), 'the review left MEASUREMENT');
}

export function decideReview(d: Decision, task: OpenTask, data: TaskDataOf<'REVIEW'>): void {
  const { outcome, option } = data;
  const scores = data.goalScores ?? null;
  const fields: Record<string, string> = {};
  for (const rank of Object.keys(scores ?? {})) {
    if (!d.state.goals.some((goal) => String(goal.rank) === rank)) fields[`data.goalScores.${rank}`] = 'no goal has this rank';
  }
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidTaskData, 'The review decision is not valid', fields);
  const cycle = task.cycle ?? d.state.cycle;
  if (scores) d.emit({ type: 'GoalAttainmentScored', data: { cycle, scores } });
  d.emit({ type: 'ReviewDecided', data: { cycle, outcome } });
  if (outcome === 'revisit_priorities' || outcome === 'revisit_roles') {
    const to = outcome === 'revisit_priorities' ? 'PRIORITY_SETTING' : 'ROLE_IDENTIFICATION';
    // A revisit is a joint decision: the review proposes it, the partners decide; measuring goes on meanwhile.
    if (d.partnersDecide) return proposeChange(d, { kind: 'revisit', to, cycle }, data.reason || `Review of cycle ${cycle}`);
    leaveMeasurement(d);
    d.advance(to, outcome === 'revisit_priorities' ? 'the review revisits the priorities' : 'the review revisits the roles');
  }
  // The schema makes sure a proposal names its option.
  if (outcome === 'propose_termination' && option) proposeTermination(d, option, data.reason || `Review of cycle ${cycle}`, true);
}
