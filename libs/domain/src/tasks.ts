/** Human steps: what each task is for, whom it is assigned to, and its timer bookkeeping. */
import type { Actor } from './model.js';

export const TASK_KINDS = [
  'APPROVE_PRIORITIES',
  'CONFIRM_LISTENING',
  'SIGN_AGREEMENT',
  'DECIDE_CHANGE',
  'REPORT_MEASUREMENT',
  'HEALTH_CHECK',
  'REVIEW',
  'APPROVE_TERMINATION',
  'SIGN_TERMINATION',
  'WIND_DOWN',
  'DECIDE_EXPIRY',
  'RESOLVE_CONFLICT',
  'RECORD_CHECK_IN',
  'CHECK_IN_ACTION',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const isTaskKind = (value: unknown): value is TaskKind => TASK_KINDS.some((kind) => kind === value);
export const TASK_DECISIONS = ['approve', 'reject'] as const;
export type TaskDecision = (typeof TASK_DECISIONS)[number];

/**
 * Why a task of a kind with more than one occasion was opened: an organization joining signs the
 * agreement in force outside any sign-off round; a pulse health check is not part of a review cycle;
 * a KPI report falls due on a KPI's cadence between two reviews and asks for the KPIs due then only.
 */
export const TASK_PURPOSES = ['joining', 'pulse', 'kpi_report'] as const;
export type TaskPurpose = (typeof TASK_PURPOSES)[number];

/**
 * A task is assigned to one person, or to one organization. An organization's task is addressed to
 * its agreed point of contact when there is one (`contactId`): reminders reach that person, yet any
 * representative of the organization may still complete it on the organization's behalf, so an
 * absent contact does not hold the partnership up; the events record who did.
 */
export type Assignee = { kind: 'user'; userId: string } | { kind: 'organization'; organizationId: string; contactId?: string };

/** Whom a reminder or escalation reaches; organizations reach their representatives. */
export type Recipient = { userId: string } | { organizationId: string };

export interface Task {
  id: string;
  kind: TaskKind;
  title: string;
  assignee: Assignee;
  openedAt: string;
  dueAt: string;
  /** The review cycle the task belongs to (measurement, health check, review). */
  cycle: number | null;
  purpose: TaskPurpose | null;
  /** Free text naming what the step is about when the kind alone does not (the wind-down item, the proposed option). */
  detail: string | null;
}

/**
 * A task as TaskOpened events recorded it: before `purpose` existed, the purpose travelled in
 * `detail` as the sentinels 'joining' and 'pulse'. Logs and carried workflow state keep that shape.
 */
export type RecordedTask = Omit<Task, 'purpose'> & { purpose?: TaskPurpose | null };

export interface OpenTask extends Task {
  /** How many reminders of the schedule have fired. */
  remindersSent: number;
  /** 0 = not escalated; 1 coordinator, 2 sponsor, 3 the steering group of all sponsors. */
  escalationLevel: number;
}

const LEGACY_PURPOSE: Partial<Record<TaskKind, TaskPurpose>> = { SIGN_AGREEMENT: 'joining', HEALTH_CHECK: 'pulse' };

/** Reads a task of any recorded shape: a legacy sentinel in `detail` becomes its `purpose`. */
export function upgradeTask<T extends RecordedTask>(task: T): T & Task {
  if (task.purpose !== undefined) return task as T & Task;
  const legacy = LEGACY_PURPOSE[task.kind];
  if (legacy !== undefined && task.detail === legacy) return { ...task, purpose: legacy, detail: null };
  return { ...task, purpose: null };
}

export const recipientOf = (assignee: Assignee): Recipient => {
  if (assignee.kind === 'user') return { userId: assignee.userId };
  return assignee.contactId ? { userId: assignee.contactId } : { organizationId: assignee.organizationId };
};

/** Who may complete a task: its assignee, or for an organization's task any of its representatives. */
export function mayCompleteTask(assignee: Assignee, person: Pick<Actor, 'userId' | 'role' | 'organizationId'>): boolean {
  if (assignee.kind === 'user') return person.userId === assignee.userId && person.role !== 'auditor';
  return person.role === 'partner' && person.organizationId === assignee.organizationId;
}
