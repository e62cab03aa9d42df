import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import {
  AutocompleteInput,
  Datagrid,
  FunctionField,
  Link,
  List,
  ReferenceInput,
  SelectInput,
  SimpleList,
  useListContext,
  usePermissions,
} from 'react-admin';
import { kindChoices, taskKindLabel } from '../tasks/taskModel';
import { canMoveDueDate, chasesLabel, deadlineLabel, purposeChoices, relativeWhen, type DeadlineRecord } from './deadlineModel';
import { MoveDueDateButton } from './MoveDueDateButton';
import { useRecipientNames } from './useRecipientNames';

const filters = [
  <ReferenceInput key="partnershipId" source="partnershipId" reference="partnerships" alwaysOn>
    <AutocompleteInput label="Partnership" optionText="name" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <SelectInput key="purpose" source="purpose" label="Timer" choices={purposeChoices} emptyText="Any timer" alwaysOn />,
  <SelectInput key="kind" source="kind" label="Task kind" choices={kindChoices} emptyText="Any kind" />,
  <ReferenceInput key="assigneeUserId" source="assigneeUserId" reference="users">
    <AutocompleteInput label="Assigned to" optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="recipientUserId" source="recipientUserId" reference="users">
    <AutocompleteInput label="Chases" optionText="name" />
  </ReferenceInput>,
];

function NoDeadlines() {
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        No timer is pending
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Reminders, escalations and review cycles appear here as soon as a task opens.
      </Typography>
    </Box>
  );
}

/**
 * Every pending timer of the partnerships the person may see: what it is for, whom it chases,
 * when it fires. A coordinator moves a task's due date from here.
 */
export function DeadlineList() {
  return (
    <List title="Deadline ledger" perPage={25} filters={filters} sort={{ field: 'firesAt', order: 'ASC' }} exporter={false} empty={<NoDeadlines />}>
      <DeadlineRows />
    </List>
  );
}

function DeadlineRows() {
  const { data } = useListContext<DeadlineRecord>();
  const names = useRecipientNames(data ?? []);
  const { permissions } = usePermissions();
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const now = new Date();
  const task = (entry: DeadlineRecord) => (entry.taskTitle ? `${entry.taskTitle}${entry.taskKind ? ` (${taskKindLabel(entry.taskKind)})` : ''}` : '—');
  const action = (entry: DeadlineRecord) => (canMoveDueDate(permissions, entry) ? <MoveDueDateButton entry={entry} /> : null);

  if (small) {
    return (
      <SimpleList<DeadlineRecord>
        primaryText={(entry) => `${deadlineLabel(entry)} · ${relativeWhen(entry.firesAt, now)}`}
        secondaryText={(entry) => (
          <>
            {entry.taskTitle ?? entry.partnershipName} · chases {chasesLabel(entry.recipients, names)}
            <br />
            <Link to={`/partnerships/${entry.partnershipId}/show`}>{entry.partnershipName}</Link>
            {entry.dueAt ? ` · due ${new Date(entry.dueAt).toLocaleString()}` : ''}
          </>
        )}
        tertiaryText={action}
        linkType={false}
        empty={<NoDeadlines />}
      />
    );
  }
  return (
    <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoDeadlines />}>
      <FunctionField<DeadlineRecord>
        label="Fires"
        sortBy="firesAt"
        render={(entry) => (
          <Stack>
            <span>{new Date(entry.firesAt).toLocaleString()}</span>
            <Typography variant="caption" color="text.secondary">
              {relativeWhen(entry.firesAt, now)}
            </Typography>
          </Stack>
        )}
      />
      <FunctionField<DeadlineRecord>
        label="Timer"
        sortBy="purpose"
        render={(entry) => <Chip size="small" color={entry.purpose === 'escalation' ? 'warning' : 'default'} label={deadlineLabel(entry)} />}
      />
      <FunctionField<DeadlineRecord> label="Task" sortBy="taskTitle" render={task} />
      <FunctionField<DeadlineRecord> label="Chases" render={(entry) => chasesLabel(entry.recipients, names)} />
      <FunctionField<DeadlineRecord>
        label="Partnership"
        sortBy="partnershipName"
        render={(entry) => <Link to={`/partnerships/${entry.partnershipId}/show`}>{entry.partnershipName}</Link>}
      />
      <FunctionField<DeadlineRecord>
        label="Task due"
        sortBy="dueAt"
        render={(entry) => (entry.dueAt ? `${new Date(entry.dueAt).toLocaleString()} (${relativeWhen(entry.dueAt, now)})` : '—')}
      />
      <FunctionField<DeadlineRecord> label="" render={action} />
    </Datagrid>
  );
}
