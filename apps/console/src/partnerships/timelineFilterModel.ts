/**
 * Narrowing a partnership's timeline to one person, some event types and a time range. The filter
 * lives in the page's address (`?actor=…&type=…&type=…&occurredFrom=…&occurredTo=…`), so a
 * filtered timeline can be shared and Back undoes a change; the API's event list does the filtering.
 */

export interface TimelineFilter {
  /** An event's `actorId` ("system" for the timers). */
  actorId: string | null;
  types: string[];
  /** ISO instants, both inclusive. */
  occurredFrom: string | null;
  occurredTo: string | null;
}

export const NO_TIMELINE_FILTER: TimelineFilter = { actorId: null, types: [], occurredFrom: null, occurredTo: null };

const PARAMS = { actorId: 'actor', types: 'type', occurredFrom: 'occurredFrom', occurredTo: 'occurredTo' } as const;

export function timelineFilterOf(search: string): TimelineFilter {
  const params = new URLSearchParams(search);
  const one = (name: string) => params.get(name)?.trim() || null;
  return {
    actorId: one(PARAMS.actorId),
    types: [...new Set(params.getAll(PARAMS.types).filter((type) => type.trim() !== ''))],
    occurredFrom: one(PARAMS.occurredFrom),
    occurredTo: one(PARAMS.occurredTo),
  };
}

/** The address's search with this filter in place of the last; every other parameter (a replay point) kept. */
export function searchWithTimelineFilter(search: string, filter: TimelineFilter): string {
  const params = new URLSearchParams(search);
  for (const name of Object.values(PARAMS)) params.delete(name);
  if (filter.actorId) params.set(PARAMS.actorId, filter.actorId);
  for (const type of filter.types) params.append(PARAMS.types, type);
  if (filter.occurredFrom) params.set(PARAMS.occurredFrom, filter.occurredFrom);
  if (filter.occurredTo) params.set(PARAMS.occurredTo, filter.occurredTo);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function isFiltering(filter: TimelineFilter): boolean {
  return filter.actorId !== null || filter.types.length > 0 || filter.occurredFrom !== null || filter.occurredTo !== null;
}

/** The event list's `filter`, beside the partnership it is a timeline of. */
export function eventListFilter(filter: TimelineFilter): Record<string, string | string[]> {
  return {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.types.length > 0 ? { type: filter.types } : {}),
    ...(filter.occurredFrom ? { occurredFrom: filter.occurredFrom } : {}),
    ...(filter.occurredTo ? { occurredTo: filter.occurredTo } : {}),
  };
}

