import type { EmailStatus } from '@pe/domain';

export interface SentEmailRecord {
  id: string;
  userId: string;
  userName: string | null;
  to: string;
  kind: 'notification' | 'digest';
  partnershipId: string | null;
  partnershipName: string | null;
  subject: string;
  body: string;
  status: EmailStatus;
  digestId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const LABELS: Record<EmailStatus, string> = { pending: 'Sending', sent: 'Sent', failed: 'Failed', held: 'Held for digest', digested: 'In a digest' };
export const emailStatusLabel = (status: EmailStatus) => LABELS[status];
/** A pending email that has already failed once is being retried, not merely on its way. */
export const emailStateLabel = (email: Pick<SentEmailRecord, 'status' | 'attempts'>) => (email.status === 'pending' && email.attempts > 0 ? 'Retrying' : LABELS[email.status]);
export const EMAIL_STATUS_COLORS: Record<EmailStatus, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  pending: 'warning',
  sent: 'success',
  failed: 'error',
  held: 'info',
  digested: 'default',
};
