import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { flaggedGoalRanks } from '@pe/domain';
import { required, TextInput } from 'react-admin';
import { CommandForm } from './CommandForm';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';

/**
 * LISTENING and ROLE_IDENTIFICATION, for the coordinator: while the alignment matrix flags a goal,
 * propose going back to priority setting; the partners decide under the model's rule.
 */
export function RenegotiationForm() {
  const { record, access } = usePartnershipPage();
  const flagged = flaggedGoalRanks({ goals: record.goals ?? [], organizationIds: record.organizationIds, alignment: record.alignment ?? {} });
  const inStage = record.stage === 'LISTENING' || record.stage === 'ROLE_IDENTIFICATION';
  if (!access.coordinates || !inStage || record.signoff || record.hold || flagged.length === 0) return null;
  return (
    <Stack spacing={1} component="section" aria-labelledby="renegotiation-heading">
      <SectionHeading id="renegotiation-heading">Renegotiate the goals</SectionHeading>
      <CommandForm<{ reason?: string | null }>
        partnershipId={record.id}
        defaultValues={{ reason: '' }}
        toCommand={(values) => ({ type: 'ProposeRenegotiation', reason: String(values.reason ?? '').trim() })}
        success="Renegotiation proposed to the partners"
        saveLabel="Propose renegotiation"
      >
        <Typography variant="body2">
          The alignment matrix flags goal {flagged.join(', ')}. The partners decide whether to go back to priority setting and redraft the goals.
        </Typography>
        <TextInput source="reason" label="Why the goals should be renegotiated" validate={required()} fullWidth multiline />
      </CommandForm>
    </Stack>
  );
}
