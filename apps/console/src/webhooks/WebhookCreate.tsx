import { Create } from 'react-admin';
import { WEBHOOK_EVENT_TYPES } from '@pe/domain';
import { WebhookForm } from './WebhookForm';
import { toWebhookBody, type WebhookRecord } from './webhookModel';

/** After creating, the webhook's page shows its signing secret for the receiver. */
export function WebhookCreate() {
  return (
    <Create title="New webhook" redirect="show" transform={(data: Partial<WebhookRecord>) => toWebhookBody(data, true)}>
      <WebhookForm create defaultValues={{ eventTypes: [...WEBHOOK_EVENT_TYPES] }} />
    </Create>
  );
}
