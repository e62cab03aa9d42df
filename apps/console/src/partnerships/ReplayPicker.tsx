import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { momentParam } from './stateDiffModel';

/** Reads as an event number or an instant (what the API's `at` takes), or not at all. */
const isPoint = (point: string) => /^\d+$/.test(point) || /^\d{4}-\d{2}-\d{2}T/.test(point);

/**
 * "See the partnership as of …": an event number or a date and time, typed as in "Compare two
 * moments", opens the page as it was then. Only reads.
 */
export function ReplayPicker({ onPick }: { onPick: (point: string) => void }) {
  const [moment, setMoment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const pick = (submitted: FormEvent) => {
    submitted.preventDefault();
    const point = momentParam(moment);
    if (!isPoint(point)) return setProblem('Give an event number (#12) or a date and time');
    setProblem(null);
    onPick(point);
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="replay-picker-heading" sx={{ p: 1.5 }}>
      <Stack spacing={1.5}>
        <Typography variant="subtitle1" component="h3" id="replay-picker-heading">
          See the partnership as of a moment
        </Typography>
        <Box component="form" onSubmit={pick} noValidate aria-label="See the partnership as of a moment">
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} alignItems={{ xs: 'stretch', sm: 'flex-start' }}>
            <TextField
              label="Moment"
              size="small"
              value={moment}
              onChange={(changed) => setMoment(changed.target.value)}
              error={problem !== null}
              helperText={problem ?? 'An event number (#12) or a date and time; every tab then shows it as it was'}
              placeholder="#12 or 2026-03-03 10:00"
              sx={{ flex: 1, minWidth: 0 }}
            />
            <Button type="submit" variant="contained" sx={{ mt: { sm: 0.25 } }}>
              See as of
            </Button>
          </Stack>
        </Box>
      </Stack>
    </Paper>
  );
}
