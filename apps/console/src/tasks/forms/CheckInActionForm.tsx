import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Empty, Section } from '../context/Section';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

/** The owner of an action agreed at a check-in marks it done, saying what was done if they like. */
export function CheckInActionForm({ task, context, onClose }: TaskFormProps<'CHECK_IN_ACTION'>) {
  const { submit, pending, errors, clearError } = useTaskCompletion(task, onClose);
  const [note, setNote] = useState('');
  const action = context?.action ?? null;
  const checkIn = context?.checkIn ?? null;
  const send = () => void submit({ decision: 'approve', data: note.trim() ? { note: note.trim() } : {} });
  return (
    <TaskDialogFrame task={task} onClose={onClose} onSubmit={send} errors={errors} placed={['data.note']} actions={<DataFormActions onClose={onClose} pending={pending} label="Mark done" />}>
      <Section title="The action">
        {action ? (
          <>
            <Typography variant="body1">{action.description}</Typography>
            <Typography variant="body2" color="text.secondary">
              Due {new Date(`${action.dueOn}T12:00:00Z`).toLocaleDateString()}
            </Typography>
          </>
        ) : (
          <Empty>The action is no longer open.</Empty>
        )}
      </Section>
      {checkIn && (
        <Section title={`Agreed at check-in ${checkIn.number}${checkIn.heldOn ? `, held on ${new Date(`${checkIn.heldOn}T12:00:00Z`).toLocaleDateString()}` : ''}`}>
          {checkIn.attendees.length > 0 && <Typography variant="body2">Attended: {checkIn.attendees.join(', ')}</Typography>}
          {checkIn.notes && (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {checkIn.notes}
            </Typography>
          )}
        </Section>
      )}
      <Section title="What was done">
        <TextField
          multiline
          minRows={2}
          label="What was done (optional)"
          name="note"
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
            clearError('data.note');
          }}
          error={'data.note' in errors}
          helperText={errors['data.note']}
          fullWidth
        />
      </Section>
    </TaskDialogFrame>
  );
}
