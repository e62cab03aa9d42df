import { Edit, SimpleForm, TextInput, TopToolbar, useGetIdentity, useRecordContext } from 'react-admin';
import { SeeActivityButton } from '../audit/SeeActivityButton';
import { ActiveChip } from '../directory/ActiveChip';
import { SaveOnlyToolbar } from '../directory/SaveOnlyToolbar';
import { ToggleActiveButton } from '../directory/ToggleActiveButton';
import { SetPasswordButton } from './SetPasswordButton';
import { UserFields } from './UserFields';
import { toUserUpdateBody, type UserRecord } from './userModel';

function UserTitle() {
  const user = useRecordContext<UserRecord>();
  return <>{user ? user.name : 'User'}</>;
}

/** An admin cannot deactivate their own account (the API refuses too), so the button is not offered. */
function UserEditActions() {
  const user = useRecordContext<UserRecord>();
  const { identity } = useGetIdentity();
  const ownAccount = user !== undefined && identity?.id === user.id;
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <ActiveChip />
      <SeeActivityButton />
      <SetPasswordButton />
      {!ownAccount && (
        <ToggleActiveButton consequence="They can no longer sign in, and a session already open ends at its next request. Their name stays on everything they did. You can reactivate them later." />
      )}
    </TopToolbar>
  );
}

function UserEditForm() {
  const user = useRecordContext<UserRecord>();
  const { identity } = useGetIdentity();
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <TextInput source="email" label="Email" readOnly helperText="The sign-in name; it does not change" fullWidth />
      <UserFields ownAccount={user !== undefined && identity?.id === user.id} />
    </SimpleForm>
  );
}

/** Pessimistic, so a rule the API enforces (role and organization) comes back under its field. */
export function UserEdit() {
  return (
    <Edit title={<UserTitle />} actions={<UserEditActions />} mutationMode="pessimistic" redirect="list" transform={toUserUpdateBody}>
      <UserEditForm />
    </Edit>
  );
}
