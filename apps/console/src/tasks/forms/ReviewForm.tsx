import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { REVIEW_OUTCOMES, TERMINATION_OPTIONS } from '@pe/domain';
import { useState } from 'react';
import { GOAL_SCORE_LABELS, GOAL_SCORES, REVIEW_OUTCOME_LABELS, TERMINATION_OPTION_LABELS } from '../../methodLabels';
import { CONFLICT_SEVERITY_LABELS, conflictStatus } from '../../partnerships/conflictModel';
import { MeasuresPanel } from '../context/MeasuresPanel';
import { Empty, Section } from '../context/Section';
import { EMPTY_REVIEW, toReviewData, type ReviewValues } from '../taskFormModel';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

export function ReviewForm({ task, context, onClose }: TaskFormProps<'REVIEW'>) {
  const { submit, pending, errors, setErrors, clearError } = useTaskCompletion(task, onClose);
  const [values, setValues] = useState<ReviewValues>(EMPTY_REVIEW);
  const goals = [...(context?.goals ?? [])].sort((a, b) => a.rank - b.rank);
  const options = context?.terminationOptions ?? TERMINATION_OPTIONS;
  const send = () => {
    const converted = toReviewData(values);
    if (converted.errors) return setErrors(converted.errors);
    void submit({ decision: 'approve', data: converted.data });
  };
  const change = (field: string, next: Partial<ReviewValues>) => {
    setValues({ ...values, ...next });
    clearError(field);
  };
  const placed = ['data.outcome', 'data.option', 'data.reason', ...goals.map((goal) => `data.goalScores.${goal.rank}`)];

  return (
    <TaskDialogFrame task={task} onClose={onClose} onSubmit={send} errors={errors} placed={placed} actions={<DataFormActions onClose={onClose} pending={pending} label="Decide" />}>
      {context ? <MeasuresPanel context={context} /> : <Empty>The measures are no longer available.</Empty>}
      <Section title="Goal attainment (−2 … +2)">
        <Stack spacing={1}>
          {goals.map((goal) => {
            const field = `data.goalScores.${goal.rank}`;
            return (
              <TextField
                key={goal.rank}
                select
                label={`${goal.rank}. ${goal.title}`}
                name={`goal-${goal.rank}`}
                value={values.goalScores[String(goal.rank)] ?? ''}
                onChange={(event) => change(field, { goalScores: { ...values.goalScores, [String(goal.rank)]: event.target.value } })}
                error={field in errors}
                helperText={errors[field]}
              >
                <MenuItem value="">Not scored</MenuItem>
                {GOAL_SCORES.map((score) => (
                  <MenuItem key={score} value={String(score)}>
                    {GOAL_SCORE_LABELS[score]}
                  </MenuItem>
                ))}
              </TextField>
            );
          })}
        </Stack>
      </Section>
      {(context?.openConflicts ?? []).length > 0 && (
        <Section title="Conflicts still open">
          {(context?.openConflicts ?? []).map((conflict) => (
            <Typography key={conflict.id} variant="body2">
              <strong>{conflict.title}</strong> ({CONFLICT_SEVERITY_LABELS[conflict.severity].toLowerCase()} severity): {conflictStatus(conflict).toLowerCase()}
            </Typography>
          ))}
        </Section>
      )}
      <Section title="Decision">
        <Stack spacing={1}>
          <TextField
            select
            required
            label="Outcome"
            name="outcome"
            value={values.outcome}
            onChange={(event) => change('data.outcome', { outcome: event.target.value as ReviewValues['outcome'] })}
            error={'data.outcome' in errors}
            helperText={errors['data.outcome']}
          >
            {REVIEW_OUTCOMES.map((outcome) => (
              <MenuItem key={outcome} value={outcome}>
                {REVIEW_OUTCOME_LABELS[outcome]}
              </MenuItem>
            ))}
          </TextField>
          {values.outcome === 'propose_termination' && (
            <>
              <TextField
                select
                required
                label="Option"
                name="option"
                value={values.option}
                onChange={(event) => change('data.option', { option: event.target.value as ReviewValues['option'] })}
                error={'data.option' in errors}
                helperText={errors['data.option']}
              >
                {options.map((option) => (
                  <MenuItem key={option} value={option}>
                    {TERMINATION_OPTION_LABELS[option]}
                  </MenuItem>
                ))}
              </TextField>
            </>
          )}
          {values.outcome !== '' && values.outcome !== 'continue' && (
            <TextField
              multiline
              minRows={2}
              label="Why"
              name="reason"
              value={values.reason}
              onChange={(event) => change('data.reason', { reason: event.target.value })}
              error={'data.reason' in errors}
              helperText={errors['data.reason']}
            />
          )}
        </Stack>
      </Section>
    </TaskDialogFrame>
  );
}
