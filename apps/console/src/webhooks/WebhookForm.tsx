import { AutocompleteInput, BooleanInput, CheckboxGroupInput, ReferenceInput, SimpleForm, TextInput, required, type SimpleFormProps } from 'react-admin';
import { eventTypeChoices } from './webhookModel';

/** The URL, a description and what to send; on create also the organization, on edit whether it is active. */
export function WebhookForm({ create, ...props }: Omit<SimpleFormProps, 'children'> & { create: boolean }) {
  return (
    <SimpleForm {...props}>
      {create && (
        <ReferenceInput source="organizationId" reference="organizations" filter={{ active: true }}>
          <AutocompleteInput label="Organization" optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
      )}
      <TextInput source="url" label="URL" type="url" validate={required()} fullWidth helperText="Where each message is POSTed, such as https://hooks.example.org/partnerships" />
      <TextInput source="description" fullWidth helperText={false} />
      <CheckboxGroupInput source="eventTypes" label="Send" choices={eventTypeChoices} row={false} validate={required('Choose at least one')} />
      {!create && <BooleanInput source="active" helperText="Paused: no new messages are queued (those queued are still sent)" />}
    </SimpleForm>
  );
}
