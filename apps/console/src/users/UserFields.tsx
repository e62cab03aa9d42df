import { ReferenceInput, required, SelectInput, TextInput } from 'react-admin';
import { roleChoices, validateOrganization } from './userModel';

/** Organizations are few (one per partner): offer them all in one page, active ones only. */
const ORGANIZATION_PAGE = 200;

/** Name, role and organization: the fields both the create and the edit form set. */
export function UserFields({ ownAccount = false }: { ownAccount?: boolean }) {
  return (
    <>
      <TextInput source="name" label="Name" validate={required()} fullWidth />
      <SelectInput
        source="role"
        label="Role"
        choices={roleChoices}
        validate={required()}
        readOnly={ownAccount}
        helperText={ownAccount ? 'Your own role is changed by another admin' : false}
      />
      <ReferenceInput
        source="organizationId"
        reference="organizations"
        filter={{ active: true }}
        sort={{ field: 'name', order: 'ASC' }}
        perPage={ORGANIZATION_PAGE}
      >
        <SelectInput
          label="Organization"
          optionText="name"
          emptyText="No organization"
          validate={validateOrganization}
          helperText="Partners act for one; admins and auditors for none"
        />
      </ReferenceInput>
    </>
  );
}
