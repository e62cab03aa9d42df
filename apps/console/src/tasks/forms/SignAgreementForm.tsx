import Alert from '@mui/material/Alert';
import { AgreementChanges } from '../context/AgreementChanges';
import { AgreementDocument } from '../context/AgreementDocument';
import { Empty } from '../context/Section';
import { DecisionForm } from './DecisionForm';
import type { TaskFormProps } from './types';

export function SignAgreementForm({ task, context, intent, onClose }: TaskFormProps<'SIGN_AGREEMENT'>) {
  return (
    <DecisionForm task={task} intent={intent} onClose={onClose} approveLabel="Sign">
      {context?.joining && (
        <Alert severity="info" sx={{ my: 1 }}>
          Your organization joins the partnership by signing the agreement in force.
        </Alert>
      )}
      {context?.changes && context.agreement && <AgreementChanges changes={context.changes} version={context.agreement.version} />}
      {context?.agreement ? <AgreementDocument agreement={context.agreement} round={context.round} /> : <Empty>No agreement is open for signing.</Empty>}
    </DecisionForm>
  );
}
