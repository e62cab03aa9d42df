/**
 * The deadline ledger (GET /api/deadlines) as the console reads it: labels for each timer, whom it
 * chases in names, when in the person's words, and the MoveDueDate command from the move dialog.
 */
import { instantOfInput } from '../localTime';
import { DEADLINE_PURPOSES, millisecondsInWords, type DeadlinePurpose, type LedgerEntry, type Recipient } from '@pe/domain';
import type { RaRecord } from 'react-admin';
import type { PartnershipCommand } from '../partnerships/partnershipModel';
import { asRole } from '../roles';

export type DeadlineRecord = LedgerEntry & RaRecord<string>;

export const PURPOSE_LABELS: Record<DeadlinePurpose, string> = {
  reminder: 'Reminder',
  escalation: 'Escalation',
  review: 'Review cycle',
  pulse: 'Health pulse',
  notice: 'Notice reminder',
  vote: 'Vote falls due',
  expiry_reminder: 'Agreement expiry reminder',
  expiry: 'Agreement term ends',
  check_in: 'Check-in falls due',
  kpi_report: 'KPI report falls due',
  termination: 'Termination takes effect',
};

export const purposeChoices = DEADLINE_PURPOSES.map((purpose) => ({ id: purpose, name: PURPOSE_LABELS[purpose] }));

/** "Reminder 2", "Escalation (level 2)", "Review cycle opens"; whom an escalation reaches (the agreed path or the ladder) is the entry's recipients. */
export function deadlineLabel(entry: Pick<LedgerEntry, 'purpose' | 'level' | 'reminder'>): string {
  switch (entry.purpose) {
    case 'reminder':
      return entry.reminder ? `Reminder ${entry.reminder}` : 'Reminder';
    case 'escalation':
      return entry.level ? `Escalation (level ${entry.level})` : 'Escalation';
    case 'review':
      return 'Review cycle opens';
    case 'pulse':
      return 'Health pulse opens';
    case 'notice':
      return entry.reminder ? `Termination notice reminder ${entry.reminder}` : 'Termination notice reminder';
    case 'vote':
      return 'Sign-off falls to a vote';
    case 'expiry_reminder':
      return entry.reminder ? `Agreement expiry reminder ${entry.reminder}` : 'Agreement expiry reminder';
    case 'expiry':
      return 'The agreement’s term ends';
    case 'check_in':
      return 'Check-in falls due';
    case 'kpi_report':
      return 'KPI report falls due (between reviews)';
    case 'termination':
      return 'Termination takes effect';
  }
}

/** "in 3 days", "2 hours ago": a moment relative to now, in words. */
export function relativeWhen(iso: string | null, now: Date): string {
  if (!iso) return '—';
  const diff = Date.parse(iso) - now.getTime();
  if (Number.isNaN(diff)) return '—';
  return diff >= 0 ? `in ${millisecondsInWords(diff)}` : `${millisecondsInWords(-diff)} ago`;
}

export interface RecipientIds {
  userIds: string[];
  organizationIds: string[];
}

/** The people and organizations the listed timers reach, each once, to look their names up in one go. */
export function recipientIds(entries: readonly Pick<LedgerEntry, 'recipients'>[]): RecipientIds {
  const users = new Set<string>();
  const organizations = new Set<string>();
  for (const entry of entries) {
    for (const recipient of entry.recipients) {
      if ('userId' in recipient) users.add(recipient.userId);
      else organizations.add(recipient.organizationId);
    }
  }
  return { userIds: [...users], organizationIds: [...organizations] };
}

/** "Sam Sponsor, Northwind Foundation's representatives"; nobody for a cycle that opens by itself. */
export function chasesLabel(recipients: readonly Recipient[], names: { user: (id: string) => string | undefined; organization: (id: string) => string | undefined }): string {
  if (recipients.length === 0) return 'Nobody (it opens new tasks)';
  return recipients
    .map((recipient) =>
      'userId' in recipient ? (names.user(recipient.userId) ?? 'a person') : `${names.organization(recipient.organizationId) ?? 'an organization'}’s representatives`,
    )
    .join(', ');
}

/** Only a coordinator (or an admin) moves due dates, and only timers that belong to a task have one. */
export function canMoveDueDate(permissions: unknown, entry: Pick<LedgerEntry, 'taskId'>): boolean {
  const role = asRole(permissions);
  return (role === 'coordinator' || role === 'admin') && entry.taskId !== null;
}

export interface MoveDueDateValues {
  dueAt?: unknown;
}

export type MoveDueDateCommand = Extract<PartnershipCommand, { type: 'MoveDueDate' }>;

/** The command from the dialog's date-time value (a Date or the input's local "YYYY-MM-DDTHH:mm"). */
export function toMoveDueDateCommand(taskId: string, values: MoveDueDateValues): { command: MoveDueDateCommand } | { errors: { dueAt: string } } {
  const dueAt = instantOfInput(values.dueAt);
  if (!dueAt) return { errors: { dueAt: 'Choose the new due date and time' } };
  return { command: { type: 'MoveDueDate', taskId, dueAt } };
}

