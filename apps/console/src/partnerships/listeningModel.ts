/**
 * The listening stage's record shaped for its page: stakeholders on an interest × influence grid,
 * the mission-alignment matrix (organization × goal) with low overlap flagged, and the commands
 * the page's forms send.
 */
import { LOW_OVERLAP_AVERAGE, type AlignmentMission, type Goal, type GoalOverlap, type Stakeholder } from '@pe/domain';
import type { PartnershipCommand } from './partnershipModel';

/** Interest and influence are scored 1 (low) to 5 (high). */
export const STAKEHOLDER_SCALE = [1, 2, 3, 4, 5] as const;
/** Alignment scores: 0 (no overlap with the organization's mission) to 3 (at its heart). */
export const ALIGNMENT_SCORES = [0, 1, 2, 3] as const;

export interface StakeholderCell {
  interest: number;
  influence: number;
  stakeholders: Stakeholder[];
}

/** Rows from high influence (5) down to low (1), columns from low interest (1) to high (5). */
export function stakeholderGrid(stakeholders: readonly Stakeholder[] | undefined): StakeholderCell[][] {
  return [...STAKEHOLDER_SCALE].reverse().map((influence) =>
    STAKEHOLDER_SCALE.map((interest) => ({
      interest,
      influence,
      stakeholders: (stakeholders ?? []).filter((one) => one.interest === interest && one.influence === influence),
    })),
  );
}

/** The usual reading of the grid's quadrants, so the coordinator knows whom to manage closely. */
export function stakeholderQuadrant(stakeholder: Pick<Stakeholder, 'interest' | 'influence'>): string {
  const interested = stakeholder.interest >= 3;
  const influential = stakeholder.influence >= 3;
  if (interested && influential) return 'manage closely';
  if (influential) return 'keep satisfied';
  if (interested) return 'keep informed';
  return 'monitor';
}

export interface StakeholderFormValues {
  stakeholder?: { name?: string | null; organizationId?: string | null; interest?: number | null; influence?: number | null };
}

export function toAddStakeholderCommand(values: StakeholderFormValues): PartnershipCommand {
  const input = values.stakeholder ?? {};
  return {
    type: 'AddStakeholder',
    stakeholder: {
      name: String(input.name ?? '').trim(),
      organizationId: input.organizationId || null,
      interest: Number(input.interest),
      influence: Number(input.influence),
    },
  };
}

export interface SessionFormValues {
  session?: { heldOn?: string | null; participants?: string | null; heard?: string | null; concerns?: string | null };
}

/** People type lists one per line (or comma-separated for participants); blanks are dropped. */
export const splitLines = (text: string | null | undefined, separators = /\n/): string[] =>
  String(text ?? '')
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');

export function toListeningSessionCommand(values: SessionFormValues): PartnershipCommand {
  const input = values.session ?? {};
  return {
    type: 'RecordListeningSession',
    session: {
      heldOn: String(input.heldOn ?? ''),
      participants: splitLines(input.participants, /[\n,]/),
      heard: String(input.heard ?? '').trim(),
      concerns: splitLines(input.concerns),
    },
  };
}

/** Why a flagged goal is flagged, in words. */
export function overlapWarning(overlap: GoalOverlap, organizationName: (id: string) => string): string | null {
  if (!overlap.flagged) return null;
  const reasons: string[] = [];
  if (overlap.zeroBy.length > 0) reasons.push(`scored 0 by ${overlap.zeroBy.map(organizationName).join(', ')}`);
  if (overlap.average !== null && overlap.average < LOW_OVERLAP_AVERAGE) reasons.push(`averages ${overlap.average.toFixed(1)} (below ${LOW_OVERLAP_AVERAGE})`);
  return `Low overlap: ${reasons.join('; ')}`;
}

/** What the matrix says when an organization's mission changed after it scored: its scores may be stale. */
export function missionChangedWarning(mission: Pick<AlignmentMission, 'mission' | 'scoredUnder'>): string {
  const now = mission.mission ? `version ${mission.mission.version}` : 'a new version';
  const then = mission.scoredUnder === null ? 'before any mission was recorded' : `under version ${mission.scoredUnder}`;
  return `Mission changed since it scored: scored ${then}, now ${now}. Its scores may need a second look.`;
}

export interface AlignmentRow {
  organizationId: string;
  scores: Record<string, number | undefined>;
  /** Whether the viewer may fill this row (its own organization's, or any for the coordinator). */
  editable: boolean;
}

export function alignmentRows(
  organizationIds: readonly string[],
  goals: readonly Pick<Goal, 'rank'>[],
  alignment: Record<string, Record<string, number>> | undefined,
  mayScore: (organizationId: string) => boolean,
): AlignmentRow[] {
  return organizationIds.map((organizationId) => ({
    organizationId,
    scores: Object.fromEntries(goals.map((goal) => [String(goal.rank), alignment?.[organizationId]?.[String(goal.rank)]])),
    editable: mayScore(organizationId),
  }));
}

/** A row's draft (a select per goal; '' while unchosen) as the ScoreAlignment command. */
export function toScoreAlignmentCommand(organizationId: string, draft: Record<string, number | '' | undefined>): PartnershipCommand {
  const scores: Record<string, number> = {};
  for (const [rank, score] of Object.entries(draft)) if (typeof score === 'number') scores[rank] = score;
  return { type: 'ScoreAlignment', organizationId, scores };
}
