import { ListeningRecord } from '../context/ListeningRecord';
import { Empty } from '../context/Section';
import { DecisionForm } from './DecisionForm';
import type { TaskFormProps } from './types';

export function ConfirmListeningForm({ task, context, intent, onClose }: TaskFormProps<'CONFIRM_LISTENING'>) {
  return (
    <DecisionForm task={task} intent={intent} onClose={onClose} approveLabel="Confirm">
      {context ? <ListeningRecord context={context} /> : <Empty>The listening record is no longer available.</Empty>}
    </DecisionForm>
  );
}
