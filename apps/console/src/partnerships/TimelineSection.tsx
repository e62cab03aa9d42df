import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Pagination, ReferenceManyField, useListContext, useRecordContext } from 'react-admin';
import { CompareMoments, type Moments } from './CompareMoments';
import { ExportButtons } from './ExportButtons';
import type { PartnershipRecord } from './partnershipModel';
import { ReplayPicker } from './ReplayPicker';
import { TimelineFilters } from './TimelineFilters';
import { eventListFilter, isFiltering, NO_TIMELINE_FILTER } from './timelineFilterModel';
import { actorLabel, kpiNamesFrom, payloadText, summarizeEvent, TIMELINE_SORT, type EventRecord } from './timelineModel';
import { useReplayPoint, useTimelineFilter } from './usePageAddress';

/** How many events a page of the timeline shows; most partnerships fit in one page for a while. */
const EVENTS_PER_PAGE = 50;

/**
 * Who did what and when, newest first: the event log of this partnership, narrowed by person, event
 * type and time range. Each event opens to its full payload and its place in the hash chain, so an
 * auditor can check what was stored, and can be picked as one end of a comparison of two moments or
 * as the moment to see the whole partnership as it was.
 */
export function TimelineSection() {
  const partnership = useRecordContext<PartnershipRecord>();
  const latest = partnership?.version ?? 0;
  const [moments, setMoments] = useState<Moments>({ from: String(Math.max(0, latest - 1)), to: String(latest) });
  const { filter, setFilter } = useTimelineFilter();
  const { goTo } = useReplayPoint();
  return (
    <Stack component="section" spacing={1} aria-labelledby="timeline-heading">
      <Typography variant="h6" component="h2" id="timeline-heading">
        Timeline
      </Typography>
      {partnership && <ExportButtons partnershipId={partnership.id} />}
      <ReplayPicker onPick={goTo} />
      {partnership && <CompareMoments partnershipId={partnership.id} moments={moments} onChange={setMoments} kpiName={kpiNamesFrom(partnership.kpis)} />}
      {partnership && <TimelineFilters partnershipId={partnership.id} version={latest} filter={filter} onChange={setFilter} />}
      <ReferenceManyField
        reference="events"
        target="partnershipId"
        filter={eventListFilter(filter)}
        sort={TIMELINE_SORT}
        perPage={EVENTS_PER_PAGE}
        pagination={<Pagination rowsPerPageOptions={[EVENTS_PER_PAGE]} />}
      >
        <TimelineEvents onPick={(end, sequence) => setMoments((current) => ({ ...current, [end]: String(sequence) }))} />
      </ReferenceManyField>
    </Stack>
  );
}

function TimelineEvents({ onPick }: { onPick: (end: keyof Moments, sequence: number) => void }) {
  const partnership = useRecordContext<PartnershipRecord>();
  const { data, isPending } = useListContext<EventRecord>();
  const { filter, setFilter } = useTimelineFilter();
  if (isPending) return null;
  if ((!data || data.length === 0) && isFiltering(filter)) {
    return (
      <Stack direction="row" role="status" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          No events match these filters.
        </Typography>
        <Button size="small" onClick={() => setFilter(NO_TIMELINE_FILTER)}>
          Clear filters
        </Button>
      </Stack>
    );
  }
  if (!data || data.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Nothing has happened yet.
      </Typography>
    );
  }
  const kpiName = kpiNamesFrom(partnership?.kpis, data);
  return (
    <Box role="list" aria-label="Events, newest first">
      {data.map((event) => (
        <Accordion key={event.id} disableGutters variant="outlined" slotProps={{ transition: { unmountOnExit: true } }} role="listitem">
          <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`event-${event.sequence}-content`} id={`event-${event.sequence}-header`}>
            <Stack spacing={0.25} sx={{ minWidth: 0 }}>
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                {summarizeEvent(event, { kpiName })}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                #{event.sequence} · {event.type} · {new Date(event.occurredAt).toLocaleString()} · {actorLabel(event)}
              </Typography>
            </Stack>
          </AccordionSummary>
          <AccordionDetails id={`event-${event.sequence}-content`}>
            <EventDetail event={event} onPick={onPick} />
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}

function EventDetail({ event, onPick }: { event: EventRecord; onPick: (end: keyof Moments, sequence: number) => void }) {
  const { goTo } = useReplayPoint();
  return (
    <Stack spacing={1}>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button size="small" variant="contained" onClick={() => goTo(event.sequence)}>
          See the partnership as of this event
        </Button>
        <Button size="small" variant="outlined" onClick={() => onPick('from', event.sequence)}>
          Compare from here
        </Button>
        <Button size="small" variant="outlined" onClick={() => onPick('to', event.sequence)}>
          Compare to here
        </Button>
      </Stack>
      <Typography variant="subtitle2" component="h3">
        Payload
      </Typography>
      <Box
        component="pre"
        sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 360, overflowY: 'auto' }}
      >
        {payloadText(event.payload)}
      </Box>
      <HashLine label="Hash" value={event.hash} />
      <HashLine label="Previous hash" value={event.previousHash} />
    </Stack>
  );
}

function HashLine({ label, value }: { label: string; value: string | null }) {
  return (
    <Typography variant="body2" sx={{ fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' }}>
      <Box component="span" sx={{ fontFamily: 'fontFamily', fontWeight: 600 }}>
        {label}:{' '}
      </Box>
      {value ?? '—'}
    </Typography>
  );
}
