import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import type { TaskDecision } from '@pe/domain';
import { useState, type ReactNode } from 'react';
import { validateRejectionReason, type TaskRecord } from '../taskModel';
import { useTaskCompletion } from '../useTaskCompletion';
import { TaskDialogFrame } from './TaskDialogFrame';

interface Props {
  task: TaskRecord;
  intent: TaskDecision;
  onClose: () => void;
  /** The approve button's words, e.g. "Sign". */
  approveLabel?: string;
  children: ReactNode;
}

/** Approve, or reject with a reason, with what is decided on in view above the buttons. */
export function DecisionForm({ task, intent, onClose, approveLabel = 'Approve', children }: Props) {
  const { submit, pending, errors, clearError } = useTaskCompletion(task, onClose);
  const [comment, setComment] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  const decide = (decision: TaskDecision) => {
    const reason = comment.trim();
    if (decision === 'reject') {
      const invalid = validateRejectionReason(reason);
      if (invalid) return setReasonError(invalid);
    }
    void submit({ decision, ...(reason ? { comment: reason } : {}) });
  };

  return (
    <TaskDialogFrame
      task={task}
      onClose={onClose}
      errors={errors}
      placed={['comment']}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button color="error" variant="outlined" startIcon={<CloseIcon />} disabled={pending} onClick={() => decide('reject')}>
            Reject
          </Button>
          <Button color="success" variant="contained" startIcon={<CheckIcon />} disabled={pending} onClick={() => decide('approve')}>
            {approveLabel}
          </Button>
        </>
      }
    >
      {children}
      <TextField
        autoFocus={intent === 'reject'}
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        label={intent === 'reject' ? 'Reason for rejecting' : 'Comment (required to reject)'}
        name="comment"
        value={comment}
        onChange={(event) => {
          setComment(event.target.value);
          setReasonError(undefined);
          clearError('comment');
        }}
        error={reasonError !== undefined || 'comment' in errors}
        helperText={reasonError ?? errors.comment}
      />
    </TaskDialogFrame>
  );
}
