import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import {
  CreateButton,
  FilterButton,
  Datagrid,
  DateField,
  FunctionField,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
} from 'react-admin';
import { ActiveChip } from '../directory/ActiveChip';
import { organizationKindChoices, organizationKindLabel, type OrganizationRecord } from './organizationModel';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search by name" />,
  <SelectInput key="kind" source="kind" label="Kind" choices={organizationKindChoices} />,
  <NullableBooleanInput key="active" source="active" label="Active" />,
];

function OrganizationListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton label="New organization" />
    </TopToolbar>
  );
}

/** Only admins get this list (see App); a row opens the organization's edit page. */
export function OrganizationList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  return (
    <List perPage={25} filters={filters} actions={<OrganizationListActions />} sort={{ field: 'name', order: 'ASC' }} exporter={false}>
      {small ? (
        <SimpleList<OrganizationRecord>
          primaryText={(organization) => organization.name}
          secondaryText={(organization) => `${organizationKindLabel(organization.kind)}${organization.country ? ` · ${organization.country}` : ''}`}
          tertiaryText={(organization) => (organization.active ? '' : 'Deactivated')}
          linkType="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="name" />
          <FunctionField<OrganizationRecord> label="Kind" sortBy="kind" render={(organization) => organizationKindLabel(organization.kind)} />
          <FunctionField<OrganizationRecord> label="Country" sortable={false} render={(organization) => organization.country ?? '—'} />
          <ActiveChip label="State" sortBy="active" />
          <DateField source="createdAt" label="Created" />
        </Datagrid>
      )}
    </List>
  );
}
