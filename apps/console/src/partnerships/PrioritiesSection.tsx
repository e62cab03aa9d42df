import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { usePermissions, useRecordContext } from 'react-admin';
import { canEditPriorities } from '../roles';
import { GoalsTable } from './GoalsTable';
import { PrioritiesEditor } from './PrioritiesEditor';
import { prioritiesAreEditable, prioritiesStatusLabel, type PartnershipRecord } from './partnershipModel';

/** What was agreed (or is being drafted) for the priority-setting stage. */
export function PrioritiesSection() {
  const record = useRecordContext<PartnershipRecord>();
  const { permissions } = usePermissions();
  if (!record) return null;
  const editable = prioritiesAreEditable(record) && canEditPriorities(permissions);

  return (
    <Stack component="section" spacing={1} aria-labelledby="priorities-heading">
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
