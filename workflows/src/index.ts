export * from './contract.js';
export {
  DIGEST_SCHEDULE_ID,
  emailDeliveryWorkflowId,
  webhookDeliveryWorkflowId,
  type DeliveryActivities,
  type EmailDeliveryInput,
  type WebhookDeliveryInput,
} from './deliveries-contract.js';
