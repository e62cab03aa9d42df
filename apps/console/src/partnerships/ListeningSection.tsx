import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DateInput, NumberInput, required, SelectInput, TextInput } from 'react-admin';
import { AlignmentMatrix } from './AlignmentMatrix';
import { CommandButton } from './CommandButton';
import { CommandForm } from './CommandForm';
import { toAddStakeholderCommand, toListeningSessionCommand, stakeholderQuadrant, type SessionFormValues, type StakeholderFormValues } from './listeningModel';
import { usePartnershipPage } from './PartnershipPageContext';
import { ChangeInProgress } from './ChangeInProgress';
import { RenegotiationForm } from './RenegotiationForm';
import { SectionHeading } from './SectionHeading';
import { useRuleErrors } from './useRuleErrors';
import { SignoffProgress } from './SignoffProgress';
import { StakeholderGrid } from './StakeholderGrid';
import { SectionError, StageStatus } from './StageStatus';

const SCALE = { min: 1, max: 5, step: 1 };

/** LISTENING: stakeholders, listening sessions, the alignment matrix, and the sign-off. */
export function ListeningSection() {
  const { record, access } = usePartnershipPage();
  // The sign-off's rule errors name the part that is missing; each part shows its own.
  const [signoffErrors, setSignoffErrors] = useRuleErrors();
  // On hold the decider takes nothing but Resume, so nothing here is offered.
  const listening = record.stage === 'LISTENING' && !record.hold;
  const recording = listening && access.coordinates;
  const scoringOpen = listening && !record.signoff;

  return (
    <Stack spacing={3}>
      <StageStatus stage="LISTENING" />

      <Stack spacing={1} component="section" aria-labelledby="stakeholders-heading">
        <SectionHeading id="stakeholders-heading">Stakeholders</SectionHeading>
        <SectionError message={signoffErrors.stakeholders} />
        <StakeholderGrid stakeholders={record.stakeholders ?? []} />
        {(record.stakeholders ?? []).map((stakeholder) => (
          <Typography key={stakeholder.id} variant="body2">
            {stakeholder.name}: interest {stakeholder.interest}, influence {stakeholder.influence} ({stakeholderQuadrant(stakeholder)})
          </Typography>
        ))}
        {recording && <AddStakeholderForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="sessions-heading">
        <SectionHeading id="sessions-heading">Listening sessions</SectionHeading>
        <SectionError message={signoffErrors.listeningSessions} />
        {(record.listeningSessions ?? []).length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No listening session recorded yet.
          </Typography>
        )}
        {(record.listeningSessions ?? []).map((session) => (
          <Paper key={session.id} variant="outlined" sx={{ p: 1.5 }}>
            <Typography variant="subtitle2">
              {session.heldOn}: {session.participants.join(', ')}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {session.heard}
            </Typography>
            {session.concerns.length > 0 && (
              <Typography variant="body2" color="text.secondary">
                Concerns: {session.concerns.join('; ')}
              </Typography>
            )}
          </Paper>
        ))}
        {recording && <RecordSessionForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="alignment-heading">
        <SectionHeading id="alignment-heading">Mission alignment</SectionHeading>
        <SectionError message={signoffErrors.alignment} />
        <AlignmentMatrix open={scoringOpen} />
      </Stack>

      <ChangeInProgress />
      <RenegotiationForm />

      <SignoffProgress subject="LISTENING" />
      {recording && scoringOpen && (
        <div>
          <CommandButton partnershipId={record.id} command={{ type: 'OpenListeningSignoff' }} success="Listening sign-off opened" onFieldErrors={setSignoffErrors}>
            Open listening sign-off
          </CommandButton>
        </div>
      )}
    </Stack>
  );
}

function AddStakeholderForm() {
  const { record, organizations } = usePartnershipPage();
  const members = organizations.filter((organization) => record.organizationIds.includes(organization.id));
  return (
    <CommandForm<StakeholderFormValues>
      partnershipId={record.id}
      defaultValues={{ stakeholder: { name: '', organizationId: null, interest: 3, influence: 3 } }}
      toCommand={toAddStakeholderCommand}
      success="Stakeholder added"
      saveLabel="Add stakeholder"
    >
      <Typography variant="subtitle2" component="h4">
        Add a stakeholder
      </Typography>
      <TextInput source="stakeholder.name" label="Name" validate={required()} fullWidth />
      <SelectInput source="stakeholder.organizationId" label="Member organization (if any)" choices={members} emptyText="None (outside the partnership)" fullWidth />
      <Stack direction="row" spacing={2}>
        <NumberInput source="stakeholder.interest" label="Interest (1–5)" {...SCALE} validate={required()} />
        <NumberInput source="stakeholder.influence" label="Influence (1–5)" {...SCALE} validate={required()} />
      </Stack>
    </CommandForm>
  );
}

function RecordSessionForm() {
  const { record, now } = usePartnershipPage();
  return (
    <CommandForm<SessionFormValues>
      partnershipId={record.id}
      defaultValues={{ session: { heldOn: new Date(now).toISOString().slice(0, 10), participants: '', heard: '', concerns: '' } }}
      toCommand={toListeningSessionCommand}
      success="Listening session recorded"
      saveLabel="Record session"
    >
      <Typography variant="subtitle2" component="h4">
        Record a listening session
      </Typography>
      <DateInput source="session.heldOn" label="Held on" validate={required()} />
      <TextInput source="session.participants" label="Participants (comma or one per line)" multiline validate={required()} fullWidth />
      <TextInput source="session.heard" label="What was heard" multiline minRows={2} validate={required()} fullWidth />
      <TextInput source="session.concerns" label="Concerns (one per line)" multiline fullWidth />
    </CommandForm>
  );
}
