import WebhookIcon from '@mui/icons-material/Webhook';
import Button from '@mui/material/Button';
import { Edit, Link, TopToolbar, useRecordContext } from 'react-admin';
import { ActiveChip } from '../directory/ActiveChip';
import { SaveOnlyToolbar } from '../directory/SaveOnlyToolbar';
import { ToggleActiveButton } from '../directory/ToggleActiveButton';
import { MissionSection } from './MissionSection';
import { OrganizationForm } from './OrganizationForm';
import { toOrganizationBody, type OrganizationRecord } from './organizationModel';

function OrganizationTitle() {
  const organization = useRecordContext<OrganizationRecord>();
  return <>{organization ? organization.name : 'Organization'}</>;
}

/** The organization's webhooks: the list, filtered to it. */
function WebhooksButton() {
  const organization = useRecordContext<OrganizationRecord>();
  if (!organization) return null;
  const filter = encodeURIComponent(JSON.stringify({ organizationId: organization.id }));
  return (
    <Button size="small" component={Link} to={`/webhooks?filter=${filter}`} startIcon={<WebhookIcon />}>
      Webhooks
    </Button>
  );
}

function OrganizationEditActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <WebhooksButton />
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
      <MissionSection />
    </Edit>
  );
}
