import CloseIcon from '@mui/icons-material/Close';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useId, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../apiError';
import { useNotifyError } from '../notifyError';
import { validateRejectionReason, type TaskRecord } from './taskModel';
import { useCompleteTask } from './useCompleteTask';

/** Rejecting asks for a reason first: the coordinator needs it to redraft. */
export function RejectTaskButton({ task }: { task: TaskRecord }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const { complete, pending } = useCompleteTask(task.id);
  const notifyError = useNotifyError();
  const titleId = useId();

  const close = () => {
    setOpen(false);
    setReasonError(undefined);
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = validateRejectionReason(reason);
    if (invalid) {
      setReasonError(invalid);
      return;
    }
    try {
      await complete({ decision: 'reject', comment: reason.trim() });
      setReason('');
      close();
    } catch (error) {
      // TASK.REASON_REQUIRED and the like name the comment field: show it under "Reason" too.
      setReasonError(fieldErrorsOf(error).comment);
      notifyError(error);
    }
  };

  return (
    <>
      <Button size="small" variant="outlined" color="error" startIcon={<CloseIcon />} onClick={() => setOpen(true)}>
        Reject
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <form onSubmit={confirm} noValidate>
          <DialogTitle id={titleId}>Reject “{task.title}”</DialogTitle>
          <DialogContent>
            <DialogContentText>Say why, so the coordinator can revise and resubmit.</DialogContentText>
            <TextField
              autoFocus
              required
              fullWidth
              multiline
              minRows={3}
              margin="dense"
              label="Reason"
              name="reason"
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                setReasonError(undefined);
              }}
              error={reasonError !== undefined}
              helperText={reasonError}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" color="error" variant="contained" disabled={pending}>
              Confirm rejection
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
