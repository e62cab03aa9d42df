import { describe, expect, it } from 'vitest';
import { alignmentMissions, goalOverlap } from './alignment.js';
import type { MissionVersion } from './directory.js';

const A = 'org-a';
const B = 'org-b';
const version = (organizationId: string, n: number, recordedAt: string): MissionVersion => ({
  organizationId,
  version: n,
  text: `${organizationId} mission ${n}`,
  recordedAt,
  recordedBy: 'admin',
  recordedByName: 'Ada Admin',
});
const scored = (organizationId: string, at: string) => ({ type: 'AlignmentScored', data: { organizationId, scores: { '1': 2 } }, at });

describe('alignmentMissions', () => {
  const versions = [version(A, 1, '2026-01-01T00:00:00.000Z'), version(A, 2, '2026-03-01T00:00:00.000Z'), version(B, 1, '2026-01-01T00:00:00.000Z')];

  it('shows each member’s newest mission and the version it scored under', () => {
    const state = { organizationIds: [A, B], alignment: { [A]: { '1': 2 }, [B]: { '1': 3 } } };
    const rows = alignmentMissions(state, [scored(A, '2026-02-01T00:00:00.000Z'), scored(B, '2026-02-01T00:00:00.000Z')], versions);
    expect(rows[0]).toMatchObject({ organizationId: A, mission: { version: 2 }, scoredAt: '2026-02-01T00:00:00.000Z', scoredUnder: 1, changedSinceScored: true });
    expect(rows[1]).toMatchObject({ organizationId: B, mission: { version: 1 }, scoredUnder: 1, changedSinceScored: false });
  });

  it('takes the last scoring, and says nothing changed when it came after the newest version', () => {
    const state = { organizationIds: [A], alignment: { [A]: { '1': 2 } } };
    const rows = alignmentMissions(state, [scored(A, '2026-02-01T00:00:00.000Z'), scored(A, '2026-04-01T00:00:00.000Z')], versions);
    expect(rows[0]).toMatchObject({ scoredAt: '2026-04-01T00:00:00.000Z', scoredUnder: 2, changedSinceScored: false });
  });

  it('counts a first mission recorded after scoring as a change, and an organization not in the matrix as unscored', () => {
    const state = { organizationIds: [A, B], alignment: { [A]: { '1': 2 } } };
    const rows = alignmentMissions(state, [scored(A, '2025-12-01T00:00:00.000Z'), scored(B, '2025-12-01T00:00:00.000Z')], versions);
    expect(rows[0]).toMatchObject({ scoredUnder: null, changedSinceScored: true });
    // B's scores were cleared (a renewal): its old scoring says nothing about the matrix now.
    expect(rows[1]).toMatchObject({ scoredAt: null, scoredUnder: null, changedSinceScored: false });
  });

  it('has no mission to show while none is recorded', () => {
    const rows = alignmentMissions({ organizationIds: [B], alignment: {} }, [], []);
    expect(rows).toEqual([{ organizationId: B, mission: null, scoredAt: null, scoredUnder: null, changedSinceScored: false }]);
  });

  it('leaves the overlap rule as it was', () => {
    expect(goalOverlap({ rank: 1 }, [A, B], { [A]: { '1': 0 }, [B]: { '1': 3 } }).flagged).toBe(true);
  });
});
