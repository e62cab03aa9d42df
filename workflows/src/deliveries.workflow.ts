/**
 * Deliveries that leave the product: one small workflow per email and per webhook message (round),
 * apart from the partnership's workflow, so a receiver that is slow, down or refusing never holds a
 * command or a timer. Temporal retries the send with backoff (WEBHOOK_RETRY); when every attempt of
 * a round has failed the delivery is marked failed, and an admin may redeliver it (a new round).
 * The worker's dispatcher starts them from the outbox the append's transaction wrote.
 */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import { WEBHOOK_RETRY, WEBHOOK_TIMEOUT_MS } from '@pe/domain';
import type { DeliveryActivities, EmailDeliveryInput, WebhookDeliveryInput } from './deliveries-contract.js';

const retry = {
  initialInterval: WEBHOOK_RETRY.initialIntervalMs,
  backoffCoefficient: WEBHOOK_RETRY.backoffCoefficient,
  maximumInterval: WEBHOOK_RETRY.maximumIntervalMs,
  maximumAttempts: WEBHOOK_RETRY.maximumAttempts,
};

const { postWebhook, sendEmail } = proxyActivities<DeliveryActivities>({ startToCloseTimeout: WEBHOOK_TIMEOUT_MS + 5_000, retry });
const { markWebhookFailed, markEmailFailed, composeDigests } = proxyActivities<DeliveryActivities>({ startToCloseTimeout: '30 seconds' });

export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<string> {
  try {
    return await postWebhook(input);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await markWebhookFailed(input);
    return 'failed';
  }
}

export async function emailDeliveryWorkflow(input: EmailDeliveryInput): Promise<string> {
  try {
    return await sendEmail(input);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    await markEmailFailed(input);
    return 'failed';
  }
}

/** Run once a day by the digest schedule; the digests it writes are sent like any other email. */
export async function notificationDigestWorkflow(): Promise<number> {
  return composeDigests();
}
