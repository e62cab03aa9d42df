import SendIcon from '@mui/icons-material/Send';
import Button from '@mui/material/Button';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { usePartnershipCommand } from './usePartnershipCommand';

/** Hands the recorded priorities to the sponsor, who gets an approval task. */
export function SubmitPrioritiesButton({ partnershipId }: { partnershipId: string }) {
  const { send, pending } = usePartnershipCommand(partnershipId);
  const notifySuccess = useNotifySuccess();
  const notifyError = useNotifyError();

  const submit = async () => {
    try {
      await send({ type: 'SubmitPriorities' });
      notifySuccess('Priorities submitted to the sponsor');
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Button variant="outlined" startIcon={<SendIcon />} onClick={submit} disabled={pending}>
      Submit to sponsor
    </Button>
  );
}
