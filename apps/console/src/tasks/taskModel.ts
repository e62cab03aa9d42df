/**
 * A task as the API returns it, and how the inbox reads it. What a kind is — its label, how it
 * completes, what context comes with it — is the domain's task catalogue, not written here again.
 */
import {
  mayCompleteTask,
  TASK_CATALOGUE,
  TASK_KINDS,
  type Assignee,
  type Role,
  type TaskContext,
  type TaskContextOf,
  type TaskData,
  type TaskDecision,
  type TaskKind,
  type TaskPurpose,
} from '@pe/domain';
import type { RaRecord } from 'react-admin';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export const kindChoices = TASK_KINDS.map((kind) => ({ id: kind, name: TASK_CATALOGUE[kind].label }));

export interface TaskRecord extends RaRecord<string> {
  partnershipId: string;
  partnershipName: string;
  kind: TaskKind;
  title: string;
  /** One of the two is set: a person's task, or one for any representative of an organization. */
  assigneeUserId: string | null;
  assigneeOrganizationId: string | null;
  /** The review cycle a measurement, health check or review belongs to. */
  cycle: number | null;
  purpose: TaskPurpose | null;
  /** Free text: the wind-down item, the proposed option. */
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
  /** While open: what the task's form shows, shaped by the catalogue's context kind. */
  context: TaskContext | null;
}

export interface TaskCompletion {
  decision: TaskDecision;
  comment?: string;
  data?: TaskData;
}

/** The API's answer is not needed by the screens; kept open so it can grow. */
export type TaskCompletionResult = Record<string, unknown>;

export function taskKindLabel(kind: TaskKind, cycle?: number | null, purpose?: TaskPurpose | null): string {
  // A report between reviews leads up to a cycle but is not the cycle's own report.
  if (purpose === 'kpi_report') return `${TASK_CATALOGUE[kind]?.label ?? kind} · between reviews`;
  return `${TASK_CATALOGUE[kind]?.label ?? kind}${cycle ? ` · cycle ${cycle}` : ''}`;
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

export const statusChoices: { id: TaskStatus; name: string }[] = [
  { id: 'open', name: 'Open' },
  { id: 'completed', name: 'Completed' },
  { id: 'cancelled', name: 'Cancelled' },
];

/** A person's inbox: what is waiting for them. */
export const INBOX_DEFAULT_FILTER = { mine: true, status: 'open' } as const;

export function isOverdue(task: { status: string; dueAt: string }, now: Date = new Date()): boolean {
  return task.status === 'open' && new Date(task.dueAt).getTime() < now.getTime();
}

export function assigneeOf(task: Pick<TaskRecord, 'assigneeUserId' | 'assigneeOrganizationId'>): Assignee | null {
  if (task.assigneeUserId) return { kind: 'user', userId: task.assigneeUserId };
  if (task.assigneeOrganizationId) return { kind: 'organization', organizationId: task.assigneeOrganizationId };
  return null;
}

export interface Viewer {
  id: string;
  role: Role;
  organizationId: string | null;
}

/** Buttons only for who may act: the assignee, or a representative of the assigned organization (the decider's own rule). */
export function viewerMayComplete(task: Pick<TaskRecord, 'status' | 'assigneeUserId' | 'assigneeOrganizationId'>, viewer: Viewer | null): boolean {
  const assignee = assigneeOf(task);
  if (task.status !== 'open' || !assignee || !viewer) return false;
  return mayCompleteTask(assignee, { userId: viewer.id, role: viewer.role, organizationId: viewer.organizationId });
}

/** Only a reason makes a rejection actionable for the coordinator, so it may not be blank. */
export function validateRejectionReason(reason: string): string | undefined {
  return reason.trim() === '' ? 'A reason is required to reject' : undefined;
}

/** The task's context in its kind's shape, or null when the API sent none or another shape. */
export function contextOf<K extends TaskKind>(task: TaskRecord & { kind: K }): TaskContextOf<K> | null {
  const context = task.context;
  return context && context.kind === TASK_CATALOGUE[task.kind].context ? (context as TaskContextOf<K>) : null;
}
