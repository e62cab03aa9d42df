import WebhookIcon from '@mui/icons-material/Webhook';
import { WebhookCreate } from './WebhookCreate';
import { WebhookEdit } from './WebhookEdit';
import { WebhookList } from './WebhookList';
import { WebhookShow } from './WebhookShow';
import type { WebhookRecord } from './webhookModel';

/** Organizations' webhooks, for admins; other roles have no screen here. */
export default {
  list: WebhookList,
  create: WebhookCreate,
  edit: WebhookEdit,
  show: WebhookShow,
  icon: WebhookIcon,
  options: { label: 'Webhooks' },
  recordRepresentation: (record: WebhookRecord) => `${record.organizationName}: ${record.url}`,
};
