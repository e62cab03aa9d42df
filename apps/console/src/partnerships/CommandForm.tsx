import Stack from '@mui/material/Stack';
import { useState, type ReactNode } from 'react';
import { Form, SaveButton } from 'react-admin';
import { fieldErrorsOf, messageOf } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import type { PartnershipCommand } from './partnershipModel';
import { moveErrors } from './rolesModel';
import { ReportUnsavedForm } from './UnsavedChanges';
import { usePartnershipCommand } from './usePartnershipCommand';

interface CommandFormProps<Values extends object> {
  partnershipId: string;
  /** Where the form starts; it starts again from here after every change of the record. */
  defaultValues: Values;
  toCommand: (values: Values) => PartnershipCommand;
  /** Error keys of the command that an input of another name produced ("noticePeriod" → "notice.amount"). */
  errorMoves?: Record<string, string>;
  success: string;
  saveLabel: string;
  children: ReactNode;
}

/**
 * A form that sends one command. The API's field errors (400 from the schema, 422 from the
 * decider) come back under their inputs; errors with no input of their own are notified.
 */
export function CommandForm<Values extends object>({
  partnershipId,
  defaultValues,
  toCommand,
  errorMoves = {},
  success,
  saveLabel,
  children,
}: CommandFormProps<Values>) {
  const { send } = usePartnershipCommand(partnershipId);
  // A form starts again after its own save, or when what it edits changed underneath; another
  // command landing (a partner's score, a timer) leaves half-typed input alone.
  const [saved, setSaved] = useState(0);
  const formKey = `${saved}:${JSON.stringify(defaultValues)}`;
  const notifySuccess = useNotifySuccess();
  const notifyError = useNotifyError();

  const submit = async (values: Record<string, unknown>) => {
    try {
      await send(toCommand(values as Values));
      notifySuccess(success);
      setSaved((count) => count + 1);
      return undefined;
    } catch (error) {
      const fieldErrors = moveErrors(fieldErrorsOf(error), errorMoves);
      if (Object.keys(fieldErrors).length === 0) {
        notifyError(error);
        return undefined;
      }
      return { ...fieldErrors, root: { serverError: messageOf(error) } };
    }
  };

  return (
    <Form key={formKey} record={defaultValues} onSubmit={submit}>
      <ReportUnsavedForm />
      <Stack spacing={0.5} sx={{ maxWidth: 720 }}>
        {children}
        <div>
          <SaveButton label={saveLabel} />
        </div>
      </Stack>
    </Form>
  );
}
