import { PASSWORD_MIN_LENGTH } from '@pe/domain';
import { Create, email, PasswordInput, required, SimpleForm, TextInput } from 'react-admin';
import { UserFields } from './UserFields';
import { toUserCreateBody, validatePassword } from './userModel';

export function UserCreate() {
  return (
    <Create title="New user" redirect="list" transform={toUserCreateBody}>
      <SimpleForm defaultValues={{ role: 'partner' }}>
        {/* Not type="email": the browser's own bubble would pre-empt the message under the field. */}
        <TextInput source="email" label="Email" validate={[required(), email()]} slotProps={{ htmlInput: { inputMode: 'email' } }} fullWidth />
        <UserFields />
        <PasswordInput
          source="password"
          label="Password"
          autoComplete="new-password"
          validate={validatePassword}
          helperText={`At least ${PASSWORD_MIN_LENGTH} characters; give it to the person privately`}
          fullWidth
        />
      </SimpleForm>
    </Create>
  );
}
