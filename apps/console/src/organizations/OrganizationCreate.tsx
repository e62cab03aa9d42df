import { Create } from 'react-admin';
import { OrganizationForm } from './OrganizationForm';
import { toOrganizationBody } from './organizationModel';

export function OrganizationCreate() {
  return (
    <Create title="New organization" redirect="list" transform={toOrganizationBody}>
      <OrganizationForm defaultValues={{ kind: 'company' }} />
    </Create>
  );
}
