/**
 * MEASUREMENT: review cycles open one "report measurement" task per KPI owner and a health check per
 * organization; when they are all done the coordinator's review task opens and decides what next.
 */
import { Decision, ERROR_CODES } from '../decision.js';
import { durationMs } from '../duration.js';
import { ruleBroken } from '../errors.js';
import type { Kpi } from '../model.js';
import type { ActivePartnership } from '../partnership.js';
import type { TaskDataOf } from '../task-catalogue.js';
import type { OpenTask } from '../tasks.js';
import { proposeChange } from './signoff.js';
import { proposeTermination } from './termination.js';

/**
 * The KPIs the review cycles measure: those of the agreement in force. A KPI changed in MEASUREMENT
 * is a draft (`state.draft`) and is measured only once the partners adopt a version that carries it.
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

export function openReviewCycle(d: Decision): void {
  const cycle = d.state.cycle + 1;
  d.emit({ type: 'ReviewCycleOpened', data: { cycle } });
  const owners = [...new Set(measuredKpis(d.state).map((kpi) => kpi.ownerOrganizationId))].filter((id) => d.state.organizationIds.includes(id));
  for (const organizationId of owners) {
    d.openTask({ kind: 'REPORT_MEASUREMENT', title: `Report cycle ${cycle} measurements: ${d.state.name}`, assignee: d.assigneeFor(organizationId), cycle });
  }
  openHealthChecks(d, cycle, null);
  scheduleReview(d);
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
    (task) => task.cycle === cycle && (task.kind === 'REPORT_MEASUREMENT' || (task.kind === 'HEALTH_CHECK' && task.purpose !== 'pulse') || task.kind === 'REVIEW'),
  );
  if (outstanding || d.state.reviews.some((review) => review.cycle === cycle)) return;
  d.openTask({ kind: 'REVIEW', title: `Review cycle ${cycle}: ${d.state.name}`, assignee: { kind: 'user', userId: d.state.coordinatorId }, cycle });
}

/** Every KPI the organization owns, and only those: the schema guarantees numbers, the partnership says which KPIs. */
export function reportMeasurements(d: Decision, task: OpenTask, data: TaskDataOf<'REPORT_MEASUREMENT'>): void {
  const owner = task.assignee.kind === 'organization' ? task.assignee.organizationId : null;
  const kpis = measuredKpis(d.state).filter((kpi) => kpi.ownerOrganizationId === owner);
  const fields: Record<string, string> = {};
  for (const kpi of kpis) if (!Object.hasOwn(data.values, kpi.id)) fields[`data.values.${kpi.id}`] = `report a number for "${kpi.name}" (${kpi.unit})`;
  for (const id of Object.keys(data.values)) if (!kpis.some((kpi) => kpi.id === id)) fields[`data.values.${id}`] = 'not a KPI your organization owns';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidTaskData, 'The measurements are incomplete', fields);
  const onTime = d.now.getTime() <= Date.parse(task.dueAt);
  for (const kpi of kpis) {
    d.emit({
      type: 'MeasurementRecorded',
      data: { measurement: { kpiId: kpi.id, cycle: task.cycle ?? d.state.cycle, value: data.values[kpi.id]!, reportedBy: d.actor.userId, reportedAt: d.now.toISOString(), onTime } },
    });
  }
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
