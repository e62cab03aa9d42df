import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { actionRow, planSentence } from '../../partnerships/checkInModel';
import { Empty, Section } from '../context/Section';
import { EMPTY_CHECK_IN_ACTION, toCheckInData, type CheckInActionValues, type CheckInValues } from '../taskFormModel';
import { useNames } from '../useNames';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

/** Today as the date input takes it, in the person's own time zone. */
const localToday = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

/** The coordinator records the check-in: when, who attended, the notes, and the actions agreed (each a task for its owner). */
export function RecordCheckInForm({ task, context, onClose }: TaskFormProps<'RECORD_CHECK_IN'>) {
  const { submit, pending, errors, setErrors, clearError } = useTaskCompletion(task, onClose);
  const [values, setValues] = useState<CheckInValues>({ heldOn: localToday(), attendees: '', notes: '', actions: [] });
  const plan = context?.plan ?? null;
  const owners = context?.actionOwnerIds ?? [];
  const openActions = context?.openActions ?? [];
  const organizationName = useNames('organizations', plan?.organizationIds ?? []);
  const userName = useNames('users', [...owners, ...Object.values(context?.pointsOfContact ?? {}), ...openActions.map((action) => action.ownerId)]);
  const set = (change: Partial<CheckInValues>, ...fields: string[]) => {
    setValues((current) => ({ ...current, ...change }));
    clearError(...fields);
  };
  const setAction = (index: number, change: Partial<CheckInActionValues>, field: keyof CheckInActionValues) => {
    setValues((current) => ({ ...current, actions: current.actions.map((action, at) => (at === index ? { ...action, ...change } : action)) }));
    clearError(`data.actions.${index}.${field}`);
  };
  const removeAction = (index: number) => {
    setValues((current) => ({ ...current, actions: current.actions.filter((_, at) => at !== index) }));
    // The rows after it move up: their errors no longer match.
    setErrors(Object.fromEntries(Object.entries(errors).filter(([field]) => !field.startsWith('data.actions'))));
  };
  const send = () => {
    const converted = toCheckInData(values);
    if (converted.errors) return setErrors(converted.errors);
    void submit({ decision: 'approve', data: converted.data });
  };
  const placed = ['data.heldOn', 'data.attendees', 'data.notes', ...values.actions.flatMap((_, index) => ['description', 'ownerId', 'dueOn'].map((field) => `data.actions.${index}.${field}`))];
  const contacts = Object.entries(context?.pointsOfContact ?? {}).map(([organizationId, userId]) => `${organizationName(organizationId)}: ${userName(userId)}`);

  return (
    <TaskDialogFrame task={task} onClose={onClose} onSubmit={send} errors={errors} placed={placed} actions={<DataFormActions onClose={onClose} pending={pending} label="Record check-in" />}>
      <Section title="The plan">
        <Typography variant="body2">{planSentence(plan, organizationName)}</Typography>
        {contacts.length > 0 && <Typography variant="body2">Points of contact: {contacts.join('; ')}</Typography>}
        {context?.checkIn && (
          <Typography variant="body2" color="text.secondary">
            Check-in {context.checkIn.number} was planned for {new Date(context.checkIn.plannedAt).toLocaleDateString()}.
          </Typography>
        )}
      </Section>
      {openActions.length > 0 && (
        <Section title="Actions still open from earlier check-ins">
          {openActions.map((action) => {
            const row = actionRow(action, userName);
            return (
              <Typography key={row.id} variant="body2">
                {row.description} — {row.owner}, due {row.due}
              </Typography>
            );
          })}
        </Section>
      )}
      <Section title="The check-in">
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            type="date"
            required
            label="Held on"
            name="heldOn"
            value={values.heldOn}
            onChange={(event) => set({ heldOn: event.target.value }, 'data.heldOn')}
            error={'data.heldOn' in errors}
            helperText={errors['data.heldOn']}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ maxWidth: 220 }}
          />
          <TextField
            required
            multiline
            minRows={2}
            label="Attendees"
            name="attendees"
            value={values.attendees}
            onChange={(event) => set({ attendees: event.target.value }, 'data.attendees')}
            error={'data.attendees' in errors}
            helperText={errors['data.attendees'] ?? 'One name a line'}
          />
          <TextField
            multiline
            minRows={3}
            label="Notes"
            name="notes"
            value={values.notes}
            onChange={(event) => set({ notes: event.target.value }, 'data.notes')}
            error={'data.notes' in errors}
            helperText={errors['data.notes']}
          />
        </Stack>
      </Section>
      <Section title="Actions agreed">
        {values.actions.length === 0 && <Empty>No action yet: add one for each thing someone agreed to do.</Empty>}
        <Stack spacing={1.5}>
          {values.actions.map((action, index) => {
            const field = (name: keyof CheckInActionValues) => `data.actions.${index}.${name}`;
            const n = index + 1;
            return (
              <Paper key={index} variant="outlined" sx={{ p: 1.5 }} role="group" aria-label={`Action row ${n}`}>
                <Stack spacing={1.5}>
                  <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1 }}>
                    <TextField
                      required
                      fullWidth
                      label={`Action ${n}`}
                      value={action.description}
                      onChange={(event) => setAction(index, { description: event.target.value }, 'description')}
                      error={field('description') in errors}
                      helperText={errors[field('description')]}
                    />
                    <IconButton aria-label={`Remove action ${n}`} onClick={() => removeAction(index)}>
                      <DeleteIcon />
                    </IconButton>
                  </Stack>
                  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
                    <TextField
                      select
                      required
                      label={`Owner of action ${n}`}
                      value={action.ownerId}
                      onChange={(event) => setAction(index, { ownerId: event.target.value }, 'ownerId')}
                      error={field('ownerId') in errors}
                      helperText={errors[field('ownerId')]}
                      sx={{ minWidth: 240 }}
                    >
                      {owners.map((userId) => (
                        <MenuItem key={userId} value={userId}>
                          {userName(userId)}
                        </MenuItem>
                      ))}
                    </TextField>
                    <TextField
                      type="date"
                      required
                      label={`Action ${n} due`}
                      value={action.dueOn}
                      onChange={(event) => setAction(index, { dueOn: event.target.value }, 'dueOn')}
                      error={field('dueOn') in errors}
                      helperText={errors[field('dueOn')]}
                      slotProps={{ inputLabel: { shrink: true } }}
                      sx={{ minWidth: 180 }}
                    />
                  </Stack>
                </Stack>
              </Paper>
            );
          })}
          <div>
            <Button startIcon={<AddIcon />} onClick={() => setValues((current) => ({ ...current, actions: [...current.actions, { ...EMPTY_CHECK_IN_ACTION }] }))}>
              Add action
            </Button>
          </div>
        </Stack>
      </Section>
    </TaskDialogFrame>
  );
}
