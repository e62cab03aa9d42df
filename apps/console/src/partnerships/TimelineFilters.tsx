import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { EventFacets } from '@pe/domain';
import { useQuery } from '@tanstack/react-query';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import { instantOfLocalMinute, toLocalInputValue } from '../localTime';
import { isFiltering, NO_TIMELINE_FILTER, type TimelineFilter } from './timelineFilterModel';
import { eventTypeLabel } from './timelineModel';

const ANYONE = '';

/** The timers act as "system" in the log. */
const actorChoiceLabel = (actor: EventFacets['actors'][number]) => `${actor.actorId === 'system' ? 'The system (timers)' : actor.actorName} · ${actor.events}`;

/**
 * Narrows the timeline to one person, some event types and a time range; the choices are the
 * people and types that occur in this partnership's whole log, with how many events each has.
 * Only reads: it changes which events are listed, nothing else.
 */
export function TimelineFilters({
  partnershipId,
  version,
  filter,
  onChange,
}: {
  partnershipId: string;
  /** The record's version: the choices are fetched again when the log grows. */
  version: number;
  filter: TimelineFilter;
  onChange: (filter: TimelineFilter) => void;
}) {
  const dataProvider = useConsoleDataProvider();
  const { data: facets } = useQuery({ queryKey: ['partnerships', 'eventFacets', partnershipId, version], queryFn: () => dataProvider.eventFacets(partnershipId) });
  // A value from the address that the log (or the choices, still loading) lacks stays choosable, so the select can show it.
  const actors: { actorId: string; actorName: string; events: number }[] = [...(facets?.actors ?? [])];
  if (filter.actorId !== null && !actors.some((actor) => actor.actorId === filter.actorId)) actors.push({ actorId: filter.actorId, actorName: filter.actorId, events: 0 });
  const types: { type: string; events: number }[] = [...(facets?.types ?? [])];
  for (const type of filter.types) if (!types.some((one) => one.type === type)) types.push({ type, events: 0 });

  return (
    <Box
      component="form"
      aria-label="Filter the timeline"
      onSubmit={(submitted) => submitted.preventDefault()}
      // As many columns as the panel has room for (it is narrower beside a replay's event): one on a phone.
      sx={{ display: 'grid', gap: 1, alignItems: 'start', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 230px), 1fr))' }}
    >
      <TextField
        select
        size="small"
        label="Person"
        value={filter.actorId ?? ANYONE}
        onChange={(changed) => onChange({ ...filter, actorId: changed.target.value === ANYONE ? null : changed.target.value })}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value={ANYONE}>Anyone</MenuItem>
        {actors.map((actor) => (
          <MenuItem key={actor.actorId} value={actor.actorId}>
            {actorChoiceLabel(actor)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Event types"
        value={filter.types}
        onChange={(changed) => {
          const value: unknown = changed.target.value;
          onChange({ ...filter, types: Array.isArray(value) ? value.map(String) : String(value).split(',').filter(Boolean) });
        }}
        slotProps={{
          select: {
            multiple: true,
            displayEmpty: true,
            renderValue: (chosen) => {
              const list = chosen as string[];
              return list.length === 0 ? 'Every type' : list.map(eventTypeLabel).join(', ');
            },
          },
          inputLabel: { shrink: true },
        }}
      >
        {types.map((one) => (
          <MenuItem key={one.type} value={one.type} dense>
            <Checkbox size="small" checked={filter.types.includes(one.type)} sx={{ py: 0 }} />
            <ListItemText primary={eventTypeLabel(one.type)} secondary={`${one.events} event${one.events === 1 ? '' : 's'}`} />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="datetime-local"
        size="small"
        label="From"
        value={toLocalInputValue(filter.occurredFrom)}
        onChange={(changed) => onChange({ ...filter, occurredFrom: instantOfLocalMinute(changed.target.value, 'from') })}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField
        type="datetime-local"
        size="small"
        label="To"
        value={toLocalInputValue(filter.occurredTo)}
        onChange={(changed) => onChange({ ...filter, occurredTo: instantOfLocalMinute(changed.target.value, 'to') })}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <Button onClick={() => onChange(NO_TIMELINE_FILTER)} disabled={!isFiltering(filter)} sx={{ justifySelf: 'start' }}>
        Clear filters
      </Button>
    </Box>
  );
}
