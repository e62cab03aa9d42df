import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { BooleanInput, Datagrid, DateField, FunctionField, Link, List, SelectInput, TextField } from 'react-admin';
import { TaskActions } from './TaskActions';
import { TaskAssignee } from './TaskAssignee';
import { TaskCards } from './TaskCards';
import { TaskMarkers } from './TaskMarkers';
import { useViewer } from './useViewer';
import { INBOX_DEFAULT_FILTER, kindChoices, statusChoices, taskKindLabel, type TaskRecord } from './taskModel';

const filters = [
  <SelectInput key="status" source="status" label="Status" choices={statusChoices} emptyText="Any status" alwaysOn />,
  <BooleanInput key="mine" source="mine" label="Only my tasks" alwaysOn />,
  <SelectInput key="kind" source="kind" label="Kind" choices={kindChoices} emptyText="Any kind" />,
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
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const viewer = useViewer();
  return (
    <List perPage={25} title="Inbox" filters={filters} filterDefaultValues={INBOX_DEFAULT_FILTER} sort={{ field: 'dueAt', order: 'ASC' }} empty={<EmptyInbox />} exporter={false}>
      {phone ? (
        <TaskCards empty={<EmptyInbox />} />
      ) : (
        // Rows do not navigate: a click is meant for the buttons in them.
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<EmptyInbox />}>
          <TextField source="title" />
          <FunctionField<TaskRecord> label="Kind" sortBy="kind" render={(task) => taskKindLabel(task.kind, task.cycle, task.purpose)} />
          <FunctionField<TaskRecord>
            label="Partnership"
            sortBy="partnershipName"
            render={(task) => <Link to={`/partnerships/${task.partnershipId}/show`}>{task.partnershipName}</Link>}
          />
          <TaskAssignee label="For" />
          <DateField source="dueAt" label="Due" showTime />
          <TaskMarkers label="Follow-up" />
          <TextField source="status" />
          {/* An auditor completes nothing: no column of empty cells. */}
          {viewer?.role !== 'auditor' && <FunctionField<TaskRecord> label="Actions" render={(task) => <TaskActions task={task} />} />}
        </Datagrid>
      )}
    </List>
  );
}
