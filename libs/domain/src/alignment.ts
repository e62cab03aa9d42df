/**
 * The mission-alignment matrix read as the method reads it: each partner organization scores each
 * goal 0 (no overlap with its mission) to 3; a goal some organization scores 0, or whose scores
 * average below 1.5, is flagged as low overlap — and a flagged goal is what lets the coordinator
 * propose renegotiating the goals.
 */
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
