import { describe, expect, it } from 'vitest';
import type { HealthCheck, Kpi, Measurement } from './model.js';
import { goalAttainmentTScore, healthGap, isOnTrack, kpiProgress, kpiStatuses, latestMeasurement, onTimeRate, partnerNps, shareOnTrack } from './measures.js';

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
