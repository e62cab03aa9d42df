import Button, { type ButtonProps } from '@mui/material/Button';
import { fieldErrorsOf, type FieldErrors } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import type { PartnershipCommand } from './partnershipModel';
import { usePartnershipCommand } from './usePartnershipCommand';

interface CommandButtonProps extends Omit<ButtonProps, 'onClick'> {
  partnershipId: string;
  command: PartnershipCommand;
  success: string;
  /** The rule's field errors (or none, after a success), for the page to show beside their sections. */
  onFieldErrors?: (errors: FieldErrors) => void;
}

/** Sends a command that takes no input (open a sign-off, issue the agreement, resume). */
export function CommandButton({ partnershipId, command, success, onFieldErrors, children, ...button }: CommandButtonProps) {
  const { send, pending } = usePartnershipCommand(partnershipId);
  const notifySuccess = useNotifySuccess();
  const notifyError = useNotifyError();

  const click = async () => {
    try {
      await send(command);
      onFieldErrors?.({});
      notifySuccess(success);
    } catch (error) {
      onFieldErrors?.(fieldErrorsOf(error));
      notifyError(error);
    }
  };

  return (
    <Button variant="contained" {...button} onClick={click} disabled={pending || button.disabled}>
      {children}
    </Button>
  );
}
