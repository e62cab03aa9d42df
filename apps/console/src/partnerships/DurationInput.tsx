import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { durationInWords } from '@pe/domain';
import { FormDataConsumer, NumberInput, SelectInput } from 'react-admin';
import { DURATION_UNITS, toIsoDuration, type DurationParts, type DurationUnit } from './durationModel';

interface Props {
  source: string;
  label: string;
  /** The units offered; days to years unless told. */
  units?: readonly { id: DurationUnit; name: string }[];
  helperText?: string;
  /** Say the label above the inputs (the amount is then "Amount"): long labels do not fit inside a short number input. */
  labelAbove?: boolean;
}

/** A duration typed as an amount and a unit (the command gets its ISO-8601 form), echoed in words. */
export function DurationInput({ source, label, units = DURATION_UNITS, helperText, labelAbove = false }: Props) {
  return (
    // The group names both inputs: a form with several durations has several "Unit" selects.
    <Stack role="group" aria-label={label} sx={labelAbove ? { mt: 1 } : undefined}>
      {labelAbove && (
        <Typography variant="body2" component="div" aria-hidden>
          {label}
        </Typography>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <NumberInput source={`${source}.amount`} label={labelAbove ? 'Amount' : label} min={1} step={1} sx={{ width: 140 }} />
        <SelectInput source={`${source}.unit`} label="Unit" choices={[...units]} sx={{ width: 140 }} />
      </Stack>
      <FormDataConsumer>
        {({ formData }) => {
          const iso = toIsoDuration(valueAt(formData, source) as DurationParts | undefined);
          return (
            <Typography variant="caption" color="text.secondary">
              {iso ? durationInWords(iso) : 'Choose an amount and a unit'}
              {helperText ? ` · ${helperText}` : ''}
            </Typography>
          );
        }}
      </FormDataConsumer>
    </Stack>
  );
}

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
}
