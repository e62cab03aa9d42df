import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { HEALTH_DIMENSIONS } from '@pe/domain';
import { useState } from 'react';
import { HEALTH_DIMENSION_LABELS } from '../../methodLabels';
import { Section } from '../context/Section';
import { EMPTY_HEALTH_CHECK, toHealthCheckData, type HealthCheckValues } from '../taskFormModel';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

const FIELDS = [...HEALTH_DIMENSIONS.map((dimension) => `data.${dimension}`), 'data.recommend'];

export function HealthCheckForm({ task, context, onClose }: TaskFormProps<'HEALTH_CHECK'>) {
  const { submit, pending, errors, setErrors, clearError } = useTaskCompletion(task, onClose);
  const [values, setValues] = useState<HealthCheckValues>(EMPTY_HEALTH_CHECK);
  const send = () => {
    const converted = toHealthCheckData(values);
    if (converted.errors) return setErrors(converted.errors);
    void submit({ decision: 'approve', data: converted.data });
  };
  const previous = context?.previous;

  return (
    <TaskDialogFrame task={task} onClose={onClose} onSubmit={send} errors={errors} placed={FIELDS} actions={<DataFormActions onClose={onClose} pending={pending} />}>
      {context?.pulse && <Typography variant="body2">A pulse between reviews: it does not hold up the review.</Typography>}
      {previous && (
        <Typography variant="body2" color="text.secondary">
          Your last answer (cycle {previous.cycle}): {HEALTH_DIMENSIONS.map((dimension) => `${HEALTH_DIMENSION_LABELS[dimension]} ${previous.scores[dimension]}`).join(', ')}
          {previous.recommend !== null ? `, recommend ${previous.recommend}` : ''}.
        </Typography>
      )}
      <Section title="Scores, 1 (poor) to 5 (excellent)">
        <Stack spacing={1}>
          {HEALTH_DIMENSIONS.map((dimension) => (
            <TextField
              key={dimension}
              select
              required
              label={HEALTH_DIMENSION_LABELS[dimension]}
              name={dimension}
              value={values[dimension]}
              onChange={(event) => {
                setValues({ ...values, [dimension]: event.target.value });
                clearError(`data.${dimension}`);
              }}
              error={`data.${dimension}` in errors}
              helperText={errors[`data.${dimension}`]}
            >
              {[1, 2, 3, 4, 5].map((score) => (
                <MenuItem key={score} value={String(score)}>
                  {score}
                </MenuItem>
              ))}
            </TextField>
          ))}
          <TextField
            type="number"
            label="How likely would you recommend the partnership? (0–10, optional)"
            name="recommend"
            slotProps={{ htmlInput: { min: 0, max: 10, step: 1 } }}
            value={values.recommend}
            onChange={(event) => {
              setValues({ ...values, recommend: event.target.value });
              clearError('data.recommend');
            }}
            error={'data.recommend' in errors}
            helperText={errors['data.recommend']}
          />
        </Stack>
      </Section>
    </TaskDialogFrame>
  );
}
