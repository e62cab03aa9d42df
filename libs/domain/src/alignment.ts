/**
 * The mission-alignment matrix read as the method reads it: each partner organization scores each
 * goal 0 (no overlap with its mission) to 3; a goal some organization scores 0, or whose scores
 * average below 1.5, is flagged as low overlap — and a flagged goal is what lets the coordinator
 * propose renegotiating the goals.
 */
import type { MissionVersion } from './directory.js';
import type { Goal } from './model.js';

export const LOW_OVERLAP_AVERAGE = 1.5;

export interface GoalOverlap {
  rank: number;
  /** Mean of the scores given so far; null while nobody scored the goal. */
  average: number | null;
  /** Organizations that scored the goal 0. */
  zeroBy: string[];
  flagged: boolean;
}

export function goalOverlap(goal: Pick<Goal, 'rank'>, organizationIds: readonly string[], alignment: Record<string, Record<string, number>> | undefined): GoalOverlap {
  const scored = organizationIds.flatMap((id) => {
    const score = alignment?.[id]?.[String(goal.rank)];
    return score === undefined ? [] : [{ id, score }];
  });
  const average = scored.length > 0 ? scored.reduce((sum, one) => sum + one.score, 0) / scored.length : null;
  const zeroBy = scored.filter((one) => one.score === 0).map((one) => one.id);
  return { rank: goal.rank, average, zeroBy, flagged: zeroBy.length > 0 || (average !== null && average < LOW_OVERLAP_AVERAGE) };
}

/** The ranks of the goals the matrix flags, in rank order. */
export function flaggedGoalRanks(state: { goals: readonly Pick<Goal, 'rank'>[]; organizationIds: readonly string[]; alignment: Record<string, Record<string, number>> }): number[] {
  return state.goals
    .map((goal) => goalOverlap(goal, state.organizationIds, state.alignment))
    .filter((overlap) => overlap.flagged)
    .map((overlap) => overlap.rank)
    .sort((a, b) => a - b);
}

/** A member organization's mission beside the goals it scored, as the matrix shows it. */
export interface AlignmentMission {
  organizationId: string;
  /** The mission in force (at the point read, for a replay); null while none is recorded. */
  mission: MissionVersion | null;
  /** When the organization last scored the goals; null while its scores are not in the matrix. */
  scoredAt: string | null;
  /** The version in force when it scored (null: none was recorded then, or it has not scored). */
  scoredUnder: number | null;
  /** The mission was recorded or changed after the organization scored: its scores may no longer say what it stands for. */
  changedSinceScored: boolean;
}

/**
 * Each member's mission beside its scores. `versions` are the missions' versions recorded up to the
 * moment read, any order; `events` the log up to it (the last AlignmentScored of an organization whose
 * scores are still in the matrix says when it scored: a renewal clears the matrix, and the log stays).
 */
export function alignmentMissions(
  state: { organizationIds: readonly string[]; alignment: Record<string, Record<string, number>> },
  events: readonly { type: string; data?: unknown; at: string }[],
  versions: readonly MissionVersion[],
): AlignmentMission[] {
  const scoredAt = new Map<string, string>();
  for (const event of events) if (event.type === 'AlignmentScored') scoredAt.set((event.data as { organizationId: string }).organizationId, event.at);
  return state.organizationIds.map((organizationId) => {
    const own = versions.filter((version) => version.organizationId === organizationId).sort((a, b) => b.version - a.version);
    const scored = state.alignment[organizationId] ? (scoredAt.get(organizationId) ?? null) : null;
    const mission = own[0] ?? null;
    const scoredUnder = scored === null ? null : (own.find((version) => Date.parse(version.recordedAt) <= Date.parse(scored))?.version ?? null);
    return {
      organizationId,
      mission,
      scoredAt: scored,
      scoredUnder,
      changedSinceScored: scored !== null && mission !== null && mission.version !== scoredUnder,
    };
  });
}
