import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { AutocompleteInput, CreateButton, Datagrid, DateField, FunctionField, List, NullableBooleanInput, ReferenceInput, SimpleList, TextField, TopToolbar } from 'react-admin';
import { eventTypeLabel, type WebhookRecord } from './webhookModel';

const filters = [
  <ReferenceInput key="organizationId" source="organizationId" reference="organizations" alwaysOn>
    <AutocompleteInput label="Organization" optionText="name" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <NullableBooleanInput key="active" source="active" label="Active" />,
];

function Health({ webhook }: { webhook: WebhookRecord }) {
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {!webhook.active && <Chip size="small" label="Paused" />}
      {webhook.failed > 0 && <Chip size="small" color="error" label={`${webhook.failed} failed`} />}
      {webhook.pending > 0 && <Chip size="small" color="warning" label={`${webhook.pending} pending`} />}
      {webhook.active && webhook.failed === 0 && webhook.pending === 0 && <Chip size="small" color="success" label="OK" />}
    </Stack>
  );
}

/** Admins only (see App): every organization's webhooks; a row opens the webhook with its delivery log. */
export function WebhookList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List
      perPage={25}
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton label="New webhook" />
        </TopToolbar>
      }
    >
      {small ? (
        <SimpleList<WebhookRecord>
          primaryText={(webhook) => webhook.organizationName}
          secondaryText={(webhook) => <span style={{ overflowWrap: 'anywhere' }}>{webhook.url}</span>}
          tertiaryText={(webhook) => <Health webhook={webhook} />}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="organizationName" label="Organization" />
          <FunctionField<WebhookRecord> label="URL" sortBy="url" render={(webhook) => <span style={{ overflowWrap: 'anywhere' }}>{webhook.url}</span>} />
          <FunctionField<WebhookRecord> label="Sends" sortable={false} render={(webhook) => webhook.eventTypes.map(eventTypeLabel).join('; ')} />
          <FunctionField<WebhookRecord> label="Deliveries" sortable={false} render={(webhook) => <Health webhook={webhook} />} />
          <DateField source="createdAt" label="Registered" />
        </Datagrid>
      )}
    </List>
  );
}
