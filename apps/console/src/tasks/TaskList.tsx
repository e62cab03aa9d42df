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
import { RejectTaskButton } from './RejectTaskButton';
import { TaskMarkers } from './TaskMarkers';
import { INBOX_DEFAULT_FILTER, statusChoices, type TaskRecord } from './taskModel';

const filters = [
  <SelectInput key="status" source="status" label="Status" choices={statusChoices} emptyText="Any status" alwaysOn />,
  <BooleanInput key="mine" source="mine" label="Only my tasks" alwaysOn />,
];

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
          label="Partnership"
          sortBy="partnershipName"
          render={(task) => <Link to={`/partnerships/${task.partnershipId}/show`}>{task.partnershipName}</Link>}
        />
        <DateField source="dueAt" label="Due" showTime />
        <TaskMarkers label="Follow-up" />
        <TextField source="status" />
        <FunctionField<TaskRecord>
          label="Actions"
          render={(task) =>
            task.status === 'open' ? (
              <Stack direction="row" spacing={1}>
                <ApproveTaskButton task={task} />
                <RejectTaskButton task={task} />
              </Stack>
            ) : (
              (task.decision ?? '')
            )
          }
        />
      </Datagrid>
    </List>
  );
}
