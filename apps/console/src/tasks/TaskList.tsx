import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  BooleanInput,
  Datagrid,
  DateField,
  FunctionField,
  Link,
  List,
  SelectInput,
  TextField,
} from 'react-admin';
import { ApproveTaskButton } from './ApproveTaskButton';
import { CompleteTaskButton } from './CompleteTaskButton';
import { isDataTaskKind } from './completionModel';
import { RejectTaskButton } from './RejectTaskButton';
import { TaskMarkers } from './TaskMarkers';
import {
  INBOX_DEFAULT_FILTER,
  isDecisionTask,
  kindChoices,
  statusChoices,
  taskKindLabel,
  type TaskRecord,
} from './taskModel';

const filters = [
  <SelectInput key="status" source="status" label="Status" choices={statusChoices} emptyText="Any status" alwaysOn />,
  <BooleanInput key="mine" source="mine" label="Only my tasks" alwaysOn />,
  <SelectInput key="kind" source="kind" label="Kind" choices={kindChoices} emptyText="Any kind" />,
];

/** What a task's row offers: a decision for sign-offs, a dialog for the steps completed with data. */
function TaskActions({ task }: { task: TaskRecord }) {
  if (task.status === 'cancelled') return <>{task.cancelReason ? `Cancelled: ${task.cancelReason}` : 'Cancelled'}</>;
  if (task.status !== 'open') return <>{task.decision ?? ''}</>;
  if (isDecisionTask(task)) {
    return (
      <Stack direction="row" spacing={1}>
        <ApproveTaskButton task={task} />
        <RejectTaskButton task={task} />
      </Stack>
    );
  }
  return isDataTaskKind(task.kind) ? <CompleteTaskButton task={task} kind={task.kind} /> : null;
}

function EmptyInbox() {
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        Nothing waiting for you
      </Typography>
    </Box>
  );
}

export function TaskList() {
  return (
    <List
      perPage={25}
      title="Inbox"
      filters={filters}
      filterDefaultValues={INBOX_DEFAULT_FILTER}
      sort={{ field: 'dueAt', order: 'ASC' }}
      empty={<EmptyInbox />}
      exporter={false}
    >
      {/* Rows do not navigate: a click is meant for the buttons in them. */}
      <Datagrid bulkActionButtons={false} rowClick={false} empty={<EmptyInbox />}>
        <TextField source="title" />
        <FunctionField<TaskRecord>
          label="Kind"
          sortBy="kind"
          render={(task) => `${taskKindLabel(task.kind)}${task.cycle ? ` · cycle ${task.cycle}` : ''}`}
        />
        <FunctionField<TaskRecord>
          label="Partnership"
          sortBy="partnershipName"
          render={(task) => <Link to={`/partnerships/${task.partnershipId}/show`}>{task.partnershipName}</Link>}
        />
        <DateField source="dueAt" label="Due" showTime />
        <TaskMarkers label="Follow-up" />
        <TextField source="status" />
        <FunctionField<TaskRecord> label="Actions" render={(task) => <TaskActions task={task} />} />
      </Datagrid>
    </List>
  );
}
