/** A task of someone's inbox as the API returns it, and how the inbox reads it. */
import type { RaRecord } from 'react-admin';

export type TaskStatus = 'open' | 'completed' | 'cancelled';
export type TaskDecision = 'approve' | 'reject';

export interface TaskRecord extends RaRecord<string> {
  partnershipId: string;
  partnershipName: string;
  kind: string;
  title: string;
  assigneeUserId: string;
  status: TaskStatus;
  openedAt: string;
  dueAt: string;
  remindedAt: string | null;
  escalatedAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  decision: TaskDecision | null;
  comment: string | null;
}

export interface TaskCompletion {
  decision: TaskDecision;
  comment?: string;
}

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
