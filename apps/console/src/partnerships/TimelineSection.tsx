import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { Datagrid, DateField, FunctionField, NumberField, Pagination, ReferenceManyField, SimpleList, TextField } from 'react-admin';
import { actorLabel, summarizeEvent, type EventRecord } from './timelineModel';

/** How many events a page of the timeline shows; most partnerships fit in one page for a while. */
const EVENTS_PER_PAGE = 50;

/** Who did what and when, in the order it happened: the event log of this partnership. */
export function TimelineSection() {
  // A five-column table does not fit a phone: there each event is a two-line item.
  const small = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  return (
    <Stack component="section" spacing={1} aria-labelledby="timeline-heading">
      <Typography variant="h6" component="h2" id="timeline-heading">
        Timeline
      </Typography>
      <ReferenceManyField
        reference="events"
        target="partnershipId"
        sort={{ field: 'sequence', order: 'ASC' }}
        perPage={EVENTS_PER_PAGE}
        pagination={<Pagination rowsPerPageOptions={[EVENTS_PER_PAGE]} />}
      >
        {small ? (
          <SimpleList<EventRecord>
            linkType={false}
            primaryText={(event) => `${event.sequence}. ${summarizeEvent(event)}`}
            secondaryText={(event) => `${new Date(event.occurredAt).toLocaleString()} · ${actorLabel(event)}`}
            empty={<NoEvents />}
          />
        ) : (
          <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoEvents />}>
            <NumberField source="sequence" label="#" />
            <DateField source="occurredAt" label="Time" showTime />
            <TextField source="type" label="Event" />
            <FunctionField<EventRecord> label="By" render={(event) => actorLabel(event)} />
            <FunctionField<EventRecord> label="Details" render={(event) => summarizeEvent(event)} />
          </Datagrid>
        )}
      </ReferenceManyField>
    </Stack>
  );
}

function NoEvents() {
  return (
    <Typography variant="body2" color="text.secondary">
      Nothing has happened yet.
    </Typography>
  );
}
