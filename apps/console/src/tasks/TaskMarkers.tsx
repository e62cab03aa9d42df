import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useRecordContext } from 'react-admin';
import { escalationLabel, isOverdue, type TaskRecord } from './taskModel';

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
      {(task.escalatedAt || (task.escalationLevel ?? 0) > 0) && (
        <Chip
          size="small"
          color="error"
          label={task.escalationLevel ? `Escalated · level ${task.escalationLevel}` : 'Escalated'}
          title={[
            task.escalationLevel ? escalationLabel(task.escalationLevel) : null,
            task.escalatedAt ? `escalated ${new Date(task.escalatedAt).toLocaleString()}` : null,
          ]
            .filter(Boolean)
            .join(', ')}
        />
      )}
    </Stack>
  );
}
