import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { OpenTask } from '@pe/domain';
import { useState } from 'react';
import { DateTimeInput, required, SelectInput, TextInput } from 'react-admin';
import { CommandButton } from './CommandButton';
import { CommandForm } from './CommandForm';
import { toLocalInputValue } from '../localTime';
import { ChangeInProgress } from './ChangeInProgress';
import {
  partnersDecideMembership,
  toAddOrganizationCommand,
  toMoveDueDateCommand,
  toRemoveOrganizationCommand,
  type AddOrganizationValues,
  type MoveDueDateValues,
  type RemoveOrganizationValues,
} from './operationsModel';
import { usePartnershipPage } from './PartnershipPageContext';
import { SectionHeading } from './SectionHeading';
import { dueInWords } from './waitingModel';

/** What may happen at any stage: hold and resume, organizations joining and leaving, moved due dates. */
export function OperationsSection() {
  const { record, access } = usePartnershipPage();
  const active = record.stage !== 'CLOSED';
  return (
    <Stack spacing={3}>
      <Stack spacing={1} component="section" aria-labelledby="hold-heading">
        <SectionHeading id="hold-heading">Hold</SectionHeading>
        {record.hold ? (
          <Alert severity="warning">
            On hold since {new Date(record.hold.since).toLocaleString()}: {record.hold.reason}. Every timer is paused; resuming moves them by the time held.
          </Alert>
        ) : (
          <Typography variant="body2">{active ? 'Running: its timers chase whoever is late.' : 'Closed.'}</Typography>
        )}
        {access.coordinates && record.hold && (
          <div>
            <CommandButton partnershipId={record.id} command={{ type: 'Resume' }} success="Partnership resumed">
              Resume
            </CommandButton>
          </div>
        )}
        {access.coordinates && !record.hold && (
          <CommandForm<{ reason?: string | null }>
            partnershipId={record.id}
            defaultValues={{ reason: '' }}
            toCommand={(values) => ({ type: 'PutOnHold', reason: String(values.reason ?? '').trim() })}
            success="Partnership put on hold"
            saveLabel="Put on hold"
          >
            <TextInput source="reason" label="Why it is put on hold" validate={required()} fullWidth />
          </CommandForm>
        )}
      </Stack>

      <Stack spacing={1} component="section" aria-labelledby="members-heading">
        <SectionHeading id="members-heading">Organizations</SectionHeading>
        {record.organizationIds.map((organizationId) => (
          <MemberRow key={organizationId} organizationId={organizationId} />
        ))}
        {partnersDecideMembership(record) && (
          <Typography variant="body2" color="text.secondary">
            A management model is chosen, so the partners decide who joins and who leaves: adding or removing an organization proposes it to them.
          </Typography>
        )}
        {access.coordinates && !record.hold && <AddOrganizationForm />}
      </Stack>

      <ChangeInProgress />

      <Stack spacing={1} component="section" aria-labelledby="open-tasks-heading">
        <SectionHeading id="open-tasks-heading">Open tasks</SectionHeading>
        {(record.openTasks ?? []).length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No task is open.
          </Typography>
        )}
        {[...(record.openTasks ?? [])]
          .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
          .map((task) => (
            <OpenTaskRow key={task.id} task={task} />
          ))}
      </Stack>
    </Stack>
  );
}

function MemberRow({ organizationId }: { organizationId: string }) {
  const { record, access, names } = usePartnershipPage();
  const [removing, setRemoving] = useState(false);
  const proposing = partnersDecideMembership(record);
  const others = record.organizationIds.filter((id) => id !== organizationId).map((id) => ({ id, name: names.organization(id) }));
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} role="group" aria-label={names.organization(organizationId)}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2">{names.organization(organizationId)}</Typography>
        {access.coordinates && !record.hold && !(proposing && record.signoff) && (
          <Button size="small" color="error" onClick={() => setRemoving(!removing)}>
            {removing ? 'Cancel' : 'Remove'}
          </Button>
        )}
      </Stack>
      {removing && (
        <CommandForm<RemoveOrganizationValues>
          partnershipId={record.id}
          defaultValues={{ reassignTo: null, reason: '' }}
          toCommand={(values) => toRemoveOrganizationCommand(organizationId, values)}
          success={proposing ? `Removing ${names.organization(organizationId)} proposed to the partners` : `${names.organization(organizationId)} removed`}
          saveLabel={proposing ? 'Propose removal' : 'Remove organization'}
        >
          <Typography variant="body2" color="text.secondary">
            {proposing ? 'Once the partners agree, its' : 'Its'} open tasks are cancelled; its roles and KPIs go to the organization you choose.
          </Typography>
          <SelectInput source="reassignTo" label="Reassign its roles and KPIs to" choices={others} emptyText="Nobody (it holds none)" fullWidth />
          {proposing && <TextInput source="reason" label="Why (the partners read it)" fullWidth multiline />}
        </CommandForm>
      )}
    </Paper>
  );
}

function AddOrganizationForm() {
  const { record, organizations } = usePartnershipPage();
  const outside = organizations.filter((organization) => !record.organizationIds.includes(organization.id));
  if (outside.length === 0 || record.signoff) return null;
  const proposing = partnersDecideMembership(record);
  return (
    <CommandForm<AddOrganizationValues>
      partnershipId={record.id}
      defaultValues={{ organizationId: null, reason: '' }}
      toCommand={toAddOrganizationCommand}
      success={proposing ? 'Admission proposed to the partners' : 'Organization added'}
      saveLabel={proposing ? 'Propose admission' : 'Add organization'}
    >
      <SelectInput source="organizationId" label="Organization joining" choices={outside} validate={required()} fullWidth helperText="If an agreement is in force, it is asked to sign it." />
      {proposing && <TextInput source="reason" label="Why (the partners read it)" fullWidth multiline />}
    </CommandForm>
  );
}

function OpenTaskRow({ task }: { task: OpenTask }) {
  const { record, access, names, now } = usePartnershipPage();
  const [moving, setMoving] = useState(false);
  const assignee = task.assignee.kind === 'organization' ? names.organization(task.assignee.organizationId) : names.user(task.assignee.userId);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} role="group" aria-label={task.title}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <div>
          <Typography variant="body2">{task.title}</Typography>
          <Typography variant="caption" color="text.secondary">
            {assignee}, {dueInWords(task.dueAt, now)} ({new Date(task.dueAt).toLocaleString()})
          </Typography>
        </div>
        {access.coordinates && !record.hold && (
          <Button size="small" onClick={() => setMoving(!moving)}>
            {moving ? 'Cancel' : 'Move due date'}
          </Button>
        )}
      </Stack>
      {moving && (
        <CommandForm<MoveDueDateValues>
          partnershipId={record.id}
          defaultValues={{ dueAt: toLocalInputValue(task.dueAt), reason: '' }}
          toCommand={(values) => toMoveDueDateCommand(task.id, values)}
          success="Due date moved"
          saveLabel="Save new due date"
        >
          <DateTimeInput source="dueAt" label="New due date" validate={required()} />
          <TextInput source="reason" label="Reason" validate={required()} fullWidth />
        </CommandForm>
      )}
    </Paper>
  );
}
