/** An in-app notification: a reminder or an escalation raised by a partnership's timers. */
import type { RaRecord } from 'react-admin';

export type NotificationKind = 'reminder' | 'escalation';

export interface NotificationRecord extends RaRecord<string> {
  userId: string;
  partnershipId: string | null;
  taskId: string | null;
  kind: NotificationKind;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export const kindChoices: { id: NotificationKind; name: string }[] = [
  { id: 'reminder', name: 'Reminder' },
  { id: 'escalation', name: 'Escalation' },
];

export function kindLabel(kind: string): string {
  return kindChoices.find((choice) => choice.id === kind)?.name ?? kind;
}

/** What POST /api/notifications/read takes: some of the caller's notifications, or all of them. */
export type MarkReadTarget = { ids: string[] } | { all: true };

/** The filter that counts what the person has not read yet. */
export const UNREAD_FILTER = { unread: true } as const;

/** How often the inbox, the notifications and their count are fetched again. */
export const POLL_MS = 15_000;

export const isUnread = (notification: Pick<NotificationRecord, 'readAt'>) => notification.readAt === null;

/** "9+" rather than a number that does not fit the badge. */
export function unreadBadge(count: number | undefined): string | null {
  if (!count) return null;
  return count > 9 ? '9+' : String(count);
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g;

/**
 * A notification's text with the instants it quotes (stored as ISO-8601 UTC) in the reader's
 * locale and time zone: "due 2026-12-01T00:34:58.256Z" reads "due 12/1/2026, 1:34:58 AM" in Berlin.
 */
export function localizeInstants(message: string, format: (date: Date) => string = (date) => date.toLocaleString()): string {
  return message.replace(ISO_INSTANT, (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format(date);
  });
}
