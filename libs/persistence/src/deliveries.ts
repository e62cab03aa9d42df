/**
 * Notifications that leave the product: preferences, the email outbox, webhook subscriptions, their
 * deliveries and every attempt. The projector queues (inside the append's transaction, so nothing is
 * queued for an append that rolls back, and nothing is lost for one that commits); the worker claims
 * what is queued and sends it outside any transaction; the API reads and redelivers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_NOTIFICATION_PREFERENCE,
  RESPONSE_EXCERPT_CHARS,
  digestDay,
  digestEmail,
  notificationCreatedMessage,
  notificationEmail,
  routeNotification,
  stageChangedMessage,
  webhookMessageId,
  type CreateWebhookInput,
  type NotificationContent,
  type NotificationPreference,
  type Stage,
  type UpdateWebhookInput,
  type WebhookEventType,
} from '@pe/domain';

type Queryable = Pick<EntityManager, 'query'>;

// --- Preferences ---

export async function notificationPreference(db: Queryable, userId: string): Promise<NotificationPreference & { updatedAt: string | null }> {
  const [row] = (await db.query('SELECT in_app, email, cadence, updated_at FROM notification_preferences WHERE user_id = $1::uuid', [userId])) as {
    in_app: boolean;
    email: boolean;
    cadence: NotificationPreference['cadence'];
    updated_at: Date;
  }[];
  if (!row) return { ...DEFAULT_NOTIFICATION_PREFERENCE, updatedAt: null };
  return { inApp: row.in_app, email: row.email, cadence: row.cadence, updatedAt: row.updated_at.toISOString() };
}

/** Applies to notifications created from now on; those already written keep where they went. */
export async function setNotificationPreference(db: Queryable, userId: string, preference: NotificationPreference, at: Date): Promise<NotificationPreference & { updatedAt: string }> {
  await db.query(
    `INSERT INTO notification_preferences (user_id, in_app, email, cadence, updated_at) VALUES ($1::uuid, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE SET in_app = $2, email = $3, cadence = $4, updated_at = $5`,
    [userId, preference.inApp, preference.email, preference.cadence, at],
  );
  return { ...preference, updatedAt: at.toISOString() };
}

// --- Queuing (called by the projector, inside the append's transaction) ---

export interface NotificationToRoute {
  partnershipId: string;
  partnershipName: string;
  taskId: string | null;
  eventSequence: number;
  kind: 'reminder' | 'escalation';
  message: string;
  at: string;
}

/**
 * Writes one notification per person, each where the person asked: shown in the console or not, an
 * email now or held for the day's digest, and a `notification.created` message for every webhook of
 * the person's organization. A notification already written (a retried append, a rebuild) queues nothing again.
 */
export async function writeNotifications(manager: Queryable, notification: NotificationToRoute, userIds: readonly string[], deliver: boolean): Promise<void> {
  if (userIds.length === 0) return;
  const people = (await manager.query(
    `SELECT u.id, u.name, u.email, u.organization_id, u.deactivated_at IS NULL AS active, p.in_app, p.email AS by_email, p.cadence
     FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id = ANY($1::uuid[])`,
    [userIds],
  )) as { id: string; name: string; email: string; organization_id: string | null; active: boolean; in_app: boolean | null; by_email: boolean | null; cadence: NotificationPreference['cadence'] | null }[];
  const byId = new Map(people.map((person) => [person.id, person]));
  for (const userId of userIds) {
    const person = byId.get(userId);
    const preference: NotificationPreference = person?.in_app == null ? DEFAULT_NOTIFICATION_PREFERENCE : { inApp: person.in_app, email: Boolean(person.by_email), cadence: person.cadence ?? 'immediate' };
    const routing = routeNotification(preference, person?.active ?? false);
    const inserted = (await manager.query(
      `INSERT INTO notifications (user_id, partnership_id, task_id, event_sequence, kind, message, created_at, in_app)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [userId, notification.partnershipId, notification.taskId, notification.eventSequence, notification.kind, notification.message, notification.at, routing.inApp],
    )) as { id: string }[];
    if (inserted.length === 0 || !person || !deliver) continue;
    if (routing.email !== 'none') {
      const content: NotificationContent = { kind: notification.kind, message: notification.message, partnershipName: notification.partnershipName, createdAt: notification.at };
      const email = notificationEmail(content);
      await manager.query(
        `INSERT INTO email_outbox (user_id, to_address, kind, partnership_id, event_sequence, content, subject, body, status, created_at)
         VALUES ($1, $2, 'notification', $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [userId, person.email, notification.partnershipId, notification.eventSequence, JSON.stringify(content), email.subject, email.text, routing.email === 'now' ? 'pending' : 'held', notification.at],
      );
    }
    if (person.organization_id) {
      const message = notificationCreatedMessage(notification.at, {
        partnershipId: notification.partnershipId,
        partnershipName: notification.partnershipName,
        eventSequence: notification.eventSequence,
        taskId: notification.taskId,
        kind: notification.kind,
        message: notification.message,
        recipient: { userId, name: person.name, organizationId: person.organization_id },
      });
      await queueWebhookMessages(manager, [person.organization_id], message.type, notification, userId, message);
    }
  }
}

export interface StageChange {
  partnershipId: string;
  partnershipName: string;
  eventSequence: number;
  eventType: string;
  from: Stage;
  to: Stage;
  at: string;
  organizationIds: readonly string[];
}

/** A `partnership.stage_changed` message for every webhook of every organization in the partnership. */
export async function queueStageChange(manager: Queryable, change: StageChange): Promise<void> {
  const message = stageChangedMessage(change.at, {
    partnershipId: change.partnershipId,
    partnershipName: change.partnershipName,
    eventSequence: change.eventSequence,
    eventType: change.eventType,
    from: change.from,
    to: change.to,
  });
  await queueWebhookMessages(manager, change.organizationIds, message.type, change, null, message);
}

async function queueWebhookMessages(
  manager: Queryable,
  organizationIds: readonly string[],
  type: WebhookEventType,
  source: { partnershipId: string; eventSequence: number; at: string },
  recipientUserId: string | null,
  payload: unknown,
): Promise<void> {
  if (organizationIds.length === 0) return;
  await manager.query(
    `INSERT INTO webhook_deliveries (id, subscription_id, event_type, partnership_id, event_sequence, recipient_user_id, payload, status, created_at)
     SELECT gen_random_uuid(), s.id, $2, $3, $4, $5, $6, 'pending', $7
     FROM webhook_subscriptions s WHERE s.organization_id = ANY($1::uuid[]) AND s.active AND $2 = ANY(s.event_types)
     ON CONFLICT DO NOTHING`,
    [organizationIds, type, source.partnershipId, source.eventSequence, recipientUserId, JSON.stringify(payload), source.at],
  );
}

// --- Claiming (the worker's dispatcher) ---

/**
 * Claims what is queued and not yet handed to a delivery workflow, or was handed over long enough
 * ago that the hand-over may have been lost (the workflow's id makes a second start harmless).
 * SKIP LOCKED: two workers never claim the same row at once.
 */
export async function claimPendingWebhooks(db: DataSource, limit: number, staleAfterMs: number): Promise<{ id: string; round: number }[]> {
  const [rows] = (await db.query(
    `UPDATE webhook_deliveries SET dispatched_at = now() WHERE id IN (
       SELECT id FROM webhook_deliveries WHERE status = 'pending' AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $2::double precision / 1000))
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, round`,
    [limit, staleAfterMs],
  )) as [{ id: string; round: number }[], number];
  return rows;
}

export async function claimPendingEmails(db: DataSource, limit: number, staleAfterMs: number): Promise<{ id: string }[]> {
  const [rows] = (await db.query(
    `UPDATE email_outbox SET dispatched_at = now() WHERE id IN (
       SELECT id FROM email_outbox WHERE status = 'pending' AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $2::double precision / 1000))
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id::text`,
    [limit, staleAfterMs],
  )) as [{ id: string }[], number];
  return rows;
}

/** A claim whose workflow could not be started is released at once, for the next sweep. */
export async function releaseWebhookClaim(db: DataSource, id: string): Promise<void> {
  await db.query('UPDATE webhook_deliveries SET dispatched_at = NULL WHERE id = $1', [id]);
}
export async function releaseEmailClaim(db: DataSource, id: string): Promise<void> {
  await db.query('UPDATE email_outbox SET dispatched_at = NULL WHERE id = $1', [id]);
}

// --- Sending (the worker's activities) ---

export interface WebhookToSend {
  id: string;
  messageId: string;
  url: string;
  secret: string;
  payload: unknown;
  status: 'pending' | 'delivered' | 'failed';
  round: number;
}

export async function webhookToSend(db: DataSource, id: string): Promise<WebhookToSend | null> {
  const [row] = (await db.query(
    `SELECT d.id, d.payload, d.status, d.round, s.url, s.secret FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = $1`,
    [id],
  )) as { id: string; payload: unknown; status: WebhookToSend['status']; round: number; url: string; secret: string }[];
  return row ? { id: row.id, messageId: webhookMessageId(row.id), url: row.url, secret: row.secret, payload: row.payload, status: row.status, round: row.round } : null;
}

export interface WebhookAttempt {
  deliveryId: string;
  round: number;
  attempt: number;
  at: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  delivered: boolean;
}

/** Every attempt is logged; the delivery carries the latest outcome, and is delivered once one attempt is. */
export async function recordWebhookAttempt(db: DataSource, attempt: WebhookAttempt): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO webhook_attempts (delivery_id, round, attempt, attempted_at, duration_ms, status_code, error, response_excerpt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [attempt.deliveryId, attempt.round, attempt.attempt, attempt.at, attempt.durationMs, attempt.statusCode, attempt.error, attempt.responseExcerpt?.slice(0, RESPONSE_EXCERPT_CHARS) ?? null],
    );
    await manager.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
         status = CASE WHEN $4 THEN 'delivered' ELSE status END, delivered_at = CASE WHEN $4 THEN $5 ELSE delivered_at END
       WHERE id = $1`,
      [attempt.deliveryId, attempt.statusCode, attempt.error, attempt.delivered, attempt.at],
    );
  });
}

/** Every retry of a round failed: the delivery stays failed until someone redelivers it. */
export async function markWebhookFailed(db: DataSource, id: string, round: number): Promise<void> {
  await db.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND round = $2 AND status = 'pending'`, [id, round]);
}

export interface EmailToSend {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: 'pending' | 'sent' | 'failed' | 'held' | 'digested';
}

export async function emailToSend(db: DataSource, id: string): Promise<EmailToSend | null> {
  const [row] = (await db.query('SELECT id::text, to_address, subject, body, status FROM email_outbox WHERE id = $1', [id])) as {
    id: string;
    to_address: string;
    subject: string;
    body: string;
    status: EmailToSend['status'];
  }[];
  return row ? { id: row.id, to: row.to_address, subject: row.subject, text: row.body, status: row.status } : null;
}

export async function recordEmailAttempt(db: DataSource, id: string, outcome: { sentAt: Date } | { error: string }): Promise<void> {
  if ('sentAt' in outcome) {
    await db.query(`UPDATE email_outbox SET attempts = attempts + 1, status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`, [id, outcome.sentAt]);
  } else {
    await db.query('UPDATE email_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [id, outcome.error.slice(0, 1000)]);
  }
}

export async function markEmailFailed(db: DataSource, id: string): Promise<void> {
  await db.query(`UPDATE email_outbox SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [id]);
}

/**
 * Gathers every person's held notifications into one digest email each (pending, for the
 * dispatcher), in one transaction: a held notification goes into exactly one digest.
 */
export async function composeDigests(db: DataSource, at: Date): Promise<number> {
  return db.transaction(async (manager) => {
    const held = (await manager.query(
      `SELECT id, user_id, to_address, content FROM email_outbox WHERE status = 'held' ORDER BY user_id, created_at FOR UPDATE SKIP LOCKED`,
    )) as { id: string; user_id: string; to_address: string; content: NotificationContent }[];
    const byUser = new Map<string, typeof held>();
    for (const row of held) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    for (const [userId, rows] of byUser) {
      const email = digestEmail(digestDay(at), rows.map((row) => row.content));
      const [digest] = (await manager.query(
        `INSERT INTO email_outbox (user_id, to_address, kind, content, subject, body, status, created_at)
         VALUES ($1, $2, 'digest', $3, $4, $5, 'pending', $6) RETURNING id`,
        [userId, rows.at(-1)!.to_address, JSON.stringify({ count: rows.length }), email.subject, email.text, at],
      )) as { id: string }[];
      await manager.query(`UPDATE email_outbox SET status = 'digested', digest_id = $2 WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id), digest!.id]);
    }
    return byUser.size;
  });
}

// --- Administration (the API) ---

export interface WebhookSubscription {
  id: string;
  organizationId: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  active: boolean;
  secret: string;
  createdAt: string;
  updatedAt: string;
}

/** A Standard Webhooks signing secret: whsec_ and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export async function createWebhook(db: DataSource, input: CreateWebhookInput, at: Date): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO webhook_subscriptions (id, organization_id, url, description, event_types, secret, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, true, $7, $7)`,
    [id, input.organizationId, input.url, input.description, input.eventTypes, newWebhookSecret(), at],
  );
  return id;
}

/** Answers false when there is no such subscription. */
export async function updateWebhook(db: DataSource, id: string, change: UpdateWebhookInput, at: Date): Promise<boolean> {
  const [, affected] = (await db.query(
    `UPDATE webhook_subscriptions SET url = COALESCE($2, url), description = COALESCE($3, description), event_types = COALESCE($4, event_types),
       active = COALESCE($5, active), updated_at = $6 WHERE id = $1`,
    [id, change.url ?? null, change.description ?? null, change.eventTypes ?? null, change.active ?? null, at],
  )) as [unknown, number];
  return affected > 0;
}

/** A webhook's signing secret, which only an admin reads (the list leaves it out). */
export async function webhookSecret(db: DataSource, id: string): Promise<string | null> {
  const [row] = (await db.query('SELECT secret FROM webhook_subscriptions WHERE id = $1', [id])) as { secret: string }[];
  return row?.secret ?? null;
}

/** A new secret: the old one signs nothing more. */
export async function rotateWebhookSecret(db: DataSource, id: string, at: Date): Promise<boolean> {
  const [, affected] = (await db.query('UPDATE webhook_subscriptions SET secret = $2, updated_at = $3 WHERE id = $1', [id, newWebhookSecret(), at])) as [unknown, number];
  return affected > 0;
}

export type RedeliveryOutcome = 'queued' | 'not-found';

/**
 * Sends a delivery again, whatever became of it: a new round of attempts, with the same webhook-id
 * (so a receiver that already has it can tell). The worker's dispatcher picks it up.
 */
export async function redeliverWebhook(db: DataSource, id: string): Promise<RedeliveryOutcome> {
  const [, affected] = (await db.query(
    `UPDATE webhook_deliveries SET status = 'pending', round = round + 1, dispatched_at = NULL, delivered_at = NULL WHERE id = $1`,
    [id],
  )) as [unknown, number];
  return affected > 0 ? 'queued' : 'not-found';
}

export async function webhookAttempts(db: DataSource, deliveryId: string): Promise<
  { id: string; round: number; attempt: number; attemptedAt: string; durationMs: number; statusCode: number | null; error: string | null; responseExcerpt: string | null }[]
> {
  const rows = (await db.query(
    `SELECT id::text, round, attempt, attempted_at, duration_ms, status_code, error, response_excerpt FROM webhook_attempts WHERE delivery_id = $1 ORDER BY round, attempt, id`,
    [deliveryId],
  )) as { id: string; round: number; attempt: number; attempted_at: Date; duration_ms: number; status_code: number | null; error: string | null; response_excerpt: string | null }[];
  return rows.map((row) => ({
    id: row.id,
    round: row.round,
    attempt: row.attempt,
    attemptedAt: row.attempted_at.toISOString(),
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  }));
}
