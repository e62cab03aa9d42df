/**
 * The deadline queue, derived from state: reminders (half the window, a day before due, then every
 * two days while overdue), the escalation ladder (coordinator → sponsor → steering group, each step
 * five business days further), review cycles and health pulses. Hold pauses them all.
 */
import { addBusinessDuration, durationMs } from './duration.js';
import type { ActivePartnership, PartnershipState } from './partnership.js';
import type { OpenTask, Recipient } from './tasks.js';

export const ESCALATION_LEVELS = 3;

export type Deadline =
  | { at: number; purpose: 'reminder'; taskId: string; reminder: number }
  | { at: number; purpose: 'escalation'; taskId: string; level: number }
  | { at: number; purpose: 'review' }
  | { at: number; purpose: 'pulse' };

/** What a timer is for, as the deadline ledger names and filters it. */
export const DEADLINE_PURPOSES = ['reminder', 'escalation', 'review', 'pulse'] as const satisfies readonly Deadline['purpose'][];
export type DeadlinePurpose = (typeof DEADLINE_PURPOSES)[number];

/** The n-th (0-based) reminder of a task's schedule. */
export function reminderAt(task: Pick<OpenTask, 'openedAt' | 'dueAt'>, policy: ActivePartnership['policy'], n: number): number {
  const opened = Date.parse(task.openedAt);
  const due = Date.parse(task.dueAt);
  const first = opened + (due - opened) / 2;
  const beforeDue = due - durationMs(policy.reminderBeforeDue);
  const before = beforeDue > first ? [first, beforeDue] : [first];
  const planned = before[n];
  return planned ?? due + (n - before.length + 1) * durationMs(policy.overdueReminderEvery);
}

/** When a task reaches escalation level `level` (1-based). */
export function escalationAt(task: Pick<OpenTask, 'dueAt'>, policy: ActivePartnership['policy'], level: number): number {
  let at = Date.parse(task.dueAt);
  for (let step = 0; step < level; step += 1) at = addBusinessDuration(at, policy.escalateAfterOverdue);
  return at;
}

export function deadlines(state: PartnershipState): Deadline[] {
  if (state.status !== 'active' || state.hold || state.stage === 'CLOSED') return [];
  const list: Deadline[] = [];
  for (const task of state.openTasks) {
    list.push({ at: reminderAt(task, state.policy, task.remindersSent), purpose: 'reminder', taskId: task.id, reminder: task.remindersSent + 1 });
    if (task.escalationLevel < ESCALATION_LEVELS) {
      list.push({ at: escalationAt(task, state.policy, task.escalationLevel + 1), purpose: 'escalation', taskId: task.id, level: task.escalationLevel + 1 });
    }
  }
  if (state.stage === 'MEASUREMENT') {
    if (state.nextReviewAt) list.push({ at: Date.parse(state.nextReviewAt), purpose: 'review' });
    if (state.nextPulseAt) list.push({ at: Date.parse(state.nextPulseAt), purpose: 'pulse' });
  }
  return list.sort((a, b) => a.at - b.at);
}

/** When the workflow must next wake up, in epoch milliseconds, or null when nothing is pending. */
export function nextDeadline(state: PartnershipState): number | null {
  return deadlines(state)[0]?.at ?? null;
}

/** Who hears of an escalation at each level of the ladder. */
export function escalationRecipients(state: ActivePartnership, level: number): Recipient[] {
  const ids = level === 1 ? [state.coordinatorId] : level === 2 ? [state.sponsorId] : [state.sponsorId, ...state.steeringGroupIds];
  return [...new Set(ids)].map((userId) => ({ userId }));
}

/** How many reminders of the schedule are due by `now` (missed ones are not sent one by one). */
export function remindersDue(task: OpenTask, policy: ActivePartnership['policy'], now: number): number {
  let count = task.remindersSent;
  while (reminderAt(task, policy, count) <= now) count += 1;
  return count;
}

export function escalationDue(task: OpenTask, policy: ActivePartnership['policy'], now: number): number {
  let level = task.escalationLevel;
  while (level < ESCALATION_LEVELS && escalationAt(task, policy, level + 1) <= now) level += 1;
  return level;
}
