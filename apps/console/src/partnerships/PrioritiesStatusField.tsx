import Chip from '@mui/material/Chip';
import { useRecordContext } from 'react-admin';
import { prioritiesStatusLabel, type PartnershipRecord } from './partnershipModel';

const COLORS = { DRAFTING: 'default', SUBMITTED: 'warning', APPROVED: 'success' } as const;

export function PrioritiesStatusField(_props: { label?: string }) {
  const record = useRecordContext<PartnershipRecord>();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={COLORS[record.prioritiesStatus] ?? 'default'}
      label={prioritiesStatusLabel(record.prioritiesStatus)}
      data-priorities-status={record.prioritiesStatus}
    />
  );
}
