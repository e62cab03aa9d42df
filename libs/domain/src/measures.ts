/**
 * The measures the product computes and charts, as pure functions of state (and `now`).
 */
import { HEALTH_DIMENSIONS, type CheckIn, type HealthCheck, type HealthDimension, type Kpi, type Measurement } from './model.js';
import type { Partnership } from './partnership.js';

/** Share of the way from baseline to target (0 at baseline, 1 at target; may leave [0, 1]). */
export function kpiProgress(kpi: Pick<Kpi, 'baseline' | 'target'>, actual: number): number {
  return (actual - kpi.baseline) / (kpi.target - kpi.baseline);
}

export function latestMeasurement(measurements: Measurement[], kpiId: string): Measurement | null {
  return measurements.filter((m) => m.kpiId === kpiId).reduce<Measurement | null>((latest, m) => (latest === null || m.cycle >= latest.cycle ? m : latest), null);
}

/**
 * On track: the latest actual is at least where a straight line from baseline (when the KPI was
 * defined) to target (the due date of its goal) says it should be by now. Without a goal date,
 * any progress in the right direction counts.
 */
export function isOnTrack(kpi: Kpi, actual: number, now: Date, goalDueDate: string | null): boolean {
  const progress = kpiProgress(kpi, actual);
  const expected = expectedProgress(kpi, now, goalDueDate);
  return expected === null ? progress > 0 : progress >= expected;
}

/** The instant a goal's due date ends: its target counts as due until the last second of that day. */
export const goalDeadline = (goalDueDate: string): string => `${goalDueDate}T23:59:59.000Z`;

/**
 * How far along the straight line from baseline (the KPI's definition) to target (its goal's due
 * date) the KPI should be at `at`: 0…1, or null when no goal date sets the line.
 */
export function expectedProgress(kpi: Pick<Kpi, 'definedAt'>, at: Date, goalDueDate: string | null): number | null {
  if (!goalDueDate) return null;
  const start = Date.parse(kpi.definedAt);
  const end = Date.parse(goalDeadline(goalDueDate));
  return end <= start ? 1 : Math.min(1, Math.max(0, (at.getTime() - start) / (end - start)));
}

export interface KpiStatus {
  kpiId: string;
  actual: number | null;
  progress: number | null;
  onTrack: boolean | null;
}

export function kpiStatuses(state: Pick<Partnership, 'kpis' | 'measurements' | 'goals'>, now: Date): KpiStatus[] {
  return state.kpis.map((kpi) => {
    const latest = latestMeasurement(state.measurements, kpi.id);
    if (!latest) return { kpiId: kpi.id, actual: null, progress: null, onTrack: null };
    const goal = state.goals.find((candidate) => candidate.rank === kpi.goalRank);
    return { kpiId: kpi.id, actual: latest.value, progress: kpiProgress(kpi, latest.value), onTrack: isOnTrack(kpi, latest.value, now, goal?.dueDate ?? null) };
  });
}

/** Share of measured KPIs that are on track (null when nothing is measured yet). */
export function shareOnTrack(statuses: KpiStatus[]): number | null {
  const measured = statuses.filter((status) => status.onTrack !== null);
  return measured.length === 0 ? null : measured.filter((status) => status.onTrack).length / measured.length;
}

/** Share of measurements reported by their task's due date. */
export function onTimeRate(measurements: Measurement[]): number | null {
  return measurements.length === 0 ? null : measurements.filter((m) => m.onTime).length / measurements.length;
}

/** Per dimension, the spread between the most and least satisfied organization in one cycle; `overall` is the largest. */
export function healthGap(checks: HealthCheck[], cycle: number): { overall: number; byDimension: Record<string, number> } | null {
  const inCycle = checks.filter((check) => check.cycle === cycle);
  if (new Set(inCycle.map((check) => check.organizationId)).size < 2) return null;
  const byDimension: Record<string, number> = {};
  for (const dimension of HEALTH_DIMENSIONS) {
    const scores = inCycle.map((check) => check.scores[dimension]);
    byDimension[dimension] = Math.max(...scores) - Math.min(...scores);
  }
  return { overall: Math.max(...Object.values(byDimension)), byDimension };
}

/** Net promoter score of the partners: % promoters (9–10) − % detractors (0–6), −100…100. */
export function partnerNps(checks: HealthCheck[]): number | null {
  const answers = checks.map((check) => check.recommend).filter((score): score is number => score !== null);
  if (answers.length === 0) return null;
  const promoters = answers.filter((score) => score >= 9).length;
  const detractors = answers.filter((score) => score <= 6).length;
  return Math.round(((promoters - detractors) / answers.length) * 100);
}

/**
 * Goal attainment scaling (Kiresuk & Sherman): scores −2…+2 with weights, combined into a T-score
 * with mean 50 and SD 10 when goals perform as expected; ρ = 0.3 is the customary inter-goal correlation.
 */
export function goalAttainmentTScore(scores: { score: number; weight?: number }[], rho = 0.3): number | null {
  if (scores.length === 0) return null;
  const weights = scores.map((entry) => entry.weight ?? 1);
  const weighted = scores.reduce((sum, entry, index) => sum + weights[index]! * entry.score, 0);
  const sumSquares = weights.reduce((sum, weight) => sum + weight * weight, 0);
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return 50 + (10 * weighted) / Math.sqrt((1 - rho) * sumSquares + rho * sum * sum);
}

/** How many of the latest check-ins the communication measure looks at. */
export const CHECK_INS_MEASURED = 6;

export type CheckInOutcome = 'held' | 'missed' | 'pending' | 'cancelled';

/**
 * Held once recorded (late or not: it took place); missed once its task is past due unrecorded, or
 * withdrawn when already overdue; pending while its task still runs; cancelled when its task was
 * withdrawn in time (a termination proposed), which counts neither way.
 */
export function checkInOutcome(checkIn: CheckIn, openTasks: readonly { id: string; dueAt: string }[], now: Date): CheckInOutcome {
  if (checkIn.status === 'held' || checkIn.status === 'cancelled') return checkIn.status;
  const task = openTasks.find((open) => open.id === checkIn.taskId);
  return task && Date.parse(task.dueAt) >= now.getTime() ? 'pending' : 'missed';
}

export interface CommunicationMeasure {
  /** Check-ins of the plan settled (held or missed) among the latest CHECK_INS_MEASURED that fell due. */
  planned: number;
  held: number;
  /** held / planned; null before any check-in is settled. */
  rate: number | null;
  /** When the latest check-in was held. */
  lastHeldOn: string | null;
}

type CheckInState = Partial<Pick<Partnership, 'checkIns' | 'openTasks'>>;

/** Check-ins held against those planned: the frequency of communication the plan agreed, kept or not. */
export function communicationMeasure(checkIns: readonly CheckIn[], openTasks: readonly { id: string; dueAt: string }[], now: Date, window: number = CHECK_INS_MEASURED): CommunicationMeasure {
  const settled = checkIns.map((checkIn) => checkInOutcome(checkIn, openTasks, now)).filter((outcome) => outcome === 'held' || outcome === 'missed').slice(-window);
  const held = settled.filter((outcome) => outcome === 'held').length;
  const lastHeldOn = checkIns.map((checkIn) => checkIn.heldOn).filter((heldOn): heldOn is string => heldOn !== null).sort().at(-1) ?? null;
  return { planned: settled.length, held, rate: settled.length === 0 ? null : held / settled.length, lastHeldOn };
}

export interface PartnershipMeasures {
  /** The review cycle in progress or last opened. */
  cycle: number;
  kpis: KpiStatus[];
  shareOnTrack: number | null;
  onTimeSubmissionRate: number | null;
  /** Per dimension, the spread between partners in this cycle's health checks. */
  healthGap: ReturnType<typeof healthGap>;
  partnerNps: number | null;
  /** Of the last goal-attainment scoring. */
  goalAttainmentTScore: number | null;
  /** Check-ins held against planned, by the communication plan; null without any check-in planned. */
  communication: CommunicationMeasure | null;
  /** The series the console draws: each KPI against its trajectory, the health check per cycle, the trends per cycle. */
  trajectories: KpiTrajectory[];
  health: HealthSnapshot[];
  cycles: CycleMeasures[];
}

/** Partner NPS of one cycle's health checks. */
const npsOfCycle = (checks: HealthCheck[], cycle: number) => partnerNps(checks.filter((check) => check.cycle === cycle));

/** The T-score of one goal-attainment scoring, if there is one. */
const tScoreOf = (entry: { scores: Record<string, number> } | undefined) =>
  entry ? goalAttainmentTScore(Object.values(entry.scores).map((score) => ({ score }))) : null;

/** Every computed measure of a partnership as of `now`. */
export function partnershipMeasures(
  state: Pick<Partnership, 'cycle' | 'kpis' | 'measurements' | 'goals' | 'healthChecks' | 'goalAttainment'> & CheckInState,
  now: Date,
): PartnershipMeasures {
  const checkIns = state.checkIns ?? [];
  const statuses = kpiStatuses(state, now);
  const trajectories = kpiTrajectories(state);
  return {
    cycle: state.cycle,
    kpis: statuses,
    shareOnTrack: shareOnTrack(statuses),
    onTimeSubmissionRate: onTimeRate(state.measurements),
    healthGap: healthGap(state.healthChecks, state.cycle),
    partnerNps: npsOfCycle(state.healthChecks, state.cycle),
    goalAttainmentTScore: tScoreOf(state.goalAttainment.at(-1)),
    communication: checkIns.length === 0 ? null : communicationMeasure(checkIns, state.openTasks ?? [], now),
    trajectories,
    health: healthByCycle(state.healthChecks),
    cycles: measuresByCycle(state, trajectories, now),
  };
}

/** One point of a KPI's picture: the planned value on its trajectory and the actual reported, at one instant. */
export interface KpiPoint {
  /** When the value was measured: a between-review report's planned instant, else when it was reported. */
  at: string;
  /** The review cycle of the measurement (a between-review report: the cycle it leads up to); null for the trajectory's own ends. */
  cycle: number | null;
  /** A report between reviews, by the KPI's cadence (absent for a review cycle's report and the ends). */
  betweenReviews?: boolean;
  planned: number | null;
  actual: number | null;
  onTrack: boolean | null;
}

export interface KpiTrajectory {
  kpiId: string;
  name: string;
  unit: string;
  ownerOrganizationId: string;
  baseline: number;
  target: number;
  direction: Kpi['direction'];
  /** When the target is due (the end of its goal's due date); null when the KPI measures no goal. */
  targetAt: string | null;
  /** Definition (actual = baseline), each measurement in time order, and the target date. */
  points: KpiPoint[];
}

/**
 * Each KPI's actuals against its trajectory, ready to draw: the line starts at the baseline when
 * the KPI was defined and ends at the target on its goal's due date; every measurement is a point
 * with the value the line planned for that instant. The latest measurement of a cycle's report
 * counts, and of each report between reviews.
 */
export function kpiTrajectories(state: Pick<Partnership, 'kpis' | 'measurements' | 'goals'>): KpiTrajectory[] {
  return state.kpis.map((kpi) => {
    const dueDate = state.goals.find((goal) => goal.rank === kpi.goalRank)?.dueDate ?? null;
    const planned = (at: Date) => {
      const share = expectedProgress(kpi, at, dueDate);
      return share === null ? null : kpi.baseline + share * (kpi.target - kpi.baseline);
    };
    const measured = latestPerReport(state.measurements.filter((m) => m.kpiId === kpi.id)).map((m): KpiPoint => {
      const at = m.plannedAt ?? m.reportedAt;
      const point: KpiPoint = { at, cycle: m.cycle, planned: planned(new Date(at)), actual: m.value, onTrack: isOnTrack(kpi, m.value, new Date(at), dueDate) };
      return m.plannedAt ? { ...point, betweenReviews: true } : point;
    });
    const start: KpiPoint = { at: kpi.definedAt, cycle: null, planned: dueDate ? kpi.baseline : null, actual: kpi.baseline, onTrack: null };
    const targetAt = dueDate ? goalDeadline(dueDate) : null;
    const end: KpiPoint[] = targetAt ? [{ at: targetAt, cycle: null, planned: kpi.target, actual: null, onTrack: null }] : [];
    const points = [start, ...measured, ...end].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return {
      kpiId: kpi.id,
      name: kpi.name,
      unit: kpi.unit,
      ownerOrganizationId: kpi.ownerOrganizationId,
      baseline: kpi.baseline,
      target: kpi.target,
      direction: kpi.direction,
      targetAt,
      points,
    };
  });
}

/**
 * The last measurement of each report (a correction replaces the earlier one): a cycle's report,
 * and each report between reviews (told apart by when it fell due), in cycle order.
 */
function latestPerReport(measurements: Measurement[]): Measurement[] {
  const byReport = new Map<string, Measurement>();
  for (const m of measurements) {
    const key = `${m.cycle}|${m.plannedAt ?? ''}`;
    const seen = byReport.get(key);
    if (!seen || Date.parse(m.reportedAt) >= Date.parse(seen.reportedAt)) byReport.set(key, m);
  }
  return [...byReport.values()].sort((a, b) => a.cycle - b.cycle);
}

export interface HealthSnapshot {
  cycle: number;
  /** Each organization's latest check of the cycle (a pulse may repeat one), in the order they first answered. */
  organizations: { organizationId: string; scores: Record<HealthDimension, number>; recommend: number | null }[];
  gap: ReturnType<typeof healthGap>;
}

/** The health check per cycle, per organization and dimension, with the gap between partners. */
export function healthByCycle(checks: HealthCheck[]): HealthSnapshot[] {
  const cycles = [...new Set(checks.map((check) => check.cycle))].sort((a, b) => a - b);
  return cycles.map((cycle) => {
    const latest = new Map<string, HealthCheck>();
    for (const check of checks) if (check.cycle === cycle) latest.set(check.organizationId, check);
    const organizations = [...latest.values()].map(({ organizationId, scores, recommend }) => ({ organizationId, scores, recommend }));
    return { cycle, organizations, gap: healthGap([...latest.values()], cycle) };
  });
}

export interface CycleMeasures {
  cycle: number;
  partnerNps: number | null;
  goalAttainmentTScore: number | null;
  /** Share of the KPIs measured in the cycle that were on track when reported. */
  shareOnTrack: number | null;
  onTimeSubmissionRate: number | null;
  /** Share of the cycle's check-ins held (of those settled); null when none fell due in it. */
  checkInRate: number | null;
}

/** The measures of every review cycle opened so far (1…current), for trend lines; without `now`, no open check-in counts as missed yet. */
export function measuresByCycle(
  state: Pick<Partnership, 'cycle' | 'kpis' | 'measurements' | 'goals' | 'healthChecks' | 'goalAttainment'> & CheckInState,
  trajectories: KpiTrajectory[] = kpiTrajectories(state),
  now: Date = new Date(0),
): CycleMeasures[] {
  return Array.from({ length: state.cycle }, (_, index) => index + 1).map((cycle) => {
    // Each KPI's latest point of the cycle: reports between reviews lead up to the cycle's own.
    const statuses = trajectories.flatMap((trajectory) =>
      trajectory.points
        .filter((point) => point.cycle === cycle)
        .slice(-1)
        .map((point) => ({ kpiId: trajectory.kpiId, actual: point.actual, progress: null, onTrack: point.onTrack })),
    );
    return {
      cycle,
      partnerNps: npsOfCycle(state.healthChecks, cycle),
      goalAttainmentTScore: tScoreOf(state.goalAttainment.filter((entry) => entry.cycle === cycle).at(-1)),
      shareOnTrack: shareOnTrack(statuses),
      onTimeSubmissionRate: onTimeRate(state.measurements.filter((m) => m.cycle === cycle)),
      checkInRate: communicationMeasure((state.checkIns ?? []).filter((checkIn) => checkIn.cycle === cycle), state.openTasks ?? [], now, Infinity).rate,
    };
  });
}
