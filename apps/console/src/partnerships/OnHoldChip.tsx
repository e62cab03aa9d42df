import Chip from '@mui/material/Chip';
import { useRecordContext } from 'react-admin';
import type { PartnershipRecord } from './partnershipModel';

/** Marks a partnership whose timers are paused; renders nothing while it runs. */
export function OnHoldChip(_props: { label?: string }) {
  const record = useRecordContext<PartnershipRecord>();
  if (!record?.onHold) return null;
  return <Chip size="small" color="warning" label="On hold" />;
}
