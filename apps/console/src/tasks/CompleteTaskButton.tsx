import AddIcon from '@mui/icons-material/Add';
import DoneIcon from '@mui/icons-material/Done';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { HEALTH_DIMENSIONS, REVIEW_OUTCOMES, TERMINATION_OPTIONS } from '@pe/domain';
import { useId, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../apiError';
import { useNotifyError } from '../notifyError';
import {
  EMPTY_HEALTH_CHECK,
  EMPTY_REVIEW,
  HEALTH_DIMENSION_LABELS,
  REVIEW_OUTCOME_LABELS,
  rowsForKpis,
  TERMINATION_OPTION_LABELS,
  toHealthCheckData,
  toMeasurementData,
  toReviewData,
  type CompletionErrors,
  type Converted,
  type DataTaskKind,
  type HealthCheckValues,
  type MeasurementRow,
  type ReviewValues,
} from './completionModel';
import type { TaskRecord } from './taskModel';
import { useCompleteTask } from './useCompleteTask';
import { useTaskKpis } from './useTaskKpis';

const INTRO: Record<DataTaskKind, string> = {
  REPORT_MEASUREMENT: 'Report this cycle’s value for each KPI your organization owns.',
  HEALTH_CHECK: 'Score how the partnership is doing, 1 (poor) to 5 (excellent).',
  REVIEW: 'Decide how the partnership goes on after this review.',
  WIND_DOWN: 'Confirm that this wind-down step is done.',
};

/**
 * Measurements, health checks, reviews and wind-down steps are completed, not approved: a
 * small dialog collects what the kind needs and sends it as the completion's `data`.
 */
export function CompleteTaskButton({ task, kind }: { task: TaskRecord; kind: DataTaskKind }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="contained" startIcon={<DoneIcon />} onClick={() => setOpen(true)}>
        Complete
      </Button>
      {open && <CompleteTaskDialog task={task} kind={kind} onClose={() => setOpen(false)} />}
    </>
  );
}

function CompleteTaskDialog({ task, kind, onClose }: { task: TaskRecord; kind: DataTaskKind; onClose: () => void }) {
  const titleId = useId();
  const { complete, pending } = useCompleteTask(task.id);
  const notifyError = useNotifyError();
  const [errors, setErrors] = useState<CompletionErrors>({});
  const [health, setHealth] = useState<HealthCheckValues>(EMPTY_HEALTH_CHECK);
  const [review, setReview] = useState<ReviewValues>(EMPTY_REVIEW);
  const [rows, setRows] = useState<MeasurementRow[] | undefined>();
  const kpiLoad = useTaskKpis(task.partnershipId, task.assigneeOrganizationId, kind === 'REPORT_MEASUREMENT');
  const measurementRows = rows ?? (kpiLoad.status === 'ready' ? rowsForKpis(kpiLoad.kpis) : []);

  const convert = (): Converted => {
    switch (kind) {
      case 'HEALTH_CHECK':
        return toHealthCheckData(health);
      case 'REVIEW':
        return toReviewData(review);
      case 'REPORT_MEASUREMENT':
        return toMeasurementData(measurementRows);
      case 'WIND_DOWN':
        return { data: undefined };
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const result = convert();
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    try {
      await complete(result.data === undefined ? { decision: 'approve' } : { decision: 'approve', data: result.data });
      onClose();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      notifyError(error);
    }
  };

  const clearError = (key: string) =>
    setErrors((current) => {
      if (!(key in current)) return current;
      const { [key]: _removed, ...rest } = current;
      return rest;
    });

  const updateRow = (index: number, change: Partial<MeasurementRow>) => {
    const row = measurementRows[index];
    if (!row) return;
    clearError(`rows.${index}.kpiId`);
    clearError(`data.values.${row.kpiId}`);
    setRows(measurementRows.map((candidate, at) => (at === index ? { ...candidate, ...change } : candidate)));
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={confirm} noValidate>
        <DialogTitle id={titleId}>Complete “{task.title}”</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {INTRO[kind]}
            {kind === 'WIND_DOWN' && task.detail ? ` (${task.detail})` : ''}
          </DialogContentText>

          {kind === 'HEALTH_CHECK' && (
            <Stack spacing={1} sx={{ mt: 1 }}>
              {HEALTH_DIMENSIONS.map((dimension) => (
                <TextField
                  key={dimension}
                  select
                  required
                  margin="dense"
                  label={HEALTH_DIMENSION_LABELS[dimension]}
                  name={dimension}
                  value={health[dimension]}
                  onChange={(event) => {
                    setHealth({ ...health, [dimension]: event.target.value });
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
                margin="dense"
                type="number"
                label="Would recommend (0–10, optional)"
                name="recommend"
                slotProps={{ htmlInput: { min: 0, max: 10, step: 1 } }}
                value={health.recommend}
                onChange={(event) => {
                  setHealth({ ...health, recommend: event.target.value });
                  clearError('data.recommend');
                }}
                error={'data.recommend' in errors}
                helperText={errors['data.recommend']}
              />
            </Stack>
          )}

          {kind === 'REVIEW' && (
            <Stack spacing={1} sx={{ mt: 1 }}>
              <TextField
                select
                required
                margin="dense"
                label="Outcome"
                name="outcome"
                value={review.outcome}
                onChange={(event) => {
                  setReview({ ...review, outcome: event.target.value as ReviewValues['outcome'] });
                  clearError('data.outcome');
                }}
                error={'data.outcome' in errors}
                helperText={errors['data.outcome']}
              >
                {REVIEW_OUTCOMES.map((outcome) => (
                  <MenuItem key={outcome} value={outcome}>
                    {REVIEW_OUTCOME_LABELS[outcome]}
                  </MenuItem>
                ))}
              </TextField>
              {review.outcome === 'propose_termination' && (
                <>
                  <TextField
                    select
                    required
                    margin="dense"
                    label="Option"
                    name="option"
                    value={review.option}
                    onChange={(event) => {
                      setReview({ ...review, option: event.target.value as ReviewValues['option'] });
                      clearError('data.option');
                    }}
                    error={'data.option' in errors}
                    helperText={errors['data.option']}
                  >
                    {TERMINATION_OPTIONS.map((option) => (
                      <MenuItem key={option} value={option}>
                        {TERMINATION_OPTION_LABELS[option]}
                      </MenuItem>
                    ))}
                  </TextField>
                  <TextField
                    multiline
                    minRows={2}
                    margin="dense"
                    label="Why"
                    name="reason"
                    value={review.reason}
                    onChange={(event) => {
                      setReview({ ...review, reason: event.target.value });
                      clearError('data.reason');
                    }}
                    error={'data.reason' in errors}
                    helperText={errors['data.reason']}
                  />
                </>
              )}
            </Stack>
          )}

          {kind === 'REPORT_MEASUREMENT' &&
            (kpiLoad.status === 'loading' && rows === undefined ? (
              <Stack alignItems="center" sx={{ my: 2 }}>
                <CircularProgress size={24} aria-label="Loading the KPIs" />
              </Stack>
            ) : (
              <Stack spacing={1} sx={{ mt: 1 }}>
                {measurementRows.map((row, index) => {
                  const idError = errors[`rows.${index}.kpiId`];
                  const valueError = errors[`data.values.${row.kpiId.trim()}`];
                  return (
                    <Stack key={row.kpi?.id ?? `free-${index}`} direction="row" spacing={1}>
                      {row.kpi === undefined && (
                        <TextField
                          margin="dense"
                          label="KPI id"
                          value={row.kpiId}
                          onChange={(event) => updateRow(index, { kpiId: event.target.value })}
                          error={idError !== undefined}
                          helperText={idError}
                          sx={{ flex: 1 }}
                        />
                      )}
                      <TextField
                        margin="dense"
                        type="number"
                        required={row.kpi !== undefined}
                        label={row.kpi ? `${row.kpi.name}${row.kpi.unit ? ` (${row.kpi.unit})` : ''}` : 'Value'}
                        value={row.value}
                        onChange={(event) => updateRow(index, { value: event.target.value })}
                        error={valueError !== undefined || (row.kpi !== undefined && idError !== undefined)}
                        helperText={valueError ?? (row.kpi !== undefined ? idError : undefined)}
                        sx={{ flex: 1 }}
                      />
                    </Stack>
                  );
                })}
                {measurementRows.every((row) => row.kpi === undefined) && (
                  <Button
                    size="small"
                    startIcon={<AddIcon />}
                    onClick={() => setRows([...measurementRows, { kpiId: '', value: '' }])}
                    sx={{ alignSelf: 'flex-start' }}
                  >
                    Add a KPI
                  </Button>
                )}
              </Stack>
            ))}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={pending || (kind === 'REPORT_MEASUREMENT' && kpiLoad.status === 'loading')}>
            Confirm completion
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
