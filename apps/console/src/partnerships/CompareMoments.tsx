import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useNotifyError } from '../notifyError';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { changeLines, momentParam, momentProblems, type ChangeLine, type MomentProblems } from './stateDiffModel';

export interface Moments {
  from: string;
  to: string;
}

type Result = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; lines: ChangeLine[]; fromSequence: number; toSequence: number };

/**
 * "What changed between these two moments, and who changed it?" Read-only for every role: it
 * asks the API for a diff and changes nothing. Moments are event numbers or dates and times;
 * a timeline event can fill either one.
 */
export function CompareMoments({
  partnershipId,
  moments,
  onChange,
  kpiName,
}: {
  partnershipId: string;
  moments: Moments;
  onChange: (moments: Moments) => void;
  kpiName: (kpiId: string) => string | undefined;
}) {
  const dataProvider = useConsoleDataProvider();
  const notifyError = useNotifyError();
  const [result, setResult] = useState<Result>({ status: 'idle' });
  const [problems, setProblems] = useState<MomentProblems>({});

  const compare = (submitted: FormEvent) => {
    submitted.preventDefault();
    setProblems({});
    setResult({ status: 'loading' });
    dataProvider.diff(partnershipId, momentParam(moments.from), momentParam(moments.to)).then(
      (diff) => setResult({ status: 'ready', lines: changeLines(diff, { kpiName }), fromSequence: diff.fromSequence, toSequence: diff.toSequence }),
      (error: unknown) => {
        setResult({ status: 'idle' });
        const fields = momentProblems(error);
        if (fields) setProblems(fields);
        else notifyError(error);
      },
    );
  };

  const field = (name: keyof Moments, label: string) => (
    <TextField
      label={label}
      size="small"
      value={moments[name]}
      onChange={(changed) => onChange({ ...moments, [name]: changed.target.value })}
      error={problems[name] !== undefined}
      helperText={problems[name] ?? 'An event number (#12) or a date and time'}
      placeholder="#12 or 2026-03-03 10:00"
      sx={{ flex: 1, minWidth: 0 }}
    />
  );

  return (
    <Paper variant="outlined" component="section" aria-labelledby="compare-heading" sx={{ p: 1.5 }}>
      <Stack spacing={1.5}>
        <Typography variant="subtitle1" component="h3" id="compare-heading">
          Compare two moments
        </Typography>
        <Box component="form" onSubmit={compare} noValidate aria-label="Compare two moments">
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} alignItems={{ xs: 'stretch', sm: 'flex-start' }}>
            {field('from', 'From')}
            {field('to', 'To')}
            <Button type="submit" variant="contained" disabled={result.status === 'loading'} sx={{ mt: { sm: 0.25 } }}>
              Compare
            </Button>
          </Stack>
        </Box>
        {result.status === 'ready' && <ChangeList {...result} />}
      </Stack>
    </Paper>
  );
}

/** The changes between two points of the log, one line each, with the events that made them. */
export function ChangeList({ lines, fromSequence, toSequence }: { lines: ChangeLine[]; fromSequence: number; toSequence: number }) {
  const span = `from event #${fromSequence} to event #${toSequence}`;
  if (lines.length === 0) return <Alert severity="info">Nothing changed {span}.</Alert>;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {lines.length === 1 ? 'One change' : `${lines.length} changes`} {span}
      </Typography>
      <Box component="ul" aria-label="Changes" sx={{ m: 0, pl: 2.5 }}>
        {lines.map((line) => (
          <Box component="li" key={line.key} sx={{ mb: 0.75 }}>
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              {line.text}
            </Typography>
            {line.events && (
              <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                {line.events}
              </Typography>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
