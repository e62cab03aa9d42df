import EventIcon from '@mui/icons-material/Event';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { DateTimeInput, Form, SaveButton, useRefresh } from 'react-admin';
import { fieldErrorsOf } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { toLocalInputValue } from '../localTime';
import { toMoveDueDateCommand, type DeadlineRecord, type MoveDueDateValues } from './deadlineModel';

/**
 * Moves the due date of the task a timer chases (the MoveDueDate command): the reminders and the
 * escalation ladder start again from the new date. A rule error shows next to the field.
 */
export function MoveDueDateButton({ entry }: { entry: DeadlineRecord }) {
  const [open, setOpen] = useState(false);
  const dataProvider = useConsoleDataProvider();
  const refresh = useRefresh();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  if (!entry.taskId) return null;
  const taskId = entry.taskId;

  const submit = async (values: MoveDueDateValues) => {
    const built = toMoveDueDateCommand(taskId, values);
    if ('errors' in built) return built.errors;
    try {
      await dataProvider.command(entry.partnershipId, built.command);
    } catch (error) {
      notifyError(error);
      // Field errors (e.g. "must be a future instant") go under the input; the form stays open.
      return fieldErrorsOf(error);
    }
    setOpen(false);
    notifySuccess(`Due date of "${entry.taskTitle ?? 'the task'}" moved`);
    refresh();
    return undefined;
  };

  return (
    <>
      <Button
        size="small"
        startIcon={<EventIcon />}
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        Move due date
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs" aria-labelledby={`move-${entry.id}-title`}>
        <Form onSubmit={submit} defaultValues={{ dueAt: toLocalInputValue(entry.dueAt) }} record={{ id: entry.id }}>
          <DialogTitle id={`move-${entry.id}-title`}>Move the due date</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              “{entry.taskTitle}” of {entry.partnershipName} is due {entry.dueAt ? new Date(entry.dueAt).toLocaleString() : '—'}. Its reminders and escalations
              start again from the new date.
            </DialogContentText>
            <DateTimeInput source="dueAt" label="New due date" fullWidth helperText="Your local time" />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <SaveButton label="Move" alwaysEnable icon={<EventIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}
