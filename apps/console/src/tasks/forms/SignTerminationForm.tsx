import { Empty } from '../context/Section';
import { TerminationProposal } from '../context/TerminationProposal';
import { DecisionForm } from './DecisionForm';
import type { TaskFormProps } from './types';

export function SignTerminationForm({ task, context, intent, onClose }: TaskFormProps<'SIGN_TERMINATION'>) {
  return (
    <DecisionForm task={task} intent={intent} onClose={onClose} approveLabel="Sign">
      {context ? <TerminationProposal context={context} showRound /> : <Empty>The termination is no longer open.</Empty>}
    </DecisionForm>
  );
}
