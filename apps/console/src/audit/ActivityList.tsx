import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import {
  AutocompleteInput,
  Datagrid,
  DateTimeInput,
  FunctionField,
  Link,
  List,
  ReferenceInput,
  SelectInput,
  SimpleList,
  useGetOne,
  useListContext,
} from 'react-admin';
import { relativeWhen } from '../deadlines/deadlineModel';
import { actorLabel, eventTypeLabel, kpiNamesFrom, summarizeEvent, type EventRecord } from '../partnerships/timelineModel';
import { roleLabel, type UserRecord } from '../users/userModel';
import { instantOfLocalMinute } from '../localTime';
import { eventTypeChoices } from './auditModel';

/** The event log carries the partnership's name; the console's EventRecord is the timeline's, within one partnership. */
type ActivityRecord = EventRecord & { partnershipName: string | null };

const personText = (user: UserRecord) => `${user.name} (${roleLabel(user.role)})`;

const filters = [
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput label="Person" optionText={personText} sx={{ minWidth: 260 }} />
  </ReferenceInput>,
  <SelectInput key="type" source="type" label="Event type" choices={eventTypeChoices} emptyText="Any event" alwaysOn />,
  <DateTimeInput key="occurredFrom" source="occurredFrom" label="From" parse={(value: unknown) => instantOfLocalMinute(value, 'from') ?? undefined} alwaysOn />,
  <DateTimeInput key="occurredTo" source="occurredTo" label="To" parse={(value: unknown) => instantOfLocalMinute(value, 'to') ?? undefined} alwaysOn />,
];

/**
 * What one person did in every partnership the viewer may see, newest first: pick the person, and
 * narrow by event type and time range. Each event names its partnership (a link to it) and reads
 * as it does on that partnership's timeline.
 */
export function ActivityList() {
  return (
    <List title="Activity by person" filters={filters} sort={{ field: 'occurredAt', order: 'DESC' }} perPage={25} exporter={false} empty={false}>
      <ActivityRows />
    </List>
  );
}

function ActivityRows() {
  const { data, isPending, filterValues } = useListContext<ActivityRecord>();
  const actorId = typeof filterValues.actorId === 'string' ? filterValues.actorId : undefined;
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  if (!actorId) return <ChooseSomeone />;
  if (isPending) return null;
  if (!data || data.length === 0) return <NothingDone actorId={actorId} narrowed={Object.keys(filterValues).length > 1} />;
  const kpiName = kpiNamesFrom(undefined, data);
  const now = new Date();
  const partnership = (event: ActivityRecord) => <Link to={`/partnerships/${event.partnershipId}/show`}>{event.partnershipName ?? 'the partnership'}</Link>;
  const when = (event: ActivityRecord) => `${new Date(event.occurredAt).toLocaleString()} (${relativeWhen(event.occurredAt, now)})`;
  const detail = (event: ActivityRecord) => `#${event.sequence} · ${eventTypeLabel(event.type)} · ${actorLabel(event)}`;

  if (small) {
    return (
      <SimpleList<ActivityRecord>
        primaryText={(event) => <Box sx={{ overflowWrap: 'anywhere' }}>{summarizeEvent(event, { kpiName })}</Box>}
        secondaryText={(event) => (
          <>
            {when(event)}
            <br />
            {partnership(event)} · {detail(event)}
          </>
        )}
        linkType={false}
        rowSx={() => ({ alignItems: 'flex-start' })}
      />
    );
  }
  return (
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <FunctionField<ActivityRecord> label="When" sortBy="occurredAt" render={when} />
      <FunctionField<ActivityRecord> label="Partnership" sortable={false} render={partnership} />
      <FunctionField<ActivityRecord>
        label="What happened"
        sortable={false}
        render={(event) => (
          <Stack spacing={0.25}>
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              {summarizeEvent(event, { kpiName })}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {detail(event)}
            </Typography>
          </Stack>
        )}
      />
    </Datagrid>
  );
}

function ChooseSomeone() {
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        Choose a person
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Everything they did, in every partnership you may see, appears here newest first.
      </Typography>
    </Box>
  );
}

function NothingDone({ actorId, narrowed }: { actorId: string; narrowed: boolean }) {
  const { data: person } = useGetOne<UserRecord>('users', { id: actorId });
  return (
    <Box sx={{ textAlign: 'center', m: 4 }}>
      <Typography variant="h6" component="p">
        {person ? `${person.name} did nothing here` : 'Nothing here'}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {narrowed ? 'No event of theirs matches the type and time range chosen. Widen them to see more.' : 'They have not acted in any partnership you may see.'}
      </Typography>
    </Box>
  );
}
