/**
 * A point of a partnership's log read "as of": the events it includes and the moment it stands for.
 * Every view of the past (the state, the page's record, the measures, the agreement's versions)
 * takes its events through here, so each one accepts and refuses the same points.
 */
import { eventsUpTo, type LogPoint, type SequencedPartnershipEvent } from './state-diff.js';

export interface PointInLog {
  /** The events up to and including the point, oldest first. */
  events: SequencedPartnershipEvent[];
  /** The instant asked for, or the time of the point's newest event; null before the first event. */
  instant: string | null;
}

/**
 * The events `point` includes, or what is wrong with it: a sequence past the newest event, or an
 * instant after `now` (what the log will hold then is not known yet). `events` are in sequence order.
 */
export function eventsAsOf(events: readonly SequencedPartnershipEvent[], point: LogPoint, now: Date): PointInLog | { problem: string } {
  const newest = events.at(-1)?.sequence ?? 0;
  if ('sequence' in point && point.sequence > newest) return { problem: `there is no event ${point.sequence}; the newest is ${newest}` };
  if ('at' in point && Date.parse(point.at) > now.getTime()) return { problem: `${point.at} is still to come; give an instant up to now` };
  const included = events.slice(0, eventsUpTo(events, point));
  return { events: included, instant: 'at' in point ? point.at : (included.at(-1)?.at ?? null) };
}
