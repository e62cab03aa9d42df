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
