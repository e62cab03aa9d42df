import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { durationInWords, EXPIRY_DECISIONS, type ExpiryDecision } from '@pe/domain';
import { useState } from 'react';
import { EXPIRY_DECISION_LABELS, TERMINATION_OPTION_LABELS } from '../../methodLabels';
import { termSentence } from '../../partnerships/agreementModel';
import { Section } from '../context/Section';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

/** The coordinator decides what happens when the agreement's term ends; the choice is proposed as that termination. */
export function DecideExpiryForm({ task, context, onClose }: TaskFormProps<'DECIDE_EXPIRY'>) {
  const { submit, pending, errors, setErrors, clearError } = useTaskCompletion(task, onClose);
  const [decision, setDecision] = useState<ExpiryDecision | ''>('');
  const [reason, setReason] = useState('');
  const send = () => {
    if (!decision) return setErrors({ 'data.decision': 'choose what happens when the term ends' });
    void submit({ decision: 'approve', data: { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) } });
  };
  return (
    <TaskDialogFrame task={task} onClose={onClose} onSubmit={send} errors={errors} placed={['data.decision', 'data.reason', 'data.option']} actions={<DataFormActions onClose={onClose} pending={pending} label="Propose" />}>
      <Section title="The term">
        <Typography variant="body1">{context?.endsAt ? `The agreement in force ends on ${new Date(context.endsAt).toLocaleString()}.` : 'The agreement’s end is no longer known.'}</Typography>
        <Typography variant="body2" color="text.secondary">
          {termSentence(context?.term)} Agreed options: {(context?.terminationOptions ?? []).map((option) => TERMINATION_OPTION_LABELS[option]).join(', ') || 'any'}; notice period{' '}
          {context?.noticePeriod ? durationInWords(context.noticePeriod) : 'none'}.
        </Typography>
      </Section>
      <Section title="Your decision">
        <Stack spacing={1}>
          <RadioGroup
            aria-label="Decision"
            value={decision}
            onChange={(event) => {
              setDecision(event.target.value as ExpiryDecision);
              clearError('data.decision');
              clearError('data.option');
            }}
          >
            {EXPIRY_DECISIONS.map((option) => (
              <FormControlLabel key={option} value={option} control={<Radio />} label={EXPIRY_DECISION_LABELS[option]} />
            ))}
          </RadioGroup>
          {(errors['data.decision'] || errors['data.option']) && (
            <Typography variant="body2" color="error">
              {errors['data.decision'] ?? errors['data.option']}
            </Typography>
          )}
          <TextField multiline minRows={2} label="Why (the sponsor and the partners read it)" name="reason" value={reason} onChange={(event) => setReason(event.target.value)} error={'data.reason' in errors} helperText={errors['data.reason']} />
        </Stack>
      </Section>
    </TaskDialogFrame>
  );
}
