import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import DoneIcon from '@mui/icons-material/Done';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { isDataTaskKind, type TaskDecision } from '@pe/domain';
import { useState } from 'react';
import { TaskDialog } from './TaskDialog';
import { viewerMayComplete, type TaskRecord } from './taskModel';
import { useViewer } from './useViewer';

/**
 * What a task offers the person looking at it: nothing unless they may complete it; then Approve
 * and Reject for a decision, Complete for a task that takes data. Each opens the kind's form.
 */
export function TaskActions({ task }: { task: TaskRecord }) {
  const viewer = useViewer();
  const [intent, setIntent] = useState<TaskDecision | null>(null);
  if (task.status === 'cancelled') return <Outcome text={task.cancelReason ? `Cancelled: ${task.cancelReason}` : 'Cancelled'} />;
  if (task.status !== 'open') return <Outcome text={task.decision === 'reject' ? 'Rejected' : 'Completed'} />;
  if (!viewerMayComplete(task, viewer)) return null;
  return (
    <>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {isDataTaskKind(task.kind) ? (
          <Button size="small" variant="contained" startIcon={<DoneIcon />} onClick={() => setIntent('approve')}>
            Complete
          </Button>
        ) : (
          <>
            <Button size="small" variant="contained" color="success" startIcon={<CheckIcon />} onClick={() => setIntent('approve')}>
              Approve
            </Button>
            <Button size="small" variant="outlined" color="error" startIcon={<CloseIcon />} onClick={() => setIntent('reject')}>
              Reject
            </Button>
          </>
        )}
      </Stack>
      {intent && <TaskDialog task={task} intent={intent} onClose={() => setIntent(null)} />}
    </>
  );
}

function Outcome({ text }: { text: string }) {
  return <Typography variant="body2">{text}</Typography>;
}
