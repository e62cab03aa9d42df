import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import type { Role } from '@pe/domain';
import { Link, useGetList, useGetMany, usePermissions } from 'react-admin';
import { activityPath } from '../audit/auditModel';
import { chasesLabel, deadlineLabel, relativeWhen, type DeadlineRecord } from '../deadlines/deadlineModel';
import { useRecipientNames } from '../deadlines/useRecipientNames';
import { stageLabel, type PartnershipRecord } from '../partnerships/partnershipModel';
import { actorLabel, summarizeEvent, type EventRecord } from '../partnerships/timelineModel';
import { canFollowPeople } from '../roles';
import { taskKindLabel, type TaskRecord } from '../tasks/taskModel';
import { HomeCard, HomeRow, HomeRows, Nothing } from './HomeCard';
import { countByStage, myTasksTitle, overdueTasks } from './homeModel';

/** Enough to count every partnership a person sees on one page; the API caps a page at 500. */
const ALL = { page: 1, perPage: 500 };
const FEW = 6;

const partnershipLink = (id: string, name: string | undefined) => <Link to={`/partnerships/${id}/show`}>{name ?? 'the partnership'}</Link>;

export function StagesSection() {
  const { data, isPending } = useGetList<PartnershipRecord>('partnerships', { pagination: ALL, sort: { field: 'updatedAt', order: 'DESC' } });
  return (
    <HomeCard id="stages" title="Partnerships by stage" more={{ to: '/partnerships', label: 'All partnerships' }}>
      {isPending ? null : data && data.length > 0 ? (
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }} role="list" aria-label="Partnerships by stage">
          {countByStage(data).map(({ stage, count }) => (
            <Chip
              key={stage}
              role="listitem"
              component={Link}
              to={`/partnerships?filter=${encodeURIComponent(JSON.stringify({ stage }))}`}
              clickable
              color={count > 0 && stage !== 'CLOSED' ? 'primary' : 'default'}
              variant={count > 0 ? 'filled' : 'outlined'}
              label={`${stageLabel(stage)}: ${count}`}
            />
          ))}
        </Stack>
      ) : (
        <Nothing>No partnership yet.</Nothing>
      )}
    </HomeCard>
  );
}

export function OverdueSection() {
  const { data, isPending } = useGetList<TaskRecord>('tasks', { filter: { status: 'open' }, pagination: { page: 1, perPage: 100 }, sort: { field: 'dueAt', order: 'ASC' } });
  const now = new Date();
  const overdue = overdueTasks(data ?? [], now);
  return (
    <HomeCard id="overdue" title={`Overdue tasks${overdue.length > 0 ? ` (${overdue.length}${overdue.length === 100 ? '+' : ''})` : ''}`} more={{ to: '/deadlines', label: 'Deadline ledger' }}>
      {isPending ? null : overdue.length === 0 ? (
        <Nothing>Nothing is overdue.</Nothing>
      ) : (
        <HomeRows label="Overdue tasks">
          {overdue.slice(0, FEW).map((task) => (
            <HomeRow
              key={task.id}
              primary={task.title}
              secondary={
                <>
                  {taskKindLabel(task.kind)} · due {relativeWhen(task.dueAt, now)}
                  {task.escalationLevel ? ` · escalated to level ${task.escalationLevel}` : ''} · {partnershipLink(task.partnershipId, task.partnershipName)}
                </>
              }
            />
          ))}
        </HomeRows>
      )}
    </HomeCard>
  );
}

export function DeadlinesSection() {
  const { data, isPending } = useGetList<DeadlineRecord>('deadlines', { pagination: { page: 1, perPage: FEW }, sort: { field: 'firesAt', order: 'ASC' } });
  const names = useRecipientNames(data ?? []);
  const now = new Date();
  return (
    <HomeCard id="deadlines" title="Next deadlines" more={{ to: '/deadlines', label: 'Deadline ledger' }}>
      {isPending ? null : !data || data.length === 0 ? (
        <Nothing>No timer is pending.</Nothing>
      ) : (
        <HomeRows label="Next deadlines">
          {data.map((entry) => (
            <HomeRow
              key={entry.id}
              primary={`${deadlineLabel(entry)} ${relativeWhen(entry.firesAt, now)}${entry.taskTitle ? `: ${entry.taskTitle}` : ''}`}
              secondary={
                <>
                  chases {chasesLabel(entry.recipients, names)} · {partnershipLink(entry.partnershipId, entry.partnershipName)}
                </>
              }
            />
          ))}
        </HomeRows>
      )}
    </HomeCard>
  );
}

export function MyTasksSection({ role }: { role: Role | undefined }) {
  const { data, total, isPending } = useGetList<TaskRecord>('tasks', {
    filter: { mine: true, status: 'open' },
    pagination: { page: 1, perPage: FEW },
    sort: { field: 'dueAt', order: 'ASC' },
  });
  const now = new Date();
  const title = myTasksTitle(role);
  return (
    <HomeCard id="my-tasks" title={`${title}${total ? ` (${total})` : ''}`} more={{ to: '/tasks', label: 'Open the inbox' }}>
      {isPending ? null : !data || data.length === 0 ? (
        <Nothing>Nothing is waiting for you.</Nothing>
      ) : (
        <HomeRows label={title}>
          {data.map((task) => (
            <HomeRow
              key={task.id}
              primary={task.title}
              secondary={
                <>
                  {taskKindLabel(task.kind)} · due {relativeWhen(task.dueAt, now)} · {partnershipLink(task.partnershipId, task.partnershipName)}
                </>
              }
            />
          ))}
        </HomeRows>
      )}
    </HomeCard>
  );
}

/** Events of the visible partnerships with their partnerships' names, newest first. */
function useRecentEvents(filter: Record<string, unknown>) {
  const events = useGetList<EventRecord>('events', { filter, pagination: { page: 1, perPage: FEW }, sort: { field: 'occurredAt', order: 'DESC' } });
  const partnershipIds = [...new Set((events.data ?? []).map((event) => event.partnershipId))];
  const { data: partnerships } = useGetMany<PartnershipRecord>('partnerships', { ids: partnershipIds }, { enabled: partnershipIds.length > 0 });
  const nameOf = (id: string) => partnerships?.find((partnership) => partnership.id === id)?.name;
  return { ...events, nameOf };
}

export function EscalationsSection() {
  const { data, isPending, nameOf } = useRecentEvents({ type: 'TaskEscalated' });
  const taskIds = [...new Set((data ?? []).map((event) => String((event.payload as { taskId?: unknown } | null)?.taskId ?? '')).filter((id) => id !== ''))];
  const { data: tasks } = useGetMany<TaskRecord>('tasks', { ids: taskIds }, { enabled: taskIds.length > 0 });
  const now = new Date();
  return (
    <HomeCard id="escalations" title="Recent escalations">
      {isPending ? null : !data || data.length === 0 ? (
        <Nothing>No task has been escalated.</Nothing>
      ) : (
        <HomeRows label="Recent escalations">
          {data.map((event) => {
            const task = tasks?.find((candidate) => candidate.id === (event.payload as { taskId?: unknown } | null)?.taskId);
            return (
              <HomeRow
                key={event.id}
                primary={`${task ? `“${task.title}”: ` : ''}${summarizeEvent(event)}`}
                secondary={
                  <>
                    {relativeWhen(event.occurredAt, now)} · {partnershipLink(event.partnershipId, nameOf(event.partnershipId))}
                  </>
                }
              />
            );
          })}
        </HomeRows>
      )}
    </HomeCard>
  );
}

export function ActivitySection() {
  const { data, isPending, nameOf } = useRecentEvents({});
  const { permissions } = usePermissions();
  const follow = canFollowPeople(permissions);
  const now = new Date();
  // A person's name leads to everything they did; the timers ("system") are nobody to follow.
  const actor = (event: EventRecord) =>
    follow && event.actorId && event.actorRole !== 'system' ? <Link to={activityPath(event.actorId)}>{actorLabel(event)}</Link> : actorLabel(event);
  return (
    <HomeCard id="activity" title="Recent activity" more={follow ? { to: '/events', label: 'Activity by person' } : undefined}>
      {isPending ? null : !data || data.length === 0 ? (
        <Nothing>Nothing has happened yet.</Nothing>
      ) : (
        <HomeRows label="Recent activity">
          {data.map((event) => (
            <HomeRow
              key={event.id}
              primary={summarizeEvent(event)}
              secondary={
                <>
                  {new Date(event.occurredAt).toLocaleString()} ({relativeWhen(event.occurredAt, now)}) · {actor(event)} ·{' '}
                  {partnershipLink(event.partnershipId, nameOf(event.partnershipId))}
                </>
              }
            />
          ))}
        </HomeRows>
      )}
    </HomeCard>
  );
}
