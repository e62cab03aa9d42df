import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { checkInRows, communicationSentence, planInForce, planSentence, recordCommunication } from './checkInModel';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';

/** A chip whose label wraps on a phone instead of widening the page. */
const WRAPPING_CHIP = { height: 'auto', maxWidth: '100%', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } } as const;

/** The communication plan in force, held against planned, and every check-in with its actions. */
export function CheckInsSection() {
  const { record, names, now } = usePartnershipPage();
  const plan = planInForce(record);
  const at = new Date(now);
  const rows = checkInRows(record, at, names.user);
  return (
    <Stack spacing={3}>
      <Stack spacing={0.5} component="section" aria-labelledby="plan-heading">
        <SectionHeading id="plan-heading">Communication plan</SectionHeading>
        <Typography variant="body2">{planSentence(plan, names.organization)}</Typography>
        {!plan && record.governance?.communicationPlan && (
          <Typography variant="body2" color="text.secondary">
            {planSentence(record.governance.communicationPlan, names.organization)} It applies once an agreement carrying it is adopted.
          </Typography>
        )}
        {plan && record.nextCheckInAt && <Typography variant="body2">Next check-in falls due {new Date(record.nextCheckInAt).toLocaleString()}.</Typography>}
        <Typography variant="body2">{communicationSentence(recordCommunication(record, at))}</Typography>
        <Typography variant="caption" color="text.secondary">
          Each check-in is a task for the coordinator to record; each action agreed is a task for its owner. A check-in not recorded in time is reminded and escalated like any task.
        </Typography>
      </Stack>
      <Stack spacing={1} component="section" aria-labelledby="checkins-heading">
        <SectionHeading id="checkins-heading">Check-ins</SectionHeading>
        {rows.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No check-in has fallen due yet.
          </Typography>
        )}
        {rows.map((row) => (
          <Paper key={row.number} variant="outlined" sx={{ p: 1.5 }} role="group" aria-label={row.title}>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
              <Typography variant="subtitle2" component="h3">
                {row.title}
              </Typography>
              <Chip size="small" label={row.status} color={row.tone} variant={row.tone === 'default' ? 'outlined' : 'filled'} sx={WRAPPING_CHIP} />
            </Stack>
            {row.attendees && <Typography variant="body2">Attended: {row.attendees}</Typography>}
            {row.notes && (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {row.notes}
              </Typography>
            )}
            {row.actions.length > 0 && (
              <Stack component="ul" spacing={0.5} sx={{ pl: 2.5, my: 0.5 }} aria-label={`Actions of check-in ${row.number}`}>
                {row.actions.map((action) => (
                  <Typography key={action.id} component="li" variant="body2">
                    {action.description} — {action.owner}, due {action.due}:{' '}
                    <Typography component="span" variant="body2" color={action.done ? 'success.main' : 'text.secondary'}>
                      {action.status}
                    </Typography>
                  </Typography>
                ))}
              </Stack>
            )}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
