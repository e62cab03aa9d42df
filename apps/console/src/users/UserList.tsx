import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import {
  CreateButton,
  FilterButton,
  Datagrid,
  FunctionField,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
} from 'react-admin';
import { SeeActivityButton } from '../audit/SeeActivityButton';
import { ActiveChip } from '../directory/ActiveChip';
import { roleChoices, roleLabel, type UserRecord } from './userModel';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name or email" />,
  <SelectInput key="role" source="role" label="Role" choices={roleChoices} />,
  <ReferenceInput key="organizationId" source="organizationId" reference="organizations" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput label="Organization" optionText="name" />
  </ReferenceInput>,
  <NullableBooleanInput key="active" source="active" label="Active" />,
];

function UserListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton label="New user" />
    </TopToolbar>
  );
}

/** Only admins get this list (see App); a row opens the user's edit page. */
export function UserList() {
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  return (
    <List perPage={25} filters={filters} actions={<UserListActions />} sort={{ field: 'name', order: 'ASC' }} exporter={false}>
      {small ? (
        <SimpleList<UserRecord>
          primaryText={(user) => user.name}
          secondaryText={(user) => `${roleLabel(user.role)} · ${user.email}`}
          tertiaryText={(user) => (user.active ? '' : 'Deactivated')}
          // The whole row is a link to the user's page, which offers "See activity" (a link in a link is not HTML).
          linkType="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="name" />
          <TextField source="email" />
          <FunctionField<UserRecord> label="Role" sortBy="role" render={(user) => roleLabel(user.role)} />
          <ReferenceField source="organizationId" reference="organizations" label="Organization" link={false} emptyText="—" />
          <ActiveChip label="State" sortBy="active" />
          <SeeActivityButton label="Activity" />
        </Datagrid>
      )}
    </List>
  );
}
