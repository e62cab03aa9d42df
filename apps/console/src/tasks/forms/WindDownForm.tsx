import Typography from '@mui/material/Typography';
import { Section } from '../context/Section';
import { useTaskCompletion } from '../useTaskCompletion';
import { DataFormActions } from './DataFormActions';
import { TaskDialogFrame } from './TaskDialogFrame';
import type { TaskFormProps } from './types';

export function WindDownForm({ task, context, onClose }: TaskFormProps<'WIND_DOWN'>) {
  const { submit, pending, errors } = useTaskCompletion(task, onClose);
  return (
    <TaskDialogFrame
      task={task}
      onClose={onClose}
      onSubmit={() => void submit({ decision: 'approve', data: {} })}
      errors={errors}
      placed={[]}
      actions={<DataFormActions onClose={onClose} pending={pending} label="Mark done" />}
    >
      <Section title="Step">
        <Typography variant="body1">{context?.item ?? task.detail ?? task.title}</Typography>
      </Section>
    </TaskDialogFrame>
  );
}
