import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { TASK_CATALOGUE } from '@pe/domain';
import { useId, type FormEvent, type ReactNode } from 'react';
import { unplacedErrors, type FieldErrors } from '../taskFormModel';
import type { TaskRecord } from '../taskModel';

interface Props {
  task: TaskRecord;
  onClose: () => void;
  onSubmit?: () => void;
  /** Errors by field; those no input in `placed` shows are listed above the buttons. */
  errors: FieldErrors;
  placed: readonly string[];
  actions: ReactNode;
  children: ReactNode;
}

/** The dialog every task form shares: what the task is, its context and inputs, its buttons. Full screen on a phone. */
export function TaskDialogFrame({ task, onClose, onSubmit, errors, placed, actions, children }: Props) {
  const titleId = useId();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const unplaced = unplacedErrors(errors, placed);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md" fullScreen={phone}>
      <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
        <DialogTitle id={titleId}>{task.title}</DialogTitle>
        <DialogContent dividers>
          <DialogContentText>
            {TASK_CATALOGUE[task.kind].summary} Due {new Date(task.dueAt).toLocaleString()}.
          </DialogContentText>
          {children}
          {unplaced.length > 0 && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {unplaced.map((message) => (
                <div key={message}>{message}</div>
              ))}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>{actions}</DialogActions>
      </form>
    </Dialog>
  );
}
