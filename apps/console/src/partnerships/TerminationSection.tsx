import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { TERMINATION_OPTIONS, durationInWords } from '@pe/domain';
import { required, SelectInput, TextInput } from 'react-admin';
import { CommandForm } from './CommandForm';
import { usePartnershipPage } from './PartnershipPageContext';
import { stageLabel } from './partnershipModel';
import { TERMINATION_OPTION_LABELS } from './rolesModel';
import { SectionHeading } from './SectionHeading';
import { SignoffProgress } from './SignoffProgress';
import { StageStatus } from './StageStatus';
import { proposableOptions, toProposeTerminationCommand, type ProposeTerminationValues } from './terminationModel';

/** TERMINATION: the proposal being decided, the agreed terms, and proposing one from any stage. */
export function TerminationSection() {
  const { record, access } = usePartnershipPage();
  const termination = record.termination;
  const mayPropose = access.coordinates && !termination && record.stage !== 'TERMINATION' && !record.hold;
  return (
    <Stack spacing={3}>
      <StageStatus stage="TERMINATION" />
      {termination && (
        <Alert severity="warning">
          Proposed: {TERMINATION_OPTION_LABELS[termination.option]}, from {stageLabel(termination.fromStage)}. Reason: {termination.reason}.{' '}
          {termination.approved ? 'The sponsor approved; the partners are signing off.' : 'Waiting for the sponsor’s approval.'}
        </Alert>
      )}
      <SignoffProgress subject="TERMINATION" />
      <Stack spacing={0.5} component="section" aria-labelledby="agreed-terms-heading">
        <SectionHeading id="agreed-terms-heading">Agreed terms</SectionHeading>
        <Typography variant="body2">
          {(record.terminationOptions ?? []).length > 0
            ? `Options: ${(record.terminationOptions ?? []).map((option) => TERMINATION_OPTION_LABELS[option]).join('; ')}.`
            : 'No termination options agreed yet: any option may be proposed.'}
        </Typography>
        <Typography variant="body2">Notice period: {record.noticePeriod ? durationInWords(record.noticePeriod) : 'not agreed yet'}.</Typography>
      </Stack>
      {mayPropose && (
        <Stack spacing={1} component="section" aria-labelledby="propose-heading">
          <SectionHeading id="propose-heading">Propose a termination</SectionHeading>
          <Typography variant="body2" color="text.secondary">
            Open tasks are cancelled and the sponsor is asked to approve; the partners then sign off under the decision rule.
          </Typography>
          <CommandForm<ProposeTerminationValues>
            partnershipId={record.id}
            defaultValues={{ option: null, reason: '' }}
            toCommand={toProposeTerminationCommand}
            success="Termination proposed to the sponsor"
            saveLabel="Propose termination"
          >
            <SelectInput
              source="option"
              label="Option"
              choices={proposableOptions(record.terminationOptions, TERMINATION_OPTIONS).map((id) => ({ id, name: TERMINATION_OPTION_LABELS[id] }))}
              validate={required()}
              fullWidth
            />
            <TextInput source="reason" label="Reason" multiline minRows={2} validate={required()} fullWidth />
          </CommandForm>
        </Stack>
      )}
    </Stack>
  );
}
