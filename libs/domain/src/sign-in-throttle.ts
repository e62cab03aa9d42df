/**
 * The rule that slows down password guessing, for an email (kept in PostgreSQL, shared by every API
 * process) and for a client address (kept in each process's memory): `maxFailures` failed sign-ins
 * within `windowMs` refuse every sign-in, right password or not, for `lockoutMs`. Pure: the caller
 * says what time it is, so one rule serves both stores and tests need no clock.
 */

export interface FailureLimit {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
}

/** What is remembered of one email or address: its recent failures (epoch ms, oldest first) and its lock. */
export interface FailureRecord {
  failures: readonly number[];
  lockedUntil: number | null;
}

export const NO_FAILURES: FailureRecord = { failures: [], lockedUntil: null };

/** How long a sign-in at `now` is refused, in ms; 0 when it is not. */
export function lockedForMs(record: FailureRecord, now: number): number {
  return record.lockedUntil !== null && record.lockedUntil > now ? record.lockedUntil - now : 0;
}

/**
 * The record after one more failure at `now`. Failures older than the window no longer count; the
 * failure that makes `maxFailures` within it locks, and counting starts afresh once the lock ends.
 * A failure that lands while a lock holds (sent before the lock was seen) never shortens it.
 */
export function afterFailure(record: FailureRecord, now: number, limit: FailureLimit): FailureRecord {
  const recent = [...record.failures.filter((at) => at > now - limit.windowMs), now];
  const stillLocked = lockedForMs(record, now) > 0 ? record.lockedUntil : null;
  if (recent.length >= limit.maxFailures) return { failures: [], lockedUntil: Math.max(stillLocked ?? 0, now + limit.lockoutMs) };
  return { failures: recent, lockedUntil: stillLocked };
}

/** Whether the record says nothing any more at `now` (no failure within the window, no lock), so it may be forgotten. */
export function isSpent(record: FailureRecord, now: number, limit: FailureLimit): boolean {
  return lockedForMs(record, now) === 0 && record.failures.every((at) => at <= now - limit.windowMs);
}
