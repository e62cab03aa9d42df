import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useGetOne } from 'react-admin';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { ChangeList } from './CompareMoments';
import { usePartnershipPage } from './PartnershipPageContext';
import { changeLines } from './stateDiffModel';
import { actorLabel, kpiNamesFrom, summarizeEvent, type EventRecord } from './timelineModel';

/**
 * Beside a replayed state, the event that made it: what happened, who did it and when, and what it
 * changed — the diff of that one step, from the same endpoint and in the same words as "Compare two moments".
 */
export function ReplayStep({ position }: { position: number }) {
  const { record } = usePartnershipPage();
  const dataProvider = useConsoleDataProvider();
  const { data: event } = useGetOne<EventRecord>('events', { id: `${record.id}:${position}` });
  const kpiName = kpiNamesFrom(record.kpis, event ? [event] : []);
  const step = useQuery({
    queryKey: ['partnerships', 'diff', record.id, position - 1, position],
    queryFn: () => dataProvider.diff(record.id, String(position - 1), String(position)),
    // The first event creates everything: its diff would list every field of the record.
    enabled: position > 1,
    staleTime: Infinity,
  });
  return (
    <Paper component="aside" variant="outlined" aria-labelledby="replay-step-heading" sx={{ p: 1.5 }}>
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h2" id="replay-step-heading">
          The event that made this state
        </Typography>
        {event ? (
          <div>
            <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
              {summarizeEvent(event, { kpiName })}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ overflowWrap: 'anywhere' }}>
              #{event.sequence} · {event.type} · {new Date(event.occurredAt).toLocaleString()} · {actorLabel(event)}
            </Typography>
          </div>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Event #{position}…
          </Typography>
        )}
        {position === 1 ? (
          <Typography variant="body2">The partnership was created: everything on the page starts here.</Typography>
        ) : step.error ? (
          <Alert severity="warning">What this event changed could not be loaded.</Alert>
        ) : step.data ? (
          <ChangeList lines={changeLines(step.data, { kpiName })} fromSequence={step.data.fromSequence} toSequence={step.data.toSequence} />
        ) : null}
      </Stack>
    </Paper>
  );
}
