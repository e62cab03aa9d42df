/** A task of someone's inbox as the API returns it, and how the inbox reads it. */
import {
  TASK_KINDS,
  type HealthDimension,
  type ReviewOutcome,
  type TaskDecision,
  type TaskKind,
  type TerminationOption,
} from '@pe/domain';
import type { RaRecord } from 'react-admin';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  APPROVE_PRIORITIES: 'Approve priorities',
  CONFIRM_LISTENING: 'Confirm listening',
  SIGN_AGREEMENT: 'Sign agreement',
  REPORT_MEASUREMENT: 'Report measurements',
  HEALTH_CHECK: 'Health check',
  REVIEW: 'Review',
  APPROVE_TERMINATION: 'Approve termination',
  SIGN_TERMINATION: 'Sign termination',
  WIND_DOWN: 'Wind-down',
};

export const kindChoices = TASK_KINDS.map((kind) => ({ id: kind, name: TASK_KIND_LABELS[kind] }));

export function taskKindLabel(kind: string): string {
  return TASK_KIND_LABELS[kind as TaskKind] ?? kind;
}

/** Kinds a person approves or rejects (a sign-off); the others are completed with data. */
const DECISION_KINDS: ReadonlySet<string> = new Set<TaskKind>([
  'APPROVE_PRIORITIES',
  'CONFIRM_LISTENING',
  'SIGN_AGREEMENT',
  'APPROVE_TERMINATION',
  'SIGN_TERMINATION',
]);

export function isDecisionTask(task: Pick<TaskRecord, 'kind'>): boolean {
  return DECISION_KINDS.has(task.kind);
}

export const ESCALATION_LEVEL_LABELS: Record<number, string> = {
  1: 'Level 1: coordinator',
  2: 'Level 2: sponsor',
  3: 'Level 3: all sponsors',
};

export function escalationLabel(level: number | null | undefined): string {
  if (!level) return 'Not escalated';
  return ESCALATION_LEVEL_LABELS[level] ?? `Level ${level}`;
}

export interface TaskRecord extends RaRecord<string> {
  partnershipId: string;
  partnershipName: string;
  kind: TaskKind | string;
  title: string;
  /** One of the two is set: a person's task, or one for any representative of an organization. */
  assigneeUserId: string | null;
  assigneeOrganizationId: string | null;
  /** The review cycle a measurement, health check or review belongs to. */
  cycle: number | null;
  /** What the step is about when the kind alone does not say (a wind-down item, "pulse", "joining"). */
  detail: string | null;
  status: TaskStatus;
  openedAt: string;
  dueAt: string;
  remindedAt: string | null;
  escalatedAt: string | null;
  /** 0 = not escalated; 1 coordinator, 2 sponsor, 3 every sponsor. */
  escalationLevel: number | null;
  cancelReason: string | null;
  completedAt: string | null;
  completedBy: string | null;
  decision: TaskDecision | null;
  comment: string | null;
}

export interface TaskCompletion {
  decision: TaskDecision;
  comment?: string;
  data?: TaskData;
}

/** What a completion carries, by kind (see completeTaskSchema in libs/domain). */
export type TaskData =
  | { values: Record<string, number> }
  | (Record<HealthDimension, number> & { recommend?: number })
  | { outcome: ReviewOutcome; option?: TerminationOption; reason?: string };

/** The API's answer is not needed by the screens; kept open so it can grow. */
export type TaskCompletionResult = Record<string, unknown>;

export const statusChoices: { id: TaskStatus; name: string }[] = [
  { id: 'open', name: 'Open' },
  { id: 'completed', name: 'Completed' },
  { id: 'cancelled', name: 'Cancelled' },
];

/** A person's inbox: what is waiting for them. */
export const INBOX_DEFAULT_FILTER = { mine: true, status: 'open' } as const;

export function isOverdue(task: Pick<TaskRecord, 'status' | 'dueAt'>, now: Date = new Date()): boolean {
  return task.status === 'open' && new Date(task.dueAt).getTime() < now.getTime();
}

/** Only a reason makes a rejection actionable for the coordinator, so it may not be blank. */
export function validateRejectionReason(reason: string): string | undefined {
  return reason.trim() === '' ? 'A reason is required to reject' : undefined;
}
