/** The delivery workflows' contract: their activities, inputs, ids and the digest schedule's id (the worker imports it). */
export interface DeliveryActivities {
  /** Signs and posts one webhook message, records the attempt; throws unless the receiver answered 2xx. */
  postWebhook(input: WebhookDeliveryInput): Promise<'delivered' | 'skipped'>;
  markWebhookFailed(input: WebhookDeliveryInput): Promise<void>;
  /** Sends one email of the outbox, records the attempt; throws when the SMTP server refuses it or cannot be reached. */
  sendEmail(input: EmailDeliveryInput): Promise<'sent' | 'skipped'>;
  markEmailFailed(input: EmailDeliveryInput): Promise<void>;
  /** Gathers every held notification into one digest email per person; answers how many digests. */
  composeDigests(): Promise<number>;
}

export interface WebhookDeliveryInput {
  deliveryId: string;
  round: number;
}

export interface EmailDeliveryInput {
  emailId: string;
}

export const webhookDeliveryWorkflowId = (input: WebhookDeliveryInput) => `webhook-delivery-${input.deliveryId}-${input.round}`;
export const emailDeliveryWorkflowId = (input: EmailDeliveryInput) => `email-${input.emailId}`;
export const DIGEST_SCHEDULE_ID = 'notification-digest';

