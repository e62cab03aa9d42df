import { describe, expect, it } from 'vitest';
import type { HealthCheck, Kpi, Measurement } from './model.js';
import {
  expectedProgress,
  goalAttainmentTScore,
  healthByCycle,
  healthGap,
  isOnTrack,
  kpiProgress,
  kpiStatuses,
  kpiTrajectories,
  latestMeasurement,
  measuresByCycle,
  onTimeRate,
  partnerNps,
  shareOnTrack,
} from './measures.js';

const kpi = (overrides: Partial<Kpi> = {}): Kpi => ({
  id: 'kpi-1',
  name: 'Readmission rate',
  ownerOrganizationId: 'org-a',
  unit: '%',
  baseline: 18,
  target: 12,
  direction: 'decrease',
  cadence: 'P1M',
  goalRank: 1,
  definedAt: '2030-01-01T00:00:00.000Z',
  ...overrides,
});
const measurement = (overrides: Partial<Measurement> = {}): Measurement => ({
  kpiId: 'kpi-1',
  cycle: 1,
  value: 16,
  reportedBy: 'u',
  reportedAt: '2030-07-01T00:00:00.000Z',
  onTime: true,
  ...overrides,
});
const check = (organizationId: string, cycle: number, scores: [number, number, number, number], recommend: number | null = null): HealthCheck => ({
  cycle,
  organizationId,
  scores: { strategy: scores[0], operations: scores[1], relationship: scores[2], governance: scores[3] },
  recommend,
});

describe('kpiProgress', () => {
  it('is the share of the way from baseline to target, in either direction, and may leave [0, 1]', () => {
    expect(kpiProgress({ baseline: 18, target: 12 }, 15)).toBe(0.5);
    expect(kpiProgress({ baseline: 40, target: 70 }, 70)).toBe(1);
    expect(kpiProgress({ baseline: 40, target: 70 }, 40)).toBe(0);
    expect(kpiProgress({ baseline: 40, target: 70 }, 85)).toBe(1.5);
    expect(kpiProgress({ baseline: 18, target: 12 }, 21)).toBe(-0.5);
  });
});

describe('isOnTrack (linear trajectory from definition to the goal’s due date)', () => {
  // defined 2030-01-01T00:00Z, goal due 2030-12-31 (23:59:59Z): halfway is about 2030-07-02
  const k = kpi();
  const halfway = new Date((Date.parse('2030-01-01T00:00:00Z') + Date.parse('2030-12-31T23:59:59Z')) / 2);

  it('is on track at or above the expected progress', () => {
    expect(isOnTrack(k, 15, halfway, '2030-12-31')).toBe(true);
    expect(isOnTrack(k, 14, halfway, '2030-12-31')).toBe(true);
  });

  it('is behind below it', () => {
    expect(isOnTrack(k, 15.1, halfway, '2030-12-31')).toBe(false);
  });

  it('expects nothing yet at definition, and the full target once the due date has passed', () => {
    expect(isOnTrack(k, 18, new Date('2030-01-01T00:00:00Z'), '2030-12-31')).toBe(true);
    expect(isOnTrack(k, 12.5, new Date('2031-02-01T00:00:00Z'), '2030-12-31')).toBe(false);
    expect(isOnTrack(k, 12, new Date('2031-02-01T00:00:00Z'), '2030-12-31')).toBe(true);
  });

  it('a due date before the definition expects the full target', () => {
    expect(isOnTrack(kpi({ definedAt: '2031-06-01T00:00:00Z' }), 13, new Date('2031-06-02T00:00:00Z'), '2030-12-31')).toBe(false);
  });

  it('without a goal date, any progress in the right direction counts', () => {
    expect(isOnTrack(k, 17.9, halfway, null)).toBe(true);
    expect(isOnTrack(k, 18, halfway, null)).toBe(false);
    expect(isOnTrack(k, 19, halfway, null)).toBe(false);
  });
});

describe('latestMeasurement / kpiStatuses / shareOnTrack', () => {
  it('takes the latest cycle’s measurement', () => {
    expect(latestMeasurement([measurement({ cycle: 2, value: 14 }), measurement({ cycle: 1, value: 16 })], 'kpi-1')?.value).toBe(14);
    expect(latestMeasurement([measurement()], 'kpi-9')).toBeNull();
  });

  it('reports each KPI’s actual, progress and on-track flag (null when unmeasured)', () => {
    const state = {
      kpis: [kpi(), kpi({ id: 'kpi-2', baseline: 40, target: 70, direction: 'increase', goalRank: null })],
      measurements: [measurement({ value: 15 })],
      goals: [{ rank: 1, title: 'g', metric: 'm', baseline: 18, target: 12, dueDate: '2030-12-31' }],
    };
    expect(kpiStatuses(state, new Date('2030-03-01T00:00:00Z'))).toEqual([
      { kpiId: 'kpi-1', actual: 15, progress: 0.5, onTrack: true },
      { kpiId: 'kpi-2', actual: null, progress: null, onTrack: null },
    ]);
  });

  it('shareOnTrack counts the measured KPIs only', () => {
    expect(shareOnTrack([])).toBeNull();
    expect(shareOnTrack([{ kpiId: 'a', actual: null, progress: null, onTrack: null }])).toBeNull();
    expect(
      shareOnTrack([
        { kpiId: 'a', actual: 1, progress: 1, onTrack: true },
        { kpiId: 'b', actual: 1, progress: 0, onTrack: false },
        { kpiId: 'c', actual: 1, progress: 1, onTrack: true },
        { kpiId: 'd', actual: null, progress: null, onTrack: null },
      ]),
    ).toBeCloseTo(2 / 3, 12);
  });
});

describe('onTimeRate', () => {
  it('is the share reported by the due date', () => {
    expect(onTimeRate([])).toBeNull();
    expect(onTimeRate([measurement(), measurement({ onTime: false }), measurement(), measurement()])).toBe(0.75);
  });
});

describe('healthGap', () => {
  it('is the spread between the most and least satisfied organization per dimension, overall the largest', () => {
    const checks = [check('a', 1, [5, 3, 4, 2]), check('b', 1, [2, 3, 5, 2]), check('c', 1, [4, 1, 4, 3]), check('a', 2, [1, 1, 1, 1])];
    expect(healthGap(checks, 1)).toEqual({ overall: 3, byDimension: { strategy: 3, operations: 2, relationship: 1, governance: 1 } });
  });

  it('needs two organizations in the cycle', () => {
    expect(healthGap([check('a', 1, [5, 3, 4, 2]), check('a', 1, [1, 1, 1, 1])], 1)).toBeNull();
    expect(healthGap([check('a', 1, [5, 3, 4, 2]), check('b', 2, [1, 1, 1, 1])], 1)).toBeNull();
  });
});

describe('partnerNps', () => {
  it('is % promoters (9–10) − % detractors (0–6), rounded, ignoring missing answers', () => {
    expect(partnerNps([])).toBeNull();
    expect(partnerNps([check('a', 1, [3, 3, 3, 3])])).toBeNull();
    expect(partnerNps([check('a', 1, [3, 3, 3, 3], 10), check('b', 1, [3, 3, 3, 3], 9), check('c', 1, [3, 3, 3, 3], 7), check('d', 1, [3, 3, 3, 3], 6), check('e', 1, [3, 3, 3, 3], null)])).toBe(25);
    expect(partnerNps([check('a', 1, [3, 3, 3, 3], 0), check('b', 1, [3, 3, 3, 3], 8), check('c', 1, [3, 3, 3, 3], 9)])).toBe(0);
    expect(partnerNps([check('a', 1, [3, 3, 3, 3], 2), check('b', 1, [3, 3, 3, 3], 9), check('c', 1, [3, 3, 3, 3], 5)])).toBe(-33);
  });
});

describe('goalAttainmentTScore (Kiresuk & Sherman)', () => {
  it('two goals of weight 1 scoring +1 and 0 with ρ = 0.3: 50 + 10·1/√(0.7·2 + 0.3·4) = 56.2017…', () => {
    expect(goalAttainmentTScore([{ score: 1 }, { score: 0 }])).toBeCloseTo(56.20174, 4);
    expect(goalAttainmentTScore([{ score: 1, weight: 1 }, { score: 0, weight: 1 }], 0.3)).toBeCloseTo(50 + 10 / Math.sqrt(2.6), 12);
  });

  it('is 50 when every goal is met as expected, and symmetric', () => {
    expect(goalAttainmentTScore([{ score: 0 }, { score: 0 }, { score: 0 }])).toBe(50);
    expect(goalAttainmentTScore([{ score: -1 }, { score: 0 }])).toBeCloseTo(43.79826, 4);
  });

  it('weights the goals: weights 2 and 1 scoring +2 and −1 with ρ = 0.5 → 50 + 10·3/√(0.5·5 + 0.5·9) = 61.3389…', () => {
    expect(goalAttainmentTScore([{ score: 2, weight: 2 }, { score: -1, weight: 1 }], 0.5)).toBeCloseTo(61.33893, 4);
  });

  it('a single goal with ρ = 0 is 50 + 10 × score', () => {
    expect(goalAttainmentTScore([{ score: 2 }], 0)).toBe(70);
  });

  it('is null without goals', () => {
    expect(goalAttainmentTScore([])).toBeNull();
  });
});

const GOAL = { rank: 1, title: 'g', metric: 'm', baseline: 18, target: 12, dueDate: '2030-12-31' };
const DEFINED = Date.parse('2030-01-01T00:00:00Z');
const TARGET_AT = '2030-12-31T23:59:59.000Z';
const plannedAt = (iso: string) => 18 + ((Date.parse(iso) - DEFINED) / (Date.parse(TARGET_AT) - DEFINED)) * (12 - 18);

describe('expectedProgress', () => {
  it('is the share of the time from definition to the goal’s last second, clamped to [0, 1]', () => {
    expect(expectedProgress(kpi(), new Date('2029-06-01T00:00:00Z'), '2030-12-31')).toBe(0);
    expect(expectedProgress(kpi(), new Date(TARGET_AT), '2030-12-31')).toBe(1);
    expect(expectedProgress(kpi(), new Date('2031-06-01T00:00:00Z'), '2030-12-31')).toBe(1);
  });

  it('is null without a goal date', () => {
    expect(expectedProgress(kpi(), new Date('2030-06-01T00:00:00Z'), null)).toBeNull();
  });
});

describe('kpiTrajectories', () => {
  it('runs from the baseline at definition through each cycle’s latest actual to the target on the goal’s due date', () => {
    const state = {
      kpis: [kpi()],
      goals: [GOAL],
      measurements: [
        measurement({ cycle: 2, value: 13, reportedAt: '2030-10-01T00:00:00.000Z' }),
        measurement({ cycle: 1, value: 17, reportedAt: '2030-04-01T00:00:00.000Z' }),
        // A correction later in cycle 1 replaces the first report of the cycle.
        measurement({ cycle: 1, value: 16, reportedAt: '2030-04-02T00:00:00.000Z' }),
      ],
    };
    const [trajectory] = kpiTrajectories(state);
    expect(trajectory).toMatchObject({ kpiId: 'kpi-1', name: 'Readmission rate', unit: '%', baseline: 18, target: 12, targetAt: TARGET_AT });
    expect(trajectory!.points.map(({ at, cycle, actual, onTrack }) => ({ at, cycle, actual, onTrack }))).toEqual([
      { at: '2030-01-01T00:00:00.000Z', cycle: null, actual: 18, onTrack: null },
      { at: '2030-04-02T00:00:00.000Z', cycle: 1, actual: 16, onTrack: true },
      { at: '2030-10-01T00:00:00.000Z', cycle: 2, actual: 13, onTrack: true },
      { at: TARGET_AT, cycle: null, actual: null, onTrack: null },
    ]);
    const planned = trajectory!.points.map((point) => point.planned);
    expect(planned[0]).toBe(18);
    expect(planned[1]).toBeCloseTo(plannedAt('2030-04-02T00:00:00.000Z'), 10);
    expect(planned[2]).toBeCloseTo(plannedAt('2030-10-01T00:00:00.000Z'), 10);
    expect(planned[3]).toBe(12);
  });

  it('marks a measurement behind its planned value as off track', () => {
    const state = { kpis: [kpi()], goals: [GOAL], measurements: [measurement({ value: 17.5, reportedAt: '2030-10-01T00:00:00.000Z' })] };
    expect(kpiTrajectories(state)[0]!.points[1]).toMatchObject({ actual: 17.5, onTrack: false });
  });

  it('has no planned line and no target date for a KPI without a goal', () => {
    const state = { kpis: [kpi({ goalRank: null })], goals: [GOAL], measurements: [measurement({ value: 17 })] };
    const [trajectory] = kpiTrajectories(state);
    expect(trajectory!.targetAt).toBeNull();
    expect(trajectory!.points.map((point) => [point.planned, point.actual])).toEqual([
      [null, 18],
      [null, 17],
    ]);
  });
});

describe('healthByCycle', () => {
  it('takes each organization’s latest check per cycle and the gap between them', () => {
    const checks = [check('a', 1, [5, 3, 4, 2], 9), check('b', 1, [2, 3, 5, 2], 6), check('a', 1, [4, 3, 4, 2], 10), check('a', 2, [1, 1, 1, 1])];
    expect(healthByCycle(checks)).toEqual([
      {
        cycle: 1,
        organizations: [
          { organizationId: 'a', scores: { strategy: 4, operations: 3, relationship: 4, governance: 2 }, recommend: 10 },
          { organizationId: 'b', scores: { strategy: 2, operations: 3, relationship: 5, governance: 2 }, recommend: 6 },
        ],
        gap: { overall: 2, byDimension: { strategy: 2, operations: 0, relationship: 1, governance: 0 } },
      },
      { cycle: 2, organizations: [{ organizationId: 'a', scores: { strategy: 1, operations: 1, relationship: 1, governance: 1 }, recommend: null }], gap: null },
    ]);
  });

  it('is empty before any check', () => {
    expect(healthByCycle([])).toEqual([]);
  });
});

describe('measuresByCycle', () => {
  it('gives NPS, T-score, share on track and on-time rate for every cycle opened, null where nothing was recorded', () => {
    const state = {
      cycle: 3,
      kpis: [kpi(), kpi({ id: 'kpi-2', baseline: 40, target: 70, direction: 'increase' as const })],
      goals: [GOAL],
      measurements: [
        measurement({ cycle: 1, value: 16, reportedAt: '2030-04-01T00:00:00.000Z' }),
        measurement({ kpiId: 'kpi-2', cycle: 1, value: 41, reportedAt: '2030-04-01T00:00:00.000Z', onTime: false }),
        measurement({ cycle: 2, value: 13, reportedAt: '2030-10-01T00:00:00.000Z' }),
      ],
      healthChecks: [check('a', 1, [3, 3, 3, 3], 10), check('b', 1, [3, 3, 3, 3], 5), check('a', 2, [3, 3, 3, 3], 9)],
      goalAttainment: [
        { cycle: 1, scores: { '1': 0, '2': 0 } },
        { cycle: 2, scores: { '1': 1, '2': 0 } },
      ],
    };
    const cycles = measuresByCycle(state);
    expect(cycles.map(({ goalAttainmentTScore: _t, ...rest }) => rest)).toEqual([
      { cycle: 1, partnerNps: 0, shareOnTrack: 0.5, onTimeSubmissionRate: 0.5, checkInRate: null },
      { cycle: 2, partnerNps: 100, shareOnTrack: 1, onTimeSubmissionRate: 1, checkInRate: null },
      { cycle: 3, partnerNps: null, shareOnTrack: null, onTimeSubmissionRate: null, checkInRate: null },
    ]);
    expect(cycles[0]!.goalAttainmentTScore).toBe(50);
    expect(cycles[1]!.goalAttainmentTScore).toBeCloseTo(56.20174, 4);
    expect(cycles[2]!.goalAttainmentTScore).toBeNull();
  });

  it('is empty before the first cycle opens', () => {
    expect(measuresByCycle({ cycle: 0, kpis: [], goals: [], measurements: [], healthChecks: [], goalAttainment: [] })).toEqual([]);
  });
});
