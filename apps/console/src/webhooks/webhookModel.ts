/** Webhooks as the console shows them: labels and the shapes the API answers. */
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryStatus, type WebhookEventType } from '@pe/domain';

export interface WebhookRecord {
  id: string;
  organizationId: string;
  organizationName: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  active: boolean;
  pending: number;
  failed: number;
  createdAt: string;
  updatedAt: string;
  /** Only on the one webhook read by id. */
  secret?: string;
}

export interface WebhookAttemptRecord {
  id: string;
  round: number;
  attempt: number;
  attemptedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

export interface WebhookDeliveryRecord {
  id: string;
  webhookId: string;
  eventType: WebhookEventType;
  partnershipId: string;
  partnershipName: string | null;
  eventSequence: number;
  status: WebhookDeliveryStatus;
  round: number;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** Only on the one delivery read by id. */
  messageId?: string;
  attemptLog?: WebhookAttemptRecord[];
}

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'notification.created': 'Every notification (reminders, escalations)',
  'partnership.stage_changed': 'Every stage change',
};

export const eventTypeLabel = (type: WebhookEventType) => EVENT_LABELS[type];
export const eventTypeChoices = WEBHOOK_EVENT_TYPES.map((type) => ({ id: type, name: EVENT_LABELS[type] }));

export const STATUS_COLORS: Record<WebhookDeliveryStatus, 'success' | 'warning' | 'error'> = { delivered: 'success', pending: 'warning', failed: 'error' };

/** One attempt in words: the answer, or what went wrong. */
export function attemptOutcome(attempt: Pick<WebhookAttemptRecord, 'statusCode' | 'error'>): string {
  if (attempt.statusCode !== null && attempt.error === null) return `answered ${attempt.statusCode}`;
  return attempt.error ?? 'no answer';
}

/** A delivery's state in a few words, for the list. */
export function deliverySummary(delivery: Pick<WebhookDeliveryRecord, 'status' | 'attempts' | 'round' | 'lastStatusCode' | 'lastError'>): string {
  const tries = `${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}${delivery.round > 1 ? `, round ${delivery.round}` : ''}`;
  if (delivery.status === 'delivered') return `Delivered (${tries})`;
  const last = delivery.lastError ?? (delivery.lastStatusCode !== null ? `answered ${delivery.lastStatusCode}` : null);
  if (delivery.status === 'failed') return `Failed after ${tries}${last ? `: ${last}` : ''}`;
  return delivery.attempts === 0 ? 'Queued' : `Retrying (${tries}${last ? `; last: ${last}` : ''})`;
}

/** The fields the API takes from the create and edit forms. */
export function toWebhookBody(data: Partial<WebhookRecord>, create: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { url: data.url, description: data.description ?? '', eventTypes: data.eventTypes };
  if (create) body.organizationId = data.organizationId;
  else body.active = data.active;
  return body;
}
