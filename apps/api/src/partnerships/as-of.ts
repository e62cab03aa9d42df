/** One partnership's log up to a point, for every view of its past; a point outside the log is a 400 naming `at`. */
import type { DataSource } from 'typeorm';
import { eventsAsOf, type LogPoint, type PointInLog } from '@pe/domain';
import { loadEvents } from '@pe/persistence';
import { malformed } from '../http/api-error.js';

export async function logAsOf(db: DataSource, partnershipId: string, point: LogPoint): Promise<PointInLog> {
  // An instant needs no row after it; a sequence is checked against the newest event, so it reads them all.
  const events = await loadEvents(db, partnershipId, 'at' in point ? new Date(point.at) : undefined);
  const answer = eventsAsOf(events, point, new Date());
  if ('problem' in answer) throw malformed({ at: answer.problem });
  return answer;
}

/** The message for a point that comes before the partnership's first event, where it has no record yet. */
export const BEFORE_CREATION = 'comes before the partnership was created: give event 1 or later, or an instant from its creation on';
