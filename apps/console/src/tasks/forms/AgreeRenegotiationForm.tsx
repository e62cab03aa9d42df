import { RenegotiationProposal } from '../context/RenegotiationProposal';
import { Empty } from '../context/Section';
import { DecisionForm } from './DecisionForm';
import type { TaskFormProps } from './types';

export function AgreeRenegotiationForm({ task, context, intent, onClose }: TaskFormProps<'AGREE_RENEGOTIATION'>) {
  return (
    <DecisionForm task={task} intent={intent} onClose={onClose} approveLabel="Agree">
      {context ? <RenegotiationProposal context={context} /> : <Empty>The renegotiation is no longer open.</Empty>}
    </DecisionForm>
  );
}
