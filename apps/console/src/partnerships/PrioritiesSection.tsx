import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { GoalsTable } from './GoalsTable';
import { usePartnershipPage } from './PartnershipPageContext';
import { PrioritiesEditor } from './PrioritiesEditor';
import { prioritiesAreEditable, prioritiesStatusLabel } from './partnershipModel';
import { StageStatus } from './StageStatus';

/** What was agreed (or is being drafted) for the priority-setting stage. */
export function PrioritiesSection() {
  const { record, access } = usePartnershipPage();
  const editable = prioritiesAreEditable(record) && access.coordinates && !record.hold;

  return (
    <Stack component="section" spacing={1} aria-labelledby="priorities-heading">
      <StageStatus stage="PRIORITY_SETTING" />
      <Typography variant="h6" component="h2" id="priorities-heading">
        Priorities
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Status: {prioritiesStatusLabel(record.prioritiesStatus)}
      </Typography>
      {record.lastRejectionReason && (
        <Alert severity="warning" role="status">
          The sponsor rejected the last submission: {record.lastRejectionReason}
        </Alert>
      )}
      <GoalsTable goals={record.goals} />
      <Typography variant="subtitle2" component="h3">
        Scope
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
        {record.scope || 'No scope recorded yet.'}
      </Typography>
      {editable && <PrioritiesEditor record={record} />}
    </Stack>
  );
}
