/**
 * How notifications leave the product: each person's choice of channels and cadence, the emails
 * written for them, and the Standard Webhooks messages an organization's subscriptions receive.
 * Pure: the projector, the worker, the API and the console all read these, none of them decides
 * them again.
 */
import { z } from 'zod';
import type { Stage } from './model.js';

/** How a person wants to hear: inside the console, by email, or both; emails one by one or as one a day. */
export const NOTIFICATION_CADENCES = ['immediate', 'daily'] as const;
export type NotificationCadence = (typeof NOTIFICATION_CADENCES)[number];

export const notificationPreferenceSchema = z
  .strictObject({
    inApp: z.boolean(),
    email: z.boolean(),
    cadence: z.enum(NOTIFICATION_CADENCES),
  })
  .refine((preference) => preference.inApp || preference.email, {
    message: 'choose at least one channel: in the console, by email, or both',
    path: ['inApp'],
  });
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

/** Until a person chooses, notifications stay where they always were: in the console, at once. */
export const DEFAULT_NOTIFICATION_PREFERENCE: NotificationPreference = { inApp: true, email: false, cadence: 'immediate' };

/** What becomes of one notification for a person: shown in the console or not, and whether an email is sent now, held for the digest, or not at all. */
export interface NotificationRouting {
  inApp: boolean;
  email: 'now' | 'digest' | 'none';
}

/** A deactivated person is mailed nothing, whatever they once chose. */
export function routeNotification(preference: NotificationPreference, active: boolean): NotificationRouting {
  const email = !active || !preference.email ? 'none' : preference.cadence === 'daily' ? 'digest' : 'now';
  return { inApp: preference.inApp, email };
}

/** What a notification says, as the projector wrote it. */
export interface NotificationContent {
  kind: 'reminder' | 'escalation';
  message: string;
  partnershipName: string;
  createdAt: string;
}

export interface EmailContent {
  subject: string;
  text: string;
}

const PRODUCT = 'Partnership Engine';
const kindLabel = (kind: NotificationContent['kind']) => (kind === 'escalation' ? 'Escalation' : 'Reminder');

/** One notification, one email. The subject names the partnership, so an inbox can be scanned. */
export function notificationEmail(notification: NotificationContent): EmailContent {
  return {
    subject: `[${PRODUCT}] ${kindLabel(notification.kind)} — ${oneLine(notification.partnershipName, 120)}`,
    text: [
      notification.message,
      '',
      `Partnership: ${notification.partnershipName}`,
      `When: ${notification.createdAt}`,
      '',
      `You receive this email because your notification settings in ${PRODUCT} ask for email at once. Change them under "My notifications".`,
    ].join('\n'),
  };
}

/** Every notification a person's day gathered, oldest first, in one email. */
export function digestEmail(day: string, notifications: readonly NotificationContent[]): EmailContent {
  const ordered = [...notifications].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const count = ordered.length;
  return {
    subject: `[${PRODUCT}] Your daily digest for ${day}: ${count} notification${count === 1 ? '' : 's'}`,
    text: [
      `${count} notification${count === 1 ? '' : 's'} since your last digest:`,
      '',
      ...ordered.map((item) => `- ${item.createdAt} · ${oneLine(item.partnershipName, 200)} · ${kindLabel(item.kind)}: ${oneLine(item.message, 1000)}`),
      '',
      `You receive one email a day because your notification settings in ${PRODUCT} ask for a daily digest. Change them under "My notifications".`,
    ].join('\n'),
  };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The hour (UTC) the daily digest goes out: the day a digest covers is the UTC date it is sent on. */
export function digestDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

// --- Webhooks (Standard Webhooks: https://www.standardwebhooks.com) ---

/** What an organization may subscribe to. */
export const WEBHOOK_EVENT_TYPES = ['notification.created', 'partnership.stage_changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/(?:[^\s/?#@:[\]]+|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?(?:[/?#]\S*)?$/, 'must be an http(s) URL without credentials in it, such as https://hooks.example.org/partnerships');

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, 'choose at least one event type')
  .transform((types) => [...new Set(types)]);

export const createWebhookSchema = z.strictObject({
  organizationId: z.uuid(),
  url: webhookUrl,
  description: z.string().trim().max(200).default(''),
  eventTypes: eventTypes.default([...WEBHOOK_EVENT_TYPES]),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    url: webhookUrl.optional(),
    description: z.string().trim().max(200).optional(),
    eventTypes: eventTypes.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'change at least one field', path: ['url'] });
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

/** Filters of the delivery log. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export const webhookDeliveryFilterSchema = z.strictObject({
  webhookId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES).optional(),
});

export const EMAIL_STATUSES = ['held', 'digested', 'pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export const sentEmailFilterSchema = z.strictObject({
  status: z.enum(EMAIL_STATUSES).optional(),
  kind: z.enum(['notification', 'digest']).optional(),
  userId: z.uuid().optional(),
  q: z.string().max(200).optional(),
});

/** The body of a Standard Webhooks message: `type`, `timestamp` (of what happened) and `data`. */
export interface WebhookMessage<T extends WebhookEventType = WebhookEventType> {
  type: T;
  timestamp: string;
  data: T extends 'notification.created' ? NotificationCreatedData : StageChangedData;
}

export interface NotificationCreatedData {
  partnershipId: string;
  partnershipName: string;
  eventSequence: number;
  taskId: string | null;
  kind: 'reminder' | 'escalation';
  message: string;
  recipient: { userId: string; name: string; organizationId: string | null };
}

export interface StageChangedData {
  partnershipId: string;
  partnershipName: string;
  eventSequence: number;
  eventType: string;
  from: Stage;
  to: Stage;
}

export function notificationCreatedMessage(at: string, data: NotificationCreatedData): WebhookMessage<'notification.created'> {
  return { type: 'notification.created', timestamp: at, data };
}

export function stageChangedMessage(at: string, data: StageChangedData): WebhookMessage<'partnership.stage_changed'> {
  return { type: 'partnership.stage_changed', timestamp: at, data };
}

/** The webhook-id of a delivery: the same on every attempt and on a manual redelivery, so a receiver can drop a duplicate. */
export function webhookMessageId(deliveryId: string): string {
  return `msg_${deliveryId.replace(/-/g, '')}`;
}

/**
 * Retries of one delivery (a Temporal retry policy): the first again after 5 s, then twice as long
 * each time up to an hour, eight attempts in all (about 2 h 10 min from the first to the last).
 * An answer 2xx delivers; any other answer, a timeout or a refused connection is retried.
 */
export const WEBHOOK_RETRY = { initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 3_600_000, maximumAttempts: 8 } as const;
/** How long a receiver has to answer one attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** When each retry of a delivery falls, after the attempt before it (ms): what WEBHOOK_RETRY means, for the docs and the console. */
export function retryDelays(policy: { initialIntervalMs: number; backoffCoefficient: number; maximumIntervalMs: number; maximumAttempts: number } = WEBHOOK_RETRY): number[] {
  return Array.from({ length: policy.maximumAttempts - 1 }, (_, index) => Math.min(policy.initialIntervalMs * policy.backoffCoefficient ** index, policy.maximumIntervalMs));
}

/** A 2xx answer delivers; anything else is tried again. */
export function isDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The start of a receiver's answer kept in the delivery log: enough to see why, never a whole page. */
export const RESPONSE_EXCERPT_CHARS = 500;
