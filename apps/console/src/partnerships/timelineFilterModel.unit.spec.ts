import { describe, expect, it } from 'vitest';
import {
  eventListFilter,
  isFiltering,
  NO_TIMELINE_FILTER,
  searchWithTimelineFilter,
  timelineFilterOf,
} from './timelineFilterModel';

const filter = { actorId: 'u-1', types: ['GoalsRecorded', 'PrioritiesSubmitted'], occurredFrom: '2026-03-01T00:00:00.000Z', occurredTo: '2026-03-31T23:59:59.999Z' };

describe('the timeline filter in the address', () => {
  it('given a filter, then writes it beside the replay point and reads it back the same', () => {
    const search = searchWithTimelineFilter('?asOf=3', filter);
    expect(search).toBe(
      '?asOf=3&actor=u-1&type=GoalsRecorded&type=PrioritiesSubmitted&occurredFrom=2026-03-01T00%3A00%3A00.000Z&occurredTo=2026-03-31T23%3A59%3A59.999Z',
    );
    expect(timelineFilterOf(search)).toEqual(filter);
  });

  it('given no filter, then clears every filter parameter and keeps the rest', () => {
    expect(searchWithTimelineFilter('?asOf=3&actor=u-1&type=X', NO_TIMELINE_FILTER)).toBe('?asOf=3');
    expect(searchWithTimelineFilter('?actor=u-1', NO_TIMELINE_FILTER)).toBe('');
    expect(timelineFilterOf('?asOf=3')).toEqual(NO_TIMELINE_FILTER);
    expect(isFiltering(NO_TIMELINE_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_TIMELINE_FILTER, types: ['GoalsRecorded'] })).toBe(true);
  });

  it('given a type twice or blank, then keeps it once and drops the blank', () => {
    expect(timelineFilterOf('?type=A&type=A&type=&actor=').types).toEqual(['A']);
    expect(timelineFilterOf('?actor=').actorId).toBeNull();
  });
});

describe('the event list filter', () => {
  it('given a filter, then sends the API’s names, the types as a list, and nothing for what is unset', () => {
    expect(eventListFilter(filter)).toEqual({ actorId: 'u-1', type: ['GoalsRecorded', 'PrioritiesSubmitted'], occurredFrom: filter.occurredFrom, occurredTo: filter.occurredTo });
    expect(eventListFilter(NO_TIMELINE_FILTER)).toEqual({});
  });
});
