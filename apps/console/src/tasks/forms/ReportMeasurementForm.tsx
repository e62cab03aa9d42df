import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { durationInWords } from '@pe/domain';
import { useState } from 'react';
import { Empty, Section } from '../context/Section';
import { describeKpiRange, toMeasurementData, type MeasurementValues } from '../taskFormModel';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

export function ReportMeasurementForm({ task, context, onClose }: TaskFormProps<'REPORT_MEASUREMENT'>) {
  const { submit, pending, errors, setErrors, clearError } = useTaskCompletion(task, onClose);
  const [values, setValues] = useState<MeasurementValues>({});
  const kpis = context?.kpis ?? [];
  // A report between reviews asks for the KPIs its cadence made due, measured as of when they fell due.
  const between = context?.plannedAt ?? null;
  const heading = between
    ? `Values due ${new Date(between).toLocaleDateString()} (between reviews)`
    : `This cycle’s values${context?.cycle ? ` (cycle ${context.cycle})` : ''}`;
  const send = () => {
    const converted = toMeasurementData(kpis, values);
    if (converted.errors) return setErrors(converted.errors);
    void submit({ decision: 'approve', data: converted.data });
  };

  return (
    <TaskDialogFrame
      task={task}
      onClose={onClose}
      onSubmit={send}
      errors={errors}
      placed={kpis.map((kpi) => `data.values.${kpi.id}`)}
      actions={<DataFormActions onClose={onClose} pending={pending} />}
    >
      <Section title={heading}>
        {between && (
          <Typography variant="body2">
            These KPIs are reported more often than the review cycle: give each one’s value as of {new Date(between).toLocaleString()}. The review’s own report asks for every KPI again.
          </Typography>
        )}
        {kpis.length === 0 && <Empty>{between ? 'None of the KPIs this report asked for is measured any more.' : 'Your organization owns no KPI of this partnership.'}</Empty>}
        <Stack spacing={1}>
          {kpis.map((kpi) => {
            const field = `data.values.${kpi.id}`;
            const lastWhen = kpi.lastPlannedAt ? `due ${new Date(kpi.lastPlannedAt).toLocaleDateString()}` : `cycle ${kpi.lastCycle}`;
            const last = kpi.lastValue === null ? 'not reported before' : `last ${kpi.lastValue} ${kpi.unit} (${lastWhen})`;
            const cadence = between && kpi.cadence ? `; reported every ${durationInWords(kpi.cadence)}` : '';
            return (
              <TextField
                key={kpi.id}
                type="number"
                required
                label={`${kpi.name} (${kpi.unit})`}
                name={kpi.id}
                value={values[kpi.id] ?? ''}
                onChange={(event) => {
                  setValues({ ...values, [kpi.id]: event.target.value });
                  clearError(field);
                }}
                error={field in errors}
                helperText={errors[field] ?? `${describeKpiRange(kpi)}; ${last}${cadence}`}
              />
            );
          })}
        </Stack>
      </Section>
    </TaskDialogFrame>
  );
}
