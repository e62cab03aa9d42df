/**
 * The deadline queue, derived from state: reminders (half the window, a day before due, then every
 * two days while overdue), escalations up the agreed path or the ladder (coordinator → sponsor →
 * steering group), each step five business days further, review cycles, health pulses, and a
 * scheduled termination's reminders and effect, the communication plan's check-ins, and the KPI
 * reports a cadence shorter than the review cycle calls for between reviews. Hold pauses them all.
 */
import { holidaysFor } from './calendar.js';
import { addBusinessDuration, durationMs } from './duration.js';
import { escalationSteps, organizationAssignee } from './governance.js';
import type { ActivePartnership, PartnershipState } from './partnership.js';
import { recipientOf, type OpenTask, type Recipient } from './tasks.js';

/** The ladder's height; an agreed escalation path has as many levels as people. */
export const ESCALATION_LEVELS = 3;

export type Deadline =
  | { at: number; purpose: 'reminder'; taskId: string; reminder: number }
  | { at: number; purpose: 'escalation'; taskId: string; level: number }
  | { at: number; purpose: 'review' }
  | { at: number; purpose: 'pulse' }
  | { at: number; purpose: 'notice'; reminder: number }
  | { at: number; purpose: 'vote' }
  | { at: number; purpose: 'expiry_reminder'; reminder: number }
  | { at: number; purpose: 'expiry' }
  | { at: number; purpose: 'check_in' }
  | { at: number; purpose: 'kpi_report'; kpiId: string }
  | { at: number; purpose: 'termination' };

/** What a timer is for, as the deadline ledger names and filters it. */
export const DEADLINE_PURPOSES = ['reminder', 'escalation', 'review', 'pulse', 'notice', 'vote', 'expiry_reminder', 'expiry', 'check_in', 'kpi_report', 'termination'] as const satisfies readonly Deadline['purpose'][];
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

/** When a task reaches escalation level `level` (1-based): business days of its assignee's calendar (`holidays`; none: weekends only). */
export function escalationAt(task: Pick<OpenTask, 'dueAt'>, policy: ActivePartnership['policy'], level: number, holidays?: ReadonlySet<string>): number {
  let at = Date.parse(task.dueAt);
  for (let step = 0; step < level; step += 1) at = addBusinessDuration(at, policy.escalateAfterOverdue, holidays);
  return at;
}

/**
 * The reminders of a scheduled termination, before it takes effect: halfway through the notice and
 * the policy's reminder window before the end (when that falls after halfway).
 */
export function noticeRemindersAt(scheduledAt: number, effectiveAt: number, policy: ActivePartnership['policy']): number[] {
  const halfway = scheduledAt + (effectiveAt - scheduledAt) / 2;
  const beforeEffect = effectiveAt - durationMs(policy.reminderBeforeDue);
  return beforeEffect > halfway ? [halfway, beforeEffect] : [halfway];
}

/** Who hears that a termination is coming: the coordinator, the sponsor and every organization (through its point of contact). */
export function noticeRecipients(state: ActivePartnership): Recipient[] {
  const people = [...new Set([state.coordinatorId, state.sponsorId])].map((userId) => ({ userId }));
  return [...people, ...state.organizationIds.map((organizationId) => recipientOf(organizationAssignee(state, organizationId)))];
}

/** The adopted agreement's term: its reminders before the end (longest lead first), then its end. */
function termDeadlines(state: ActivePartnership): Deadline[] {
  const term = state.agreement?.adopted ? state.agreement.content.term : undefined;
  if (!term || !state.termEndsAt || state.termExpired) return [];
  const endsAt = Date.parse(state.termEndsAt);
  const lead = term.remindBefore[state.expiryRemindersSent];
  const list: Deadline[] = [{ at: endsAt, purpose: 'expiry' }];
  if (lead !== undefined) list.push({ at: endsAt - durationMs(lead), purpose: 'expiry_reminder', reminder: state.expiryRemindersSent + 1 });
  return list;
}

/** Who hears that the agreement's term is ending: the coordinator, who decides, and the sponsor. */
export function expiryRecipients(state: ActivePartnership): Recipient[] {
  return [...new Set([state.coordinatorId, state.sponsorId])].map((userId) => ({ userId }));
}

function terminationDeadlines(state: ActivePartnership): Deadline[] {
  const termination = state.termination;
  if (!termination?.effectiveAt || !termination.scheduledAt) return [];
  const effectiveAt = Date.parse(termination.effectiveAt);
  const scheduledAt = Date.parse(termination.scheduledAt);
  const reminder = noticeRemindersAt(scheduledAt, effectiveAt, state.policy)[termination.noticeRemindersSent];
  const list: Deadline[] = [{ at: effectiveAt, purpose: 'termination' }];
  if (reminder !== undefined) list.push({ at: reminder, purpose: 'notice', reminder: termination.noticeRemindersSent + 1 });
  return list;
}

export function deadlines(state: PartnershipState): Deadline[] {
  if (state.status !== 'active' || state.hold || state.stage === 'CLOSED') return [];
  const list: Deadline[] = [...terminationDeadlines(state)];
  list.push(...termDeadlines(state));
  const round = state.signoff;
  if (round?.rule === 'agreement_or_vote' && !round.voting && round.voteAt) list.push({ at: Date.parse(round.voteAt), purpose: 'vote' });
  const levels = escalationSteps(state).length;
  for (const task of state.openTasks) {
    list.push({ at: reminderAt(task, state.policy, task.remindersSent), purpose: 'reminder', taskId: task.id, reminder: task.remindersSent + 1 });
    if (task.escalationLevel < levels) {
      list.push({ at: escalationAt(task, state.policy, task.escalationLevel + 1, holidaysFor(state.holidayCalendars, task.assignee)), purpose: 'escalation', taskId: task.id, level: task.escalationLevel + 1 });
    }
  }
  if (state.stage === 'MEASUREMENT') {
    if (state.nextReviewAt) list.push({ at: Date.parse(state.nextReviewAt), purpose: 'review' });
    if (state.nextPulseAt) list.push({ at: Date.parse(state.nextPulseAt), purpose: 'pulse' });
    // Only a plan in force sets it; histories without a plan never have this timer.
    if (state.nextCheckInAt && state.agreedTerms?.governance.communicationPlan) list.push({ at: Date.parse(state.nextCheckInAt), purpose: 'check_in' });
    // Only runs that report KPIs on their cadence schedule these (histories from before never have them).
    for (const [kpiId, at] of Object.entries(state.nextKpiReportAt ?? {})) list.push({ at: Date.parse(at), purpose: 'kpi_report', kpiId });
  }
  return list.sort((a, b) => a.at - b.at);
}

/** When the workflow must next wake up, in epoch milliseconds, or null when nothing is pending. */
export function nextDeadline(state: PartnershipState): number | null {
  return deadlines(state)[0]?.at ?? null;
}

/** Who hears of an escalation at this level (1-based): the agreed path's step, or the ladder's. */
export function escalationRecipients(state: ActivePartnership, level: number): Recipient[] {
  const steps = escalationSteps(state);
  return steps[Math.min(Math.max(level, 1), steps.length) - 1] ?? [];
}

/** How many reminders of the schedule are due by `now` (missed ones are not sent one by one). */
export function remindersDue(task: OpenTask, policy: ActivePartnership['policy'], now: number): number {
  let count = task.remindersSent;
  while (reminderAt(task, policy, count) <= now) count += 1;
  return count;
}

export function escalationDue(task: OpenTask, policy: ActivePartnership['policy'], now: number, levels: number = ESCALATION_LEVELS, holidays?: ReadonlySet<string>): number {
  let level = task.escalationLevel;
  while (level < levels && escalationAt(task, policy, level + 1, holidays) <= now) level += 1;
  return level;
}
