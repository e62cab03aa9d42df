/**
 * The deadline queue, derived from state: which timer fires next, and what firing the due ones means.
 */
import type { OpenTask, Partnership, PartnershipEventBody, PartnershipState } from './partnership.js';

interface Deadline {
  at: string;
  taskId: string;
  purpose: 'reminder' | 'escalation';
}

function pendingDeadlines(task: OpenTask): Deadline[] {
  const deadlines: Deadline[] = [];
  if (!task.remindedAt) deadlines.push({ at: task.remindAt, taskId: task.id, purpose: 'reminder' });
  if (!task.escalatedAt) deadlines.push({ at: task.escalateAt, taskId: task.id, purpose: 'escalation' });
  return deadlines;
}

/** Every pending timer of a partnership, earliest first. */
export function deadlines(state: PartnershipState): Deadline[] {
  if (state.status !== 'active') return [];
  return state.openTasks.flatMap(pendingDeadlines).sort((a, b) => a.at.localeCompare(b.at));
}

/** When the workflow must next wake up, in epoch milliseconds, or null when nothing is pending. */
export function nextDeadline(state: PartnershipState): number | null {
  const first = deadlines(state)[0];
  return first ? Date.parse(first.at) : null;
}

export function dueTimerEvents(state: Partnership, now: Date): PartnershipEventBody[] {
  const due = deadlines({ ...state, status: 'active' }).filter((deadline) => Date.parse(deadline.at) <= now.getTime());
  return due.map((deadline) => {
    const task = state.openTasks.find((candidate) => candidate.id === deadline.taskId);
    const assignee = task ? [task.assigneeUserId] : [];
    return deadline.purpose === 'reminder'
      ? { type: 'ReminderSent', data: { taskId: deadline.taskId, recipientIds: assignee } }
      : { type: 'TaskEscalated', data: { taskId: deadline.taskId, recipientIds: unique([state.coordinatorId, state.sponsorId]) } };
  });
}

const unique = (ids: string[]) => [...new Set(ids)];
