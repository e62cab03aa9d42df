/**
 * Sending what the outbox holds, outside any command: the delivery workflows' activities (a signed
 * Standard Webhooks POST, an email through SMTP), the dispatcher that starts one workflow per queued
 * message, and the daily digest's schedule.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { WEBHOOK_TIMEOUT_MS, isDelivered } from '@pe/domain';
import type { Logger } from '@pe/observability';
import {
  claimPendingEmails,
  claimPendingWebhooks,
  composeDigests,
  emailToSend,
  markEmailFailed,
  markWebhookFailed,
  recordEmailAttempt,
  recordWebhookAttempt,
  releaseEmailClaim,
  releaseWebhookClaim,
  webhookToSend,
} from '@pe/persistence';
import { DIGEST_SCHEDULE_ID, emailDeliveryWorkflowId, webhookDeliveryWorkflowId, type DeliveryActivities } from '@pe/workflows';

export interface MailSettings {
  /** Unset: nothing is sent, and each email fails saying so. */
  smtpUrl: string | undefined;
  from: string;
}

export function createDeliveryActivities(db: DataSource, mail: MailSettings): DeliveryActivities {
  const transport = mail.smtpUrl ? nodemailer.createTransport(mail.smtpUrl) : null;
  return {
    async postWebhook({ deliveryId, round }) {
      const delivery = await webhookToSend(db, deliveryId);
      // Redelivered meanwhile (a newer round), or already delivered: this round has nothing left to do.
      if (!delivery || delivery.round !== round || delivery.status === 'delivered') return 'skipped';
      const body = JSON.stringify(delivery.payload);
      const sentAt = new Date();
      const signature = new Webhook(delivery.secret).sign(delivery.messageId, sentAt, body);
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      let excerpt: string | null = null;
      try {
        const response = await fetch(delivery.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'PartnershipEngine-Webhooks/1',
            'webhook-id': delivery.messageId,
            'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
            'webhook-signature': signature,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        statusCode = response.status;
        excerpt = (await response.text().catch(() => '')).slice(0, 500);
        if (!isDelivered(response.status)) error = `answered ${response.status}`;
      } catch (cause) {
        error = describe(cause);
      }
      const durationMs = Math.round(performance.now() - started);
      const attempt = Context.current().info.attempt;
      await recordWebhookAttempt(db, { deliveryId, round, attempt, at: sentAt, durationMs, statusCode, error, responseExcerpt: excerpt, delivered: error === null });
      if (error !== null) throw new Error(`Webhook ${delivery.messageId} to ${new URL(delivery.url).origin}: ${error}`);
      return 'delivered';
    },
    async markWebhookFailed({ deliveryId, round }) {
      await markWebhookFailed(db, deliveryId, round);
    },
    async sendEmail({ emailId }) {
      const email = await emailToSend(db, emailId);
      if (!email || email.status !== 'pending') return 'skipped';
      if (!transport) {
        // Retrying cannot help until the worker is configured: the email fails at once, saying why.
        await recordEmailAttempt(db, emailId, { error: 'SMTP_URL is not set: the worker sends no email' });
        throw ApplicationFailure.nonRetryable('SMTP_URL is not set', 'NoSmtpServer');
      }
      try {
        await transport.sendMail({ from: mail.from, to: email.to, subject: email.subject, text: email.text, headers: { 'X-Partnership-Engine-Email': emailId } });
      } catch (cause) {
        await recordEmailAttempt(db, emailId, { error: describe(cause) });
        throw cause;
      }
      await recordEmailAttempt(db, emailId, { sentAt: new Date() });
      return 'sent';
    },
    async markEmailFailed({ emailId }) {
      await markEmailFailed(db, emailId);
    },
    async composeDigests() {
      return composeDigests(db, new Date());
    },
  };
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.message}${inner}`.slice(0, 1000);
  }
  return String(cause).slice(0, 1000);
}

/** How often the dispatcher looks for queued messages when nothing wakes it. */
const SWEEP_EVERY_MS = 1_000;
/** A claim this old whose workflow may never have started is claimed again (starting it twice is harmless). */
const RECLAIM_AFTER_MS = 5 * 60_000;
const CLAIM_BATCH = 50;

/**
 * Starts one delivery workflow per queued message. Each row is claimed first (SKIP LOCKED, so two
 * workers share the work), then its workflow started under an id made from the row: starting it
 * again finds it running and changes nothing. A start that fails releases the claim for the next sweep.
 */
export function startDispatcher(db: DataSource, connection: NativeConnection, options: { namespace: string; taskQueue: string; logger: Logger }): { stop(): Promise<void> } {
  const client = new Client({ connection, namespace: options.namespace });
  let running: Promise<void> | null = null;
  let stopped = false;
  const start = async (workflowType: string, workflowId: string, args: unknown[]) => {
    try {
      await client.workflow.start(workflowType, { taskQueue: options.taskQueue, workflowId, args });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return true;
      options.logger.warn(`deliveries: could not start ${workflowId}: ${describe(error)}`);
      return false;
    }
  };
  const sweep = async () => {
    for (;;) {
      const webhooks = await claimPendingWebhooks(db, CLAIM_BATCH, RECLAIM_AFTER_MS);
      for (const { id, round } of webhooks) {
        const input = { deliveryId: id, round };
        if (!(await start('webhookDeliveryWorkflow', webhookDeliveryWorkflowId(input), [input]))) await releaseWebhookClaim(db, id);
      }
      const emails = await claimPendingEmails(db, CLAIM_BATCH, RECLAIM_AFTER_MS);
      for (const { id } of emails) {
        const input = { emailId: id };
        if (!(await start('emailDeliveryWorkflow', emailDeliveryWorkflowId(input), [input]))) await releaseEmailClaim(db, id);
      }
      if (stopped || (webhooks.length < CLAIM_BATCH && emails.length < CLAIM_BATCH)) return;
    }
  };
  const tick = () => {
    if (running || stopped) return;
    running = sweep()
      .catch((error: unknown) => options.logger.warn(`deliveries: sweep failed, trying again: ${describe(error)}`))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, SWEEP_EVERY_MS);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The daily digest: one Temporal schedule per namespace, at NOTIFICATION_DIGEST_HOUR (UTC). Every
 * worker makes sure it exists and says the configured hour; a missed run (Temporal down at the hour)
 * is caught up once.
 */
export async function ensureDigestSchedule(connection: NativeConnection, options: { namespace: string; taskQueue: string; hourUtc: number }): Promise<void> {
  const client = new Client({ connection, namespace: options.namespace });
  const spec = { calendars: [{ hour: options.hourUtc, minute: 0 }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'notificationDigestWorkflow', taskQueue: options.taskQueue, args: [] };
  try {
    await client.schedule.create({ scheduleId: DIGEST_SCHEDULE_ID, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(DIGEST_SCHEDULE_ID).update((previous) => ({ ...previous, spec }));
  }
}

/** How long a worker waits before it tries again to set up the digest schedule. */
const DIGEST_SCHEDULE_RETRY_MS = 60_000;

/**
 * Sets up the digest schedule without holding the worker back: a Temporal that refuses (or a
 * server without schedules) leaves the digest unsent, said in a warning each minute until it works,
 * while partnerships and immediate deliveries go on.
 */
export function keepDigestSchedule(ensure: () => Promise<void>, logger: Logger): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = () => {
    ensure().catch((error: unknown) => {
      logger.warn(`deliveries: could not set up the daily digest schedule (${describe(error)}); trying again in a minute`);
      if (!stopped) timer = setTimeout(attempt, DIGEST_SCHEDULE_RETRY_MS);
    });
  };
  attempt();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
