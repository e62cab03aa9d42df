import CheckIcon from '@mui/icons-material/Check';
import Button from '@mui/material/Button';
import { useNotifyError } from '../notifyError';
import type { TaskRecord } from './taskModel';
import { useCompleteTask } from './useCompleteTask';

export function ApproveTaskButton({ task }: { task: TaskRecord }) {
  const { complete, pending } = useCompleteTask(task.id);
  const notifyError = useNotifyError();

  const approve = () => complete({ decision: 'approve' }).catch(notifyError);

  return (
    <Button size="small" variant="contained" color="success" startIcon={<CheckIcon />} onClick={approve} disabled={pending}>
      Approve
    </Button>
  );
}
