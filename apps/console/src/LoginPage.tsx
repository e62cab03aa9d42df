import { Login, LoginForm, PasswordInput, required, TextInput } from 'react-admin';

/**
 * react-admin's sign-in page with the first field called what it is: an email. The input keeps
 * react-admin's name "username", which the auth provider reads.
 */
export function LoginPage() {
  return (
    <Login>
      <LoginForm>
        <TextInput autoFocus source="username" label="Email" type="email" autoComplete="username" validate={required()} />
        <PasswordInput source="password" label="Password" autoComplete="current-password" validate={required()} />
      </LoginForm>
    </Login>
  );
}
