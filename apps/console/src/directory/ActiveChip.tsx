import Chip from '@mui/material/Chip';
import { useRecordContext } from 'react-admin';

/** Whether an organization or user is active; deactivated ones stay listed since past events name them. */
export function ActiveChip(_props: { label?: string; sortBy?: string }) {
  const record = useRecordContext<{ id: string; active: boolean }>();
  if (!record) return null;
  return record.active ? (
    <Chip size="small" color="success" variant="outlined" label="Active" />
  ) : (
    <Chip size="small" label="Deactivated" />
  );
}
