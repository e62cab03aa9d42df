/**
 * Replaying a partnership's page: the point of its log the address carries (`?asOf=12` for after
 * event 12, `?asOf=<ISO instant>` for a moment), so a replay can be shared, bookmarked and left with
 * Back. The record itself comes from the API as of that point; nothing here rebuilds it.
 */

/** The search parameter that holds the replay point; the page is live without it. */
export const REPLAY_PARAM = 'asOf';

/** The point the address asks for, as the API's `at` takes it (an event sequence or an ISO instant), or null when live. */
export function replayPointOf(search: string): string | null {
  const point = new URLSearchParams(search).get(REPLAY_PARAM)?.trim();
  return point ? point : null;
}

/** The address's search with the replay point set, or removed (null); every other parameter kept. */
export function searchWithReplayPoint(search: string, point: string | number | null): string {
  const params = new URLSearchParams(search);
  if (point === null) params.delete(REPLAY_PARAM);
  else params.set(REPLAY_PARAM, String(point));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Where one step back and one step forward lead from the state after event `position` of `newest`; null where the log ends. */
export function stepsFrom(position: number, newest: number): { back: number | null; forward: number | null } {
  return { back: position > 1 ? position - 1 : null, forward: position < newest ? position + 1 : null };
}

/**
 * The moment a replay shows: the instant asked for, or, for an event, the time it happened (the
 * record's `updatedAt` is the time of the newest event it includes).
 */
export function replayInstant(point: string, record: { updatedAt: string }): string {
  return /^\d+$/.test(point) ? record.updatedAt : point;
}

/** "As of 3/3/2026, 10:00:00 AM — event #3 of 5". */
export function replayHeadline(instant: string, position: number, newest: number, formatInstant: (iso: string) => string = (iso) => new Date(iso).toLocaleString()): string {
  return `As of ${formatInstant(instant)} — event #${position} of ${newest}`;
}

/** While the next point loads (the last one still on screen): "Loading event #4…" or "Loading 3/4/2026, 8:00:00 AM…". */
export function replayLoadingHeadline(point: string, formatInstant: (iso: string) => string = (iso) => new Date(iso).toLocaleString()): string {
  return `Loading ${/^\d+$/.test(point) ? `event #${point}` : formatInstant(point)}…`;
}
