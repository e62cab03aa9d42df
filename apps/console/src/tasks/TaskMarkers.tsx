import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useRecordContext } from 'react-admin';
import { isOverdue, type TaskRecord } from './taskModel';

/** Flags that tell a person the timers have already chased this task. */
export function TaskMarkers(_props: { label?: string }) {
  const task = useRecordContext<TaskRecord>();
  if (!task) return null;
  return (
    <Stack direction="row" spacing={0.5}>
      {isOverdue(task) && <Chip size="small" color="warning" label="Overdue" />}
      {task.remindedAt && (
        <Chip size="small" label="Reminded" title={`Reminded ${new Date(task.remindedAt).toLocaleString()}`} />
      )}
      {task.escalatedAt && (
        <Chip
          size="small"
          color="error"
          label="Escalated"
          title={`Escalated ${new Date(task.escalatedAt).toLocaleString()}`}
        />
      )}
    </Stack>
  );
}
