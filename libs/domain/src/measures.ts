/**
 * The measures the product computes and charts, as pure functions of state (and `now`).
 */
import { HEALTH_DIMENSIONS, type HealthCheck, type Kpi, type Measurement } from './model.js';
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
  if (!goalDueDate) return progress > 0;
  const start = Date.parse(kpi.definedAt);
  const end = Date.parse(`${goalDueDate}T23:59:59Z`);
  const expected = end <= start ? 1 : Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
  return progress >= expected;
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
}

/** Every computed measure of a partnership as of `now`. */
export function partnershipMeasures(
  state: Pick<Partnership, 'cycle' | 'kpis' | 'measurements' | 'goals' | 'healthChecks' | 'goalAttainment'>,
  now: Date,
): PartnershipMeasures {
  const statuses = kpiStatuses(state, now);
  const latestScores = state.goalAttainment.at(-1);
  return {
    cycle: state.cycle,
    kpis: statuses,
    shareOnTrack: shareOnTrack(statuses),
    onTimeSubmissionRate: onTimeRate(state.measurements),
    healthGap: healthGap(state.healthChecks, state.cycle),
    partnerNps: partnerNps(state.healthChecks.filter((check) => check.cycle === state.cycle)),
    goalAttainmentTScore: latestScores ? goalAttainmentTScore(Object.values(latestScores.scores).map((score) => ({ score }))) : null,
  };
}
