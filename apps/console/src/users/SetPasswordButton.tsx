import KeyIcon from '@mui/icons-material/Key';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useId, useState, type FormEvent } from 'react';
import { useRecordContext } from 'react-admin';
import { fieldErrorsOf } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { validatePassword, type UserRecord } from './userModel';

/** Sets or resets the password of the user in context; the admin passes it on privately. */
export function SetPasswordButton() {
  const user = useRecordContext<UserRecord>();
  const dataProvider = useConsoleDataProvider();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const titleId = useId();
  if (!user) return null;

  const close = () => {
    setOpen(false);
    setPassword('');
    setProblem(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = validatePassword(password);
    if (invalid) {
      setProblem(invalid);
      return;
    }
    setPending(true);
    try {
      await dataProvider.setPassword(user.id, password);
      notifySuccess(`New password set for ${user.name}`);
      close();
    } catch (error) {
      setProblem(fieldErrorsOf(error).password);
      notifyError(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button size="small" startIcon={<KeyIcon />} onClick={() => setOpen(true)}>
        Set password
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="xs">
        <form onSubmit={submit} noValidate>
          <DialogTitle id={titleId}>New password for {user.name}</DialogTitle>
          <DialogContent>
            <DialogContentText>The old password stops working at once. Give the new one to {user.name} privately.</DialogContentText>
            <TextField
              autoFocus
              required
              fullWidth
              margin="dense"
              type="password"
              autoComplete="new-password"
              label="New password"
              name="password"
              value={password}
              onChange={(event) => {
                setPassword(event.target.value);
                setProblem(undefined);
              }}
              error={problem !== undefined}
              helperText={problem}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={pending}>
              Set password
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
