import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Form, Login, PasswordInput, required, TextInput, useLogin } from 'react-admin';
import { signInProblem, tryAgainSentence, type SignInProblem } from './signInModel';

interface Credentials {
  username: string;
  password: string;
}

/**
 * The sign-in page. Unlike react-admin's own form, a refused sign-in stays on the page above the
 * fields instead of in a passing notification: a lockout after repeated failures says why and at
 * what time a sign-in is taken again. The first field keeps react-admin's name "username", which the
 * auth provider reads, and is called what it is: an email.
 */
export function LoginPage() {
  return (
    <Login>
      <SignInForm />
    </Login>
  );
}

function SignInForm() {
  const login = useLogin();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ problem: SignInProblem; at: Date } | null>(null);

  const submit = async (values: Partial<Credentials>) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await login(values);
    } catch (error) {
      const at = new Date();
      setProblem({ problem: signInProblem(error, at), at });
      setSubmitting(false);
    }
  };

  return (
    <Form onSubmit={(values: Partial<Credentials>) => void submit(values)} noValidate>
      <CardContent sx={{ width: { xs: 'min(300px, 80vw)', sm: 300 }, pb: 2 }}>
        {problem && (
          <Alert severity={problem.problem.severity} role="alert" sx={{ mb: 2 }}>
            <AlertTitle>{problem.problem.title}</AlertTitle>
            {problem.problem.message}
            {problem.problem.tryAgainAt && (
              <Typography variant="body2" fontWeight="bold" sx={{ mt: 1 }}>
                {tryAgainSentence(problem.problem.tryAgainAt, problem.at)}
              </Typography>
            )}
          </Alert>
        )}
        <TextInput autoFocus source="username" label="Email" type="email" autoComplete="username" validate={required()} />
        <PasswordInput source="password" label="Password" autoComplete="current-password" validate={required()} />
        <Button variant="contained" type="submit" color="primary" disabled={submitting} fullWidth sx={{ mt: 2 }}>
          {submitting ? <CircularProgress size={19} thickness={3} aria-label="Signing in" /> : 'Sign in'}
        </Button>
      </CardContent>
    </Form>
  );
}
