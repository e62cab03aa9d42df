/** Human steps: what each task is for, whom it is assigned to, and its timer bookkeeping. */
export const TASK_KINDS = [
  'APPROVE_PRIORITIES',
  'CONFIRM_LISTENING',
  'SIGN_AGREEMENT',
  'REPORT_MEASUREMENT',
  'HEALTH_CHECK',
  'REVIEW',
  'APPROVE_TERMINATION',
  'SIGN_TERMINATION',
  'WIND_DOWN',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskDecision = 'approve' | 'reject';

/** A task is assigned to one person, or to every representative of one organization. */
export type Assignee = { kind: 'user'; userId: string } | { kind: 'organization'; organizationId: string };

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
  /** What the step is about when the kind alone does not say (the wind-down item, the joining org). */
  detail: string | null;
}

export interface OpenTask extends Task {
  /** How many reminders of the schedule have fired. */
  remindersSent: number;
  /** 0 = not escalated; 1 coordinator, 2 sponsor, 3 the steering group of all sponsors. */
  escalationLevel: number;
}

export const recipientOf = (assignee: Assignee): Recipient =>
  assignee.kind === 'user' ? { userId: assignee.userId } : { organizationId: assignee.organizationId };
