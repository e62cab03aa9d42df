import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { flaggedGoalRanks } from '@pe/domain';
import { required, TextInput } from 'react-admin';
import { CommandForm } from './CommandForm';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';
import { SignoffProgress } from './SignoffProgress';

/**
 * LISTENING and ROLE_IDENTIFICATION: when the alignment matrix flags a goal, the coordinator may
 * propose going back to priority setting; the partners decide under the model's rule. Shown to
 * everyone while the round is open, and to the coordinator while a proposal is possible.
 */
export function RenegotiationSection() {
  const { record, access } = usePartnershipPage();
  const flagged = flaggedGoalRanks({ goals: record.goals ?? [], organizationIds: record.organizationIds, alignment: record.alignment ?? {} });
  const inStage = record.stage === 'LISTENING' || record.stage === 'ROLE_IDENTIFICATION';
  const mayPropose = access.coordinates && inStage && !record.signoff && !record.hold && flagged.length > 0;
  const deciding = record.signoff?.subject === 'RENEGOTIATION';
  if (!mayPropose && !deciding) return null;
  return (
    <Stack spacing={1} component="section" aria-labelledby="renegotiation-heading">
      <SectionHeading id="renegotiation-heading">Renegotiate the goals</SectionHeading>
      {deciding && record.renegotiation && (
        <Typography variant="body2">
          Proposed: back to priority setting, because “{record.renegotiation.reason}” (flagged: goal {record.renegotiation.goalRanks.join(', ')}).
        </Typography>
      )}
      <SignoffProgress subject="RENEGOTIATION" />
      {mayPropose && (
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
      )}
    </Stack>
  );
}
