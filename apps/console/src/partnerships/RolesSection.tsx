import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ArrayInput, CheckboxGroupInput, NumberInput, RadioButtonGroupInput, required, SelectArrayInput, SelectInput, SimpleFormIterator, TextInput } from 'react-admin';
import { agreementDocument, draftAgreement, escalationsLine, NOT_RECORDED, termSentence } from './agreementModel';
import { CommandButton } from './CommandButton';
import { CommandForm } from './CommandForm';
import { DurationInput } from './DurationInput';
import { KpiSection } from './KpiSection';
import { NextVersionDraft } from './NextVersionDraft';
import { usePartnershipPage } from './PartnershipPageContext';
import { ResponsibilityGrid } from './ResponsibilityGrid';
import {
  MANAGEMENT_MODEL_RULES,
  managementModelChoices,
  terminationOptionChoices,
  TERMINATION_TERMS_ERROR_MOVES,
  toChooseManagementModelCommand,
  toCommitResourcesCommand,
  toSetGovernanceCommand,
  toSetTerminationTermsCommand,
  type GovernanceFormValues,
  type ManagementModelFormValues,
  type ResourceFormValues,
  type TerminationTermsFormValues,
  agreementTermDefaults,
  agreementTermErrorMoves,
  governanceDefaults,
  governanceErrorMoves,
  toSetAgreementTermCommand,
  type AgreementTermFormValues,
} from './rolesModel';
import { DURATION_UNITS, fromIsoDuration, TIMER_DURATION_UNITS } from './durationModel';
import { planSentence } from './checkInModel';
import { SectionHeading } from './SectionHeading';
import { useRuleErrors } from './useRuleErrors';
import { ChangeInProgress } from './ChangeInProgress';
import { RenegotiationForm } from './RenegotiationForm';
import { SignoffProgress } from './SignoffProgress';
import { SectionError, StageStatus } from './StageStatus';

const FULL = { width: '100%' };

/** ROLE_IDENTIFICATION: everything the partnering agreement is assembled from, then its issue. */
export function RolesSection() {
  const { record, access, names } = usePartnershipPage();
  // "Issue agreement" names each missing part; each part shows its own message.
  const [issueErrors, setIssueErrors] = useRuleErrors();
  const open = !record.signoff && !record.hold;
  const editable = access.coordinates && open && record.stage === 'ROLE_IDENTIFICATION';
  // KPIs and roles change in MEASUREMENT too, as a draft of the next agreement version.
  const kpisEditable = access.coordinates && open && (record.stage === 'ROLE_IDENTIFICATION' || record.stage === 'MEASUREMENT');
  const drafting = record.stage === 'MEASUREMENT' && record.draft != null;
  const doc = agreementDocument(draftAgreement(record), names);

  return (
    <Stack spacing={3}>
      <StageStatus stage="ROLE_IDENTIFICATION" />
      <NextVersionDraft onFieldErrors={setIssueErrors} />

      <Stack spacing={1} component="section" aria-labelledby="responsibilities-heading">
        <SectionHeading id="responsibilities-heading">Responsibilities</SectionHeading>
        <ResponsibilityGrid editable={kpisEditable} issueErrors={issueErrors} />
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="resources-heading">
        <SectionHeading id="resources-heading">Committed resources</SectionHeading>
        {doc.resources.length === 0 && <Typography variant="body2">{NOT_RECORDED}</Typography>}
        {doc.resources.map((resource, index) => (
          <Typography key={index} variant="body2">
            {resource.organization}: {resource.description} ({resource.amount})
          </Typography>
        ))}
        {editable && <ResourcesForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="model-heading">
        <SectionHeading id="model-heading">Management model</SectionHeading>
        <SectionError message={issueErrors.managementModel} />
        <Typography variant="body2">{doc.managementModel ? `${doc.managementModel.name}: ${doc.managementModel.rule}` : NOT_RECORDED}</Typography>
        {editable && <ManagementModelForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="governance-heading">
        <SectionHeading id="governance-heading">Governance</SectionHeading>
        <SectionError message={issueErrors.governance} />
        {doc.governance ? (
          <>
            {doc.governance.contacts.map((contact) => (
              <Typography key={contact.organization} variant="body2">
                Point of contact for {contact.organization}: {contact.contact}
              </Typography>
            ))}
            <Typography variant="body2">Decision rule: {doc.governance.decisionRule}</Typography>
            <Typography variant="body2">Escalation path: {doc.governance.escalationPath}</Typography>
            <Typography variant="body2">{escalationsLine(doc.governance.escalationSteps)}</Typography>
            <Typography variant="body2">{planSentence(record.governance?.communicationPlan, names.organization)}</Typography>
          </>
        ) : (
          <Typography variant="body2">{NOT_RECORDED}</Typography>
        )}
        {editable && <GovernanceForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="conflict-heading">
        <SectionHeading id="conflict-heading">Conflict process</SectionHeading>
        <SectionError message={issueErrors.conflictProcess} />
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {doc.conflictProcess || NOT_RECORDED}
        </Typography>
        {editable && <ConflictProcessForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="terms-heading">
        <SectionHeading id="terms-heading">Termination options and notice period</SectionHeading>
        <SectionError message={issueErrors.terminationOptions} />
        <Typography variant="body2">
          {doc.terminationOptions.length > 0 ? `Options: ${doc.terminationOptions.join('; ')}. Notice period: ${doc.noticePeriod}.` : NOT_RECORDED}
        </Typography>
        {editable && <TerminationTermsForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="term-heading">
        <SectionHeading id="term-heading">Agreement term</SectionHeading>
        <Typography variant="body2">{termSentence(record.agreementTerm)}</Typography>
        {record.termEndsAt && (
          <Typography variant="body2">
            The agreement in force {record.termExpired ? 'ended' : 'ends'} on {new Date(record.termEndsAt).toLocaleString()}
            {record.termExpired ? ', without a decision yet.' : '.'}
          </Typography>
        )}
        {kpisEditable && <AgreementTermForm />}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="kpis-heading">
        <SectionHeading id="kpis-heading">KPIs</SectionHeading>
        <SectionError message={issueErrors.kpis} />
        <KpiSection editable={kpisEditable} />
      </Stack>

      <ChangeInProgress />
      <RenegotiationForm />
      <SignoffProgress subject="AGREEMENT" />
      {kpisEditable && !drafting && (
        <Stack spacing={1}>
          <SectionError message={issueErrors.goals} />
          {Object.keys(issueErrors).length > 0 && <Alert severity="error">The agreement cannot be issued yet: see the messages above.</Alert>}
          <div>
            <CommandButton partnershipId={record.id} command={{ type: 'IssueAgreement' }} success="Agreement issued for signature" onFieldErrors={setIssueErrors}>
              {record.agreement ? 'Issue a new agreement version' : 'Issue agreement'}
            </CommandButton>
          </div>
        </Stack>
      )}
    </Stack>
  );
}

function useMembers() {
  const { record, organizations } = usePartnershipPage();
  return organizations.filter((organization) => record.organizationIds.includes(organization.id));
}

function ResourcesForm() {
  const { record } = usePartnershipPage();
  const members = useMembers();
  return (
    <CommandForm<ResourceFormValues>
      partnershipId={record.id}
      defaultValues={{ resources: (record.resources ?? []).map((resource) => ({ ...resource })) }}
      toCommand={toCommitResourcesCommand}
      success="Resources saved"
      saveLabel="Save resources"
    >
      <ArrayInput source="resources" label="Resources each organization commits">
        <SimpleFormIterator inline disableReordering sx={{ '& .RaSimpleFormIterator-form': { flexWrap: 'wrap' } }}>
          <SelectInput source="organizationId" label="Organization" choices={members} validate={required()} sx={{ width: 220 }} />
          <TextInput source="description" label="What" validate={required()} sx={{ width: 220 }} />
          <NumberInput source="amount" label="Amount" sx={{ width: 110 }} />
          <TextInput source="unit" label="Unit" sx={{ width: 110 }} />
        </SimpleFormIterator>
      </ArrayInput>
    </CommandForm>
  );
}

function ManagementModelForm() {
  const { record } = usePartnershipPage();
  const choices = managementModelChoices.map((choice) => ({ ...choice, name: `${choice.name}: ${MANAGEMENT_MODEL_RULES[choice.id]}` }));
  return (
    <CommandForm<ManagementModelFormValues>
      partnershipId={record.id}
      defaultValues={{ model: record.managementModel ?? null }}
      toCommand={toChooseManagementModelCommand}
      success="Management model chosen"
      saveLabel="Choose model"
    >
      <RadioButtonGroupInput source="model" label="Model" choices={choices} row={false} validate={required()} />
    </CommandForm>
  );
}

function GovernanceForm() {
  const { record, users } = usePartnershipPage();
  const members = useMembers();
  return (
    <CommandForm<GovernanceFormValues>
      partnershipId={record.id}
      defaultValues={governanceDefaults(record.governance, record.organizationIds)}
      toCommand={toSetGovernanceCommand}
      errorMoves={governanceErrorMoves(members.length)}
      success="Governance saved"
      saveLabel="Save governance"
    >
      {members.map((organization) => (
        <SelectInput
          key={organization.id}
          source={`governance.pointsOfContact.${organization.id}`}
          label={`Point of contact for ${organization.name}`}
          choices={users.filter((user) => user.organizationId === organization.id)}
          emptyText="None"
          sx={FULL}
        />
      ))}
      <TextInput source="governance.decisionRule" label="Decision rule" multiline validate={required()} fullWidth />
      <TextInput source="governance.escalationPath" label="Escalation path" multiline validate={required()} fullWidth />
      <SelectArrayInput
        source="governance.escalationSteps"
        label="Escalate to, in order"
        helperText="The people an overdue task escalates to, one a level; none: coordinator → sponsor → steering group"
        choices={users.filter((user) => user.role !== 'auditor' && user.role !== 'admin')}
        sx={FULL}
      />
      <Typography variant="subtitle2" component="h4" sx={{ pt: 1 }}>
        Communication plan
      </Typography>
      <DurationInput source="plan.cadence" label="Check-in every" units={DURATION_UNITS} helperText="blank: no check-ins" />
      <TextInput source="plan.channel" label="Check-in channel" helperText="How they meet: a video call, the steering meeting" fullWidth />
      <CheckboxGroupInput source="plan.organizationIds" label="Organizations at the check-ins" choices={members} row={false} />
    </CommandForm>
  );
}

function ConflictProcessForm() {
  const { record } = usePartnershipPage();
  return (
    <CommandForm<{ process?: string | null }>
      partnershipId={record.id}
      defaultValues={{ process: record.conflictProcess ?? '' }}
      toCommand={(values) => ({ type: 'SetConflictProcess', process: String(values.process ?? '').trim() })}
      success="Conflict process saved"
      saveLabel="Save conflict process"
    >
      <TextInput source="process" label="How conflicts are resolved" multiline minRows={2} validate={required()} fullWidth />
    </CommandForm>
  );
}

function AgreementTermForm() {
  const { record } = usePartnershipPage();
  return (
    <CommandForm<AgreementTermFormValues>
      partnershipId={record.id}
      defaultValues={agreementTermDefaults(record.agreementTerm, TIMER_DURATION_UNITS)}
      toCommand={toSetAgreementTermCommand}
      errorMoves={agreementTermErrorMoves(3)}
      success="Agreement term saved"
      saveLabel="Save term"
    >
      <DurationInput source="term" label="Runs for" units={TIMER_DURATION_UNITS} helperText="blank: open-ended" />
      {[0, 1, 2].map((index) => (
        <DurationInput key={index} source={`reminders.${index}`} label={`Reminder ${index + 1}`} units={TIMER_DURATION_UNITS} helperText="before the end" />
      ))}
    </CommandForm>
  );
}

function TerminationTermsForm() {
  const { record } = usePartnershipPage();
  return (
    <CommandForm<TerminationTermsFormValues>
      partnershipId={record.id}
      defaultValues={{ options: record.terminationOptions ?? [], notice: fromIsoDuration(record.noticePeriod, TIMER_DURATION_UNITS) }}
      toCommand={toSetTerminationTermsCommand}
      errorMoves={TERMINATION_TERMS_ERROR_MOVES}
      success="Termination terms saved"
      saveLabel="Save termination terms"
    >
      <CheckboxGroupInput source="options" label="Agreed termination options" choices={terminationOptionChoices} row={false} />
      {/* Down to seconds, like the policy's timers: the notice runs on the same durable timer. */}
      <DurationInput source="notice" label="Notice period" units={TIMER_DURATION_UNITS} />
    </CommandForm>
  );
}
