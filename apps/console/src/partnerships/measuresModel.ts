/**
 * The measures of a partnership (GET /api/partnerships/:id/measures) shaped for charts. The
 * numbers are computed by @pe/domain on the server; this only arranges them into axes and series.
 */
import { HEALTH_DIMENSIONS, type CommunicationMeasure, type CycleMeasures, type HealthSnapshot, type KpiStatus, type KpiTrajectory } from '@pe/domain';
import { HEALTH_DIMENSION_LABELS } from '../methodLabels';

export interface Measures {
  cycle: number;
  kpis: KpiStatus[];
  shareOnTrack: number | null;
  onTimeSubmissionRate: number | null;
  healthGap: HealthSnapshot['gap'];
  partnerNps: number | null;
  goalAttainmentTScore: number | null;
  /** Check-ins held against planned (absent from an API older than check-ins). */
  communication?: CommunicationMeasure | null;
  trajectories: KpiTrajectory[];
  health: HealthSnapshot[];
  cycles: CycleMeasures[];
}


export interface TrajectoryChart {
  title: string;
  /** The instants on the time axis: definition, each report, the target date. */
  at: Date[];
  planned: (number | null)[];
  actual: (number | null)[];
  /** Whether the latest report is on track (null before the first report). */
  onTrack: boolean | null;
  /** How many of the values were reported between reviews, on the KPI's own cadence. */
  betweenReviews: number;
  /** The latest value in words, with when it was measured and whether between reviews; null before the first report. */
  latest: string | null;
}

export function trajectoryChart(trajectory: KpiTrajectory): TrajectoryChart {
  const reported = trajectory.points.filter((point) => point.cycle !== null);
  return {
    title: `${trajectory.name} (${trajectory.unit}): ${trajectory.baseline} → ${trajectory.target}`,
    at: trajectory.points.map((point) => new Date(point.at)),
    planned: trajectory.points.map((point) => point.planned),
    actual: trajectory.points.map((point) => point.actual),
    onTrack: reported.at(-1)?.onTrack ?? null,
    betweenReviews: reported.filter((point) => point.betweenReviews).length,
    latest: latestInWords(trajectory, reported.at(-1)),
  };
}

function latestInWords(trajectory: KpiTrajectory, point: KpiTrajectory['points'][number] | undefined): string | null {
  if (!point || point.actual === null) return null;
  const measured = new Date(point.at).toLocaleDateString();
  return `Latest ${point.actual} ${trajectory.unit}, ${point.betweenReviews ? `due ${measured} between reviews` : `cycle ${point.cycle}, ${measured}`}`;
}

export interface HealthChart {
  cycle: number;
  /** One label per dimension, with the gap between the most and least satisfied organization. */
  dimensions: string[];
  series: { label: string; data: number[] }[];
  overallGap: number | null;
}

/** The latest cycle's health check: one bar per organization per dimension; null before any check. */
export function healthChart(health: HealthSnapshot[], organizationName: (id: string) => string): HealthChart | null {
  const latest = health.at(-1);
  if (!latest) return null;
  return {
    cycle: latest.cycle,
    dimensions: HEALTH_DIMENSIONS.map((dimension) => {
      const gap = latest.gap?.byDimension[dimension];
      return gap === undefined ? HEALTH_DIMENSION_LABELS[dimension] : `${HEALTH_DIMENSION_LABELS[dimension]}, gap ${gap}`;
    }),
    series: latest.organizations.map((entry) => ({ label: organizationName(entry.organizationId), data: HEALTH_DIMENSIONS.map((dimension) => entry.scores[dimension]) })),
    overallGap: latest.gap?.overall ?? null,
  };
}

export interface CycleChart {
  cycles: string[];
  nps: (number | null)[];
  tScore: (number | null)[];
  /** Percent of measured KPIs on track when reported. */
  onTrackPercent: (number | null)[];
  /** Percent of the cycle's check-ins held; all null without a communication plan. */
  checkInPercent: (number | null)[];
}

export function cycleChart(cycles: CycleMeasures[]): CycleChart {
  return {
    cycles: cycles.map((entry) => `Cycle ${entry.cycle}`),
    nps: cycles.map((entry) => entry.partnerNps),
    tScore: cycles.map((entry) => (entry.goalAttainmentTScore === null ? null : round1(entry.goalAttainmentTScore))),
    onTrackPercent: cycles.map((entry) => percent(entry.shareOnTrack)),
    checkInPercent: cycles.map((entry) => percent(entry.checkInRate)),
  };
}

/** A share (0…1) as a whole percent, or null. */
export function percent(share: number | null | undefined): number | null {
  return share === null || share === undefined ? null : Math.round(share * 100);
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** What the charts say in one sentence each, so the page reads without the pictures too. */
export function measuresSummary(measures: Measures): string[] {
  const lines: string[] = [];
  const measured = measures.kpis.filter((kpi) => kpi.onTrack !== null).length;
  const share = percent(measures.shareOnTrack);
  if (share !== null) lines.push(`${share}% of measured KPIs on track (${measured} of ${measures.kpis.length} measured)`);
  if (measures.partnerNps !== null) lines.push(`Partner NPS ${measures.partnerNps} in cycle ${measures.cycle}`);
  if (measures.goalAttainmentTScore !== null) lines.push(`Goal attainment T-score ${round1(measures.goalAttainmentTScore)} (50 = as expected)`);
  if (measures.healthGap !== null) lines.push(`Largest health-check gap between partners: ${measures.healthGap.overall} points`);
  const communication = measures.communication;
  if (communication && communication.rate !== null) lines.push(`${communication.held} of the last ${communication.planned} check-ins held (${percent(communication.rate)}%)`);
  return lines;
}

export const hasAnyMeasure = (measures: Measures) => measures.trajectories.length > 0 || measures.health.length > 0 || measures.cycles.length > 0;
