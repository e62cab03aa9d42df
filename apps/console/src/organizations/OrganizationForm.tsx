import { required, SelectInput, SimpleForm, TextInput, type SimpleFormProps } from 'react-admin';
import { organizationKindChoices } from './organizationModel';

/** The fields an admin sets on an organization, shared by create and edit. */
export function OrganizationForm(props: Omit<SimpleFormProps, 'children'>) {
  return (
    <SimpleForm {...props}>
      <TextInput source="name" label="Name" validate={required()} fullWidth />
      <SelectInput source="kind" label="Kind" choices={organizationKindChoices} validate={required()} />
    </SimpleForm>
  );
}
