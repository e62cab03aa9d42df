import { ChangeProposal } from '../context/ChangeProposal';
import { Empty } from '../context/Section';
import { DecisionForm } from './DecisionForm';
import type { TaskFormProps } from './types';

export function DecideChangeForm({ task, context, intent, onClose }: TaskFormProps<'DECIDE_CHANGE'>) {
  return (
    <DecisionForm task={task} intent={intent} onClose={onClose} approveLabel="Agree">
      {context ? <ChangeProposal context={context} /> : <Empty>The change is no longer open.</Empty>}
    </DecisionForm>
  );
}
