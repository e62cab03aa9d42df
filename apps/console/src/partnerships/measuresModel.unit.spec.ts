import type { KpiTrajectory } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { cycleChart, healthChart, measuresSummary, percent, trajectoryChart, type Measures } from './measuresModel';

const trajectory: KpiTrajectory = {
  kpiId: 'k1',
  name: 'Deliveries on time',
  unit: '%',
  ownerOrganizationId: 'org-a',
  baseline: 55,
  target: 90,
  direction: 'increase',
  targetAt: '2031-06-30T23:59:59.000Z',
  points: [
    { at: '2030-01-01T00:00:00.000Z', cycle: null, planned: 55, actual: 55, onTrack: null },
    { at: '2030-07-01T00:00:00.000Z', cycle: 1, planned: 67, actual: 70, onTrack: true },
    { at: '2031-06-30T23:59:59.000Z', cycle: null, planned: 90, actual: null, onTrack: null },
  ],
};

describe('trajectoryChart', () => {
  it('puts planned and actual on one time axis and tells whether the latest report is on track', () => {
    const chart = trajectoryChart(trajectory);
    expect(chart.title).toBe('Deliveries on time (%): 55 → 90');
    expect(chart.at.map((date) => date.toISOString())).toEqual(trajectory.points.map((point) => point.at));
    expect(chart.planned).toEqual([55, 67, 90]);
    expect(chart.actual).toEqual([55, 70, null]);
    expect(chart.onTrack).toBe(true);
  });

  it('has no verdict before the first report', () => {
    const chart = trajectoryChart({ ...trajectory, points: [trajectory.points[0]!] });
    expect(chart.onTrack).toBeNull();
    expect(chart.latest).toBeNull();
  });

  it('counts the values reported between reviews, each a point of its own at the instant it fell due', () => {
    const monthly = { at: '2030-08-01T00:00:00.000Z', cycle: 2, betweenReviews: true, planned: 69, actual: 72, onTrack: true };
    const chart = trajectoryChart({ ...trajectory, points: [trajectory.points[0]!, trajectory.points[1]!, monthly, trajectory.points[2]!] });
    expect(chart.actual).toEqual([55, 70, 72, null]);
    expect(chart.betweenReviews).toBe(1);
    expect(chart.latest).toBe(`Latest 72 %, due ${new Date(monthly.at).toLocaleDateString()} between reviews`);
    expect(trajectoryChart(trajectory).latest).toBe(`Latest 70 %, cycle 1, ${new Date('2030-07-01T00:00:00.000Z').toLocaleDateString()}`);
  });
});

describe('healthChart', () => {
  it('draws the latest cycle: a bar per organization per dimension, the gap in each dimension’s label', () => {
    const chart = healthChart(
      [
        { cycle: 1, organizations: [], gap: null },
        {
          cycle: 2,
          organizations: [
            { organizationId: 'a', scores: { strategy: 4, operations: 3, relationship: 5, governance: 4 }, recommend: 9 },
            { organizationId: 'b', scores: { strategy: 2, operations: 3, relationship: 4, governance: 4 }, recommend: 6 },
          ],
          gap: { overall: 2, byDimension: { strategy: 2, operations: 0, relationship: 1, governance: 0 } },
        },
      ],
      (id) => `Org ${id.toUpperCase()}`,
    );
    expect(chart).toEqual({
      cycle: 2,
      dimensions: ['Strategy, gap 2', 'Operations, gap 0', 'Relationship, gap 1', 'Governance, gap 0'],
      series: [
        { label: 'Org A', data: [4, 3, 5, 4] },
        { label: 'Org B', data: [2, 3, 4, 4] },
      ],
      overallGap: 2,
    });
  });

  it('is null before any health check; a single organization has no gap', () => {
    expect(healthChart([], String)).toBeNull();
    const single = healthChart([{ cycle: 1, organizations: [{ organizationId: 'a', scores: { strategy: 1, operations: 1, relationship: 1, governance: 1 }, recommend: null }], gap: null }], String);
    expect(single?.dimensions).toEqual(['Strategy', 'Operations', 'Relationship', 'Governance']);
    expect(single?.overallGap).toBeNull();
  });
});

describe('cycleChart and the summary', () => {
  const cycles = [
    { cycle: 1, partnerNps: 0, goalAttainmentTScore: 56.20174, shareOnTrack: 0.5, onTimeSubmissionRate: 1, checkInRate: 0.75 },
    { cycle: 2, partnerNps: null, goalAttainmentTScore: null, shareOnTrack: null, onTimeSubmissionRate: null, checkInRate: null },
  ];

  it('gives one category per cycle, the T-score to one decimal and the share on track in percent', () => {
    expect(cycleChart(cycles)).toEqual({ cycles: ['Cycle 1', 'Cycle 2'], nps: [0, null], tScore: [56.2, null], onTrackPercent: [50, null], checkInPercent: [75, null] });
    expect(percent(2 / 3)).toBe(67);
    expect(percent(null)).toBeNull();
  });

  it('says in words what the charts show', () => {
    const measures: Measures = {
      cycle: 1,
      kpis: [
        { kpiId: 'a', actual: 1, progress: 1, onTrack: true },
        { kpiId: 'b', actual: 1, progress: 0, onTrack: false },
        { kpiId: 'c', actual: null, progress: null, onTrack: null },
      ],
      shareOnTrack: 0.5,
      onTimeSubmissionRate: 1,
      healthGap: { overall: 2, byDimension: { strategy: 2 } },
      partnerNps: 0,
      goalAttainmentTScore: 56.20174,
      communication: { planned: 4, held: 3, rate: 0.75, lastHeldOn: '2030-01-28' },
      trajectories: [],
      health: [],
      cycles,
    };
    expect(measuresSummary(measures)).toEqual([
      '50% of measured KPIs on track (2 of 3 measured)',
      'Partner NPS 0 in cycle 1',
      'Goal attainment T-score 56.2 (50 = as expected)',
      'Largest health-check gap between partners: 2 points',
      '3 of the last 4 check-ins held (75%)',
    ]);
  });
});
