import SendIcon from '@mui/icons-material/Send';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  ArrayInput,
  DateInput,
  Form,
  minValue,
  NumberInput,
  required,
  SaveButton,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';
import { fieldErrorsOf } from '../apiError';
import { useNotifyError, useNotifySuccess } from '../notifyError';
import { useRef } from 'react';
import {
  toPrioritiesFormValues,
  toRecordGoalsCommand,
  type PartnershipRecord,
  type PrioritiesFormValues,
} from './partnershipModel';
import { ReportUnsavedForm } from './UnsavedChanges';
import { usePartnershipCommand } from './usePartnershipCommand';

/**
 * The inline iterator squeezes a goal's six inputs onto one line; fixed widths and wrapping
 * keep every input readable on narrow screens too.
 */
const NUMBER_WIDTH = { width: 110 };
const TEXT_WIDTH = { width: 220 };
const DATE_WIDTH = { width: 180 };
const WRAP_GOAL_INPUTS = { '& .RaSimpleFormIterator-form': { flexWrap: 'wrap' } };

/**
 * Drafts the goals and scope. Saving sends RecordGoals (not an update of the record: the
 * partnership changes only through commands).
 */
export function PrioritiesEditor({ record }: { record: PartnershipRecord }) {
  const { send } = usePartnershipCommand(record.id);
  const notifySuccess = useNotifySuccess();
  const notifyError = useNotifyError();

  // Set by "Save and submit" just before the form submits, so one click records and submits.
  const submitAfterSave = useRef(false);

  const save = async (values: PrioritiesFormValues) => {
    const andSubmit = submitAfterSave.current;
    submitAfterSave.current = false;
    try {
      await send(toRecordGoalsCommand(values));
      if (andSubmit) {
        await send({ type: 'SubmitPriorities' });
        notifySuccess('Priorities saved and submitted to the sponsor');
      } else {
        notifySuccess('Priorities saved');
      }
      return undefined;
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      // Returned errors land under their inputs ("goals.0.dueDate"); react-admin then
      // notifies root.serverError. Without field errors, notify here.
      if (Object.keys(fieldErrors).length === 0) {
        notifyError(error);
        return undefined;
      }
      return { ...fieldErrors, root: { serverError: (error as Error).message } };
    }
  };

  return (
    // Keyed on the version so the form starts again from what the API recorded after a refresh.
    <Form key={record.version} record={toPrioritiesFormValues(record)} onSubmit={save}>
      <ReportUnsavedForm />
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        Edit priorities
      </Typography>
      <ArrayInput source="goals" label="Goals">
        <SimpleFormIterator inline fullWidth disableReordering sx={WRAP_GOAL_INPUTS}>
          <NumberInput source="rank" label="Rank" validate={minValue(1)} sx={NUMBER_WIDTH} />
          <TextInput source="title" label="Title" validate={required()} sx={TEXT_WIDTH} />
          <TextInput source="metric" label="Metric" validate={required()} sx={TEXT_WIDTH} />
          <NumberInput source="baseline" label="Baseline" validate={required()} sx={NUMBER_WIDTH} />
          <NumberInput source="target" label="Target" validate={required()} sx={NUMBER_WIDTH} />
          <DateInput source="dueDate" label="Due date" validate={required()} sx={DATE_WIDTH} />
        </SimpleFormIterator>
      </ArrayInput>
      <TextInput source="scope" label="Scope" multiline minRows={2} fullWidth />
      <Stack direction="row" sx={{ mt: 1, flexWrap: 'wrap', gap: 2 }}>
        <SaveButton label="Save draft" variant="outlined" />
        {/* Enabled without edits too: goals saved earlier are submitted as they are. */}
        <SaveButton label="Save and submit to sponsor" icon={<SendIcon />} alwaysEnable onClick={() => (submitAfterSave.current = true)} />
      </Stack>
    </Form>
  );
}
