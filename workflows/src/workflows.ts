/** The worker's workflowsPath entry: every workflow this project registers. */
export { partnershipWorkflow } from './partnership.workflow.js';
export { emailDeliveryWorkflow, notificationDigestWorkflow, webhookDeliveryWorkflow } from './deliveries.workflow.js';
