import Chip from '@mui/material/Chip';
import { useRecordContext } from 'react-admin';
import { stageLabel, type PartnershipRecord } from './partnershipModel';

/** The stage as a chip, so a list can be scanned by stage at a glance. */
export function StageChip(_props: { label?: string }) {
  const record = useRecordContext<PartnershipRecord>();
  if (!record) return null;
  const color = record.stage === 'CLOSED' ? 'default' : 'primary';
  return <Chip size="small" color={color} label={stageLabel(record.stage)} data-stage={record.stage} />;
}
