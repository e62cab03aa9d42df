import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link, RecordContextProvider, useListContext } from 'react-admin';
import { TaskActions } from './TaskActions';
import { TaskAssignee } from './TaskAssignee';
import { TaskMarkers } from './TaskMarkers';
import { taskKindLabel, type TaskRecord } from './taskModel';

/** The inbox on a phone: one card per task, its buttons in reach, nothing wider than the screen. */
export function TaskCards({ empty }: { empty: React.ReactNode }) {
  const { data, isPending } = useListContext<TaskRecord>();
  if (isPending) return null;
  if (!data || data.length === 0) return <>{empty}</>;
  return (
    <Stack spacing={1} sx={{ p: 1 }}>
      {data.map((task) => (
        <RecordContextProvider key={task.id} value={task}>
          <Card variant="outlined" component="article" aria-label={task.title}>
            <CardContent sx={{ pb: 1 }}>
              <Typography variant="subtitle1" component="h2" sx={{ overflowWrap: 'anywhere' }}>
                {task.title}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {taskKindLabel(task.kind, task.cycle, task.purpose)} · due {new Date(task.dueAt).toLocaleString()}
              </Typography>
              <Typography variant="body2" component="div">
                For <TaskAssignee />
              </Typography>
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                <Link to={`/partnerships/${task.partnershipId}/show`}>{task.partnershipName}</Link>
              </Typography>
              <TaskMarkers />
            </CardContent>
            <CardActions>
              <TaskActions task={task} />
            </CardActions>
          </Card>
        </RecordContextProvider>
      ))}
    </Stack>
  );
}
