import { Edit } from 'react-admin';
import { WebhookForm } from './WebhookForm';
import { toWebhookBody, type WebhookRecord } from './webhookModel';

export function WebhookEdit() {
  return (
    <Edit title="Edit webhook" mutationMode="pessimistic" redirect="show" transform={(data: Partial<WebhookRecord>) => toWebhookBody(data, false)}>
      <WebhookForm create={false} />
    </Edit>
  );
}
