import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CONFLICT_STEPS } from '@pe/domain';
import { useState } from 'react';
import { CONFLICT_SEVERITY_LABELS, CONFLICT_STEP_LABELS, conflictStatus } from '../../partnerships/conflictModel';
import { Empty, Section } from '../context/Section';
import { useNames } from '../useNames';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

/** The step's owner records how the conflict was resolved, or passes it to the next step saying why. */
export function ResolveConflictForm({ task, context, onClose }: TaskFormProps<'RESOLVE_CONFLICT'>) {
  const { submit, pending, errors, setErrors, clearError } = useTaskCompletion(task, onClose);
  const conflict = context?.conflict ?? null;
  const organizationName = useNames('organizations', conflict?.organizationIds ?? []);
  const userName = useNames('users', [conflict?.raisedBy, ...(conflict?.steps.map((passed) => passed.by) ?? [])]);
  const [outcome, setOutcome] = useState<'resolved' | 'next_step' | ''>('');
  const [note, setNote] = useState('');
  const last = conflict ? CONFLICT_STEPS.indexOf(conflict.step) === CONFLICT_STEPS.length - 1 : false;
  const send = () => {
    if (!outcome) return setErrors({ 'data.outcome': 'choose: resolved, or the next step' });
    void submit({ decision: 'approve', data: { outcome, note: note.trim() } });
  };
  return (
    <TaskDialogFrame task={task} onClose={onClose} onSubmit={send} errors={errors} placed={['data.outcome', 'data.note']} actions={<DataFormActions onClose={onClose} pending={pending} label="Record" />}>
      {conflict ? (
        <Section title={conflict.title}>
          <Typography variant="body2">
            Between {conflict.organizationIds.map(organizationName).join(' and ')}; {CONFLICT_SEVERITY_LABELS[conflict.severity].toLowerCase()} severity; raised by {userName(conflict.raisedBy)}.
          </Typography>
          {conflict.description && <Typography variant="body2">{conflict.description}</Typography>}
          <Typography variant="body2">{conflictStatus(conflict)}.</Typography>
          {conflict.steps.map((passed) => (
            <Typography key={`${passed.step}-${passed.at}`} variant="body2" color="text.secondary">
              {CONFLICT_STEP_LABELS[passed.step]}: passed on by {userName(passed.by)} — “{passed.note}”
            </Typography>
          ))}
          {context?.conflictProcess && (
            <Typography variant="body2" color="text.secondary">
              The agreed process: {context.conflictProcess}
            </Typography>
          )}
        </Section>
      ) : (
        <Empty>The conflict is no longer open.</Empty>
      )}
      <Section title="Outcome of this step">
        <Stack spacing={1}>
          <RadioGroup
            aria-label="Outcome"
            value={outcome}
            onChange={(event) => {
              setOutcome(event.target.value as 'resolved' | 'next_step');
              clearError('data.outcome');
            }}
          >
            <FormControlLabel value="resolved" control={<Radio />} label="Resolved" />
            <FormControlLabel value="next_step" control={<Radio />} disabled={last} label={last ? 'This is the last step' : 'Not resolved: pass it to the next step'} />
          </RadioGroup>
          {errors['data.outcome'] && (
            <Typography variant="body2" color="error">
              {errors['data.outcome']}
            </Typography>
          )}
          <TextField
            required
            multiline
            minRows={2}
            label={outcome === 'next_step' ? 'Why it goes to the next step' : 'How it was resolved'}
            name="note"
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              clearError('data.note');
            }}
            error={'data.note' in errors}
            helperText={errors['data.note']}
          />
        </Stack>
      </Section>
    </TaskDialogFrame>
  );
}
