import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { durationInWords } from '@pe/domain';
import { FormDataConsumer, NumberInput, SelectInput } from 'react-admin';
import { DURATION_UNITS, toIsoDuration, type DurationParts } from './rolesModel';

/** A duration typed as an amount and a unit (the command gets its ISO-8601 form), echoed in words. */
export function DurationInput({ source, label }: { source: string; label: string }) {
  return (
    <Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <NumberInput source={`${source}.amount`} label={label} min={1} step={1} sx={{ width: 140 }} />
        <SelectInput source={`${source}.unit`} label="Unit" choices={[...DURATION_UNITS]} sx={{ width: 140 }} />
      </Stack>
      <FormDataConsumer>
        {({ formData }) => {
          const iso = toIsoDuration(valueAt(formData, source) as DurationParts | undefined);
          return (
            <Typography variant="caption" color="text.secondary">
              {iso ? durationInWords(iso) : 'Choose an amount and a unit'}
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
