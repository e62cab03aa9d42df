/**
 * The partnership as the API returns it, the commands the console sends for it, and the small
 * pure helpers the screens share. Shapes mirror libs/domain (not imported: the console must not
 * pull server code into the browser bundle).
 */
import type { RaRecord } from 'react-admin';

export const STAGES = [
  'PRIORITY_SETTING',
  'LISTENING',
  'ROLE_IDENTIFICATION',
  'MEASUREMENT',
  'TERMINATION',
  'CLOSED',
] as const;
export type Stage = (typeof STAGES)[number];

export type PrioritiesStatus = 'DRAFTING' | 'SUBMITTED' | 'APPROVED';

export interface Goal {
  rank: number;
  title: string;
  metric: string;
  baseline: number;
  target: number;
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string;
}

/** ISO-8601 durations, e.g. P7D. */
export interface PartnershipPolicy {
  taskDue: string;
  reminderAfter: string;
  escalationAfter: string;
}

export interface PartnershipRecord extends RaRecord<string> {
  name: string;
  description: string;
  stage: Stage;
  prioritiesStatus: PrioritiesStatus;
  lastRejectionReason: string | null;
  coordinatorId: string;
  sponsorId: string;
  organizationIds: string[];
  goals: Goal[];
  scope: string;
  policy: PartnershipPolicy;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PartnershipCommand = { type: 'RecordGoals'; goals: Goal[]; scope: string } | { type: 'SubmitPriorities' };

export interface CommandResult {
  version: number;
  events: { sequence: number; type: string }[];
}

export const DEFAULT_POLICY: PartnershipPolicy = {
  taskDue: 'P7D',
  reminderAfter: 'P3DT12H',
  escalationAfter: 'P14D',
};

export const STAGE_LABELS: Record<Stage, string> = {
  PRIORITY_SETTING: 'Priority setting',
  LISTENING: 'Listening',
  ROLE_IDENTIFICATION: 'Role identification',
  MEASUREMENT: 'Measurement',
  TERMINATION: 'Termination',
  CLOSED: 'Closed',
};

export const PRIORITIES_STATUS_LABELS: Record<PrioritiesStatus, string> = {
  DRAFTING: 'Drafting',
  SUBMITTED: 'Submitted to sponsor',
  APPROVED: 'Approved',
};

export const stageChoices = STAGES.map((stage) => ({ id: stage, name: STAGE_LABELS[stage] }));

export function stageLabel(stage: string): string {
  return STAGE_LABELS[stage as Stage] ?? stage;
}

export function prioritiesStatusLabel(status: string): string {
  return PRIORITIES_STATUS_LABELS[status as PrioritiesStatus] ?? status;
}

/** Goals may only be drafted while the stage is open and nothing awaits the sponsor. */
export function prioritiesAreEditable(record: Pick<PartnershipRecord, 'stage' | 'prioritiesStatus'>): boolean {
  return record.stage === 'PRIORITY_SETTING' && record.prioritiesStatus === 'DRAFTING';
}

export function goalsByRank(goals: readonly Goal[] | undefined): Goal[] {
  return [...(goals ?? [])].sort((a, b) => a.rank - b.rank);
}

/** What the priorities form holds: inputs may be empty while a person types. */
export interface PrioritiesFormValues {
  goals?: Partial<Record<keyof Goal, unknown>>[];
  scope?: string | null;
}

/**
 * The RecordGoals command from the form's values. A missing rank takes the row's position,
 * because people list goals in order and should not have to number them by hand.
 */
export function toRecordGoalsCommand(values: PrioritiesFormValues): PartnershipCommand {
  const goals = (values.goals ?? []).map(
    (goal, index): Goal => ({
      rank: typeof goal.rank === 'number' ? goal.rank : index + 1,
      title: String(goal.title ?? '').trim(),
      metric: String(goal.metric ?? '').trim(),
      baseline: Number(goal.baseline),
      target: Number(goal.target),
      dueDate: String(goal.dueDate ?? ''),
    }),
  );
  return { type: 'RecordGoals', goals, scope: (values.scope ?? '').trim() };
}

/** The form starts from what was last recorded. */
export function toPrioritiesFormValues(record: Pick<PartnershipRecord, 'goals' | 'scope'>): PrioritiesFormValues {
  return { goals: goalsByRank(record.goals).map((goal) => ({ ...goal })), scope: record.scope ?? '' };
}

/** Loose ISO-8601 duration check (P1D, PT30S, P3DT12H); the API has the final say. */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function validateIsoDuration(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && ISO_DURATION.test(value) ? undefined : 'Use an ISO-8601 duration, e.g. P7D or PT30S';
}

export const MIN_ORGANIZATIONS = 2;

export function validateOrganizationIds(value: unknown): string | undefined {
  const count = Array.isArray(value) ? value.length : 0;
  return count >= MIN_ORGANIZATIONS ? undefined : `Choose at least ${MIN_ORGANIZATIONS} organizations`;
}

export interface PartnershipCreateValues {
  name?: string;
  description?: string | null;
  sponsorId?: string;
  organizationIds?: string[];
  policy?: Partial<PartnershipPolicy> | null;
}

/** Blank policy fields fall back to the defaults rather than being sent as empty strings. */
export function toCreatePartnershipBody(values: PartnershipCreateValues) {
  const policy = values.policy ?? {};
  return {
    name: (values.name ?? '').trim(),
    description: (values.description ?? '').trim(),
    sponsorId: values.sponsorId,
    organizationIds: values.organizationIds ?? [],
    policy: {
      taskDue: policy.taskDue || DEFAULT_POLICY.taskDue,
      reminderAfter: policy.reminderAfter || DEFAULT_POLICY.reminderAfter,
      escalationAfter: policy.escalationAfter || DEFAULT_POLICY.escalationAfter,
    },
  };
}
