import Chip from '@mui/material/Chip';
import { useRecordContext } from 'react-admin';
import { kindLabel, type NotificationRecord } from './notificationModel';

/** Escalations stand out: they mean a step is overdue and has gone up the ladder. */
export function NotificationKindChip(_props: { label?: string }) {
  const notification = useRecordContext<NotificationRecord>();
  if (!notification) return null;
  return (
    <Chip
      size="small"
      color={notification.kind === 'escalation' ? 'error' : 'info'}
      label={kindLabel(notification.kind)}
    />
  );
}
