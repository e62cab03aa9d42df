import { Empty } from '../context/Section';
import { TerminationProposal } from '../context/TerminationProposal';
import { DecisionForm } from './DecisionForm';
import type { TaskFormProps } from './types';

export function ApproveTerminationForm({ task, context, intent, onClose }: TaskFormProps<'APPROVE_TERMINATION'>) {
  return (
    <DecisionForm task={task} intent={intent} onClose={onClose}>
      {context ? <TerminationProposal context={context} showRound={false} /> : <Empty>The proposal is no longer open.</Empty>}
    </DecisionForm>
  );
}
