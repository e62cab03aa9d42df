import { Edit, TopToolbar, useRecordContext } from 'react-admin';
import { ActiveChip } from '../directory/ActiveChip';
import { SaveOnlyToolbar } from '../directory/SaveOnlyToolbar';
import { ToggleActiveButton } from '../directory/ToggleActiveButton';
import { OrganizationForm } from './OrganizationForm';
import { toOrganizationBody, type OrganizationRecord } from './organizationModel';

function OrganizationTitle() {
  const organization = useRecordContext<OrganizationRecord>();
  return <>{organization ? organization.name : 'Organization'}</>;
}

function OrganizationEditActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <ActiveChip />
      <ToggleActiveButton consequence="It stays on the partnerships and events that name it, but no new partnership or user can be given it. You can reactivate it later." />
    </TopToolbar>
  );
}

/** Pessimistic, so a taken name (409) comes back under the name field instead of after an undo delay. */
export function OrganizationEdit() {
  return (
    <Edit title={<OrganizationTitle />} actions={<OrganizationEditActions />} mutationMode="pessimistic" redirect="list" transform={toOrganizationBody}>
      <OrganizationForm toolbar={<SaveOnlyToolbar />} />
    </Edit>
  );
}
