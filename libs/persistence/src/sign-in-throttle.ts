/**
 * Failed sign-ins per email, in PostgreSQL so every API process sees the same count and lock. The
 * rule itself (how many failures within what window lock for how long) is `afterFailure` in
 * @pe/domain; this module only keeps its record, one row per email, updated under the row's lock so
 * concurrent failures are each counted.
 */
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { afterFailure, lockedForMs, NO_FAILURES, type FailureLimit, type FailureRecord } from '@pe/domain';

/** The row's key: a hash of the email as typed, trimmed and lower-cased (the table names nobody). */
export function signInKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

interface ThrottleRow {
  failures: Date[];
  locked_until: Date | null;
}

const recordOf = (row: ThrottleRow | undefined): FailureRecord =>
  row ? { failures: row.failures.map((at) => at.getTime()), lockedUntil: row.locked_until?.getTime() ?? null } : NO_FAILURES;

/** How long sign-ins for this email are still refused at `now`, in ms; 0 when they are not. */
export async function signInLockedForMs(db: DataSource, email: string, now: Date): Promise<number> {
  const [row] = (await db.query('SELECT failures, locked_until FROM sign_in_throttle WHERE email_key = $1', [signInKey(email)])) as ThrottleRow[];
  return lockedForMs(recordOf(row), now.getTime());
}

/**
 * Counts one failed sign-in for this email at `now` and answers the record after it (locked once the
 * limit is reached). Atomic: the row is created or locked by one statement, so of two failures at
 * once the second waits and counts on top of the first. Rows nothing is left in are deleted on the way.
 */
export function recordSignInFailure(db: DataSource, email: string, now: Date, limit: FailureLimit): Promise<FailureRecord> {
  const key = signInKey(email);
  return db.transaction(async (manager: EntityManager) => {
    // The no-op update takes the row's lock (a new row is simply inserted) and reads its current values.
    const [row] = (await manager.query(
      `INSERT INTO sign_in_throttle (email_key, updated_at) VALUES ($1, $2)
       ON CONFLICT (email_key) DO UPDATE SET email_key = EXCLUDED.email_key
       RETURNING failures, locked_until`,
      [key, now],
    )) as ThrottleRow[];
    const next = afterFailure(recordOf(row), now.getTime(), limit);
    await manager.query('UPDATE sign_in_throttle SET failures = $2::timestamptz[], locked_until = $3, updated_at = $4 WHERE email_key = $1', [
      key,
      next.failures.map((at) => new Date(at).toISOString()),
      next.lockedUntil === null ? null : new Date(next.lockedUntil),
      now,
    ]);
    // A row untouched for longer than the window and the lockout holds no failure that counts and no
    // lock. Rows another failure holds are skipped, so two of these never wait on each other.
    await manager.query(
      'DELETE FROM sign_in_throttle WHERE email_key IN (SELECT email_key FROM sign_in_throttle WHERE updated_at < $1 FOR UPDATE SKIP LOCKED)',
      [new Date(now.getTime() - Math.max(limit.windowMs, limit.lockoutMs))],
    );
    return next;
  });
}

/** A successful sign-in starts the count again. */
export async function clearSignInFailures(db: DataSource, email: string): Promise<void> {
  await db.query('DELETE FROM sign_in_throttle WHERE email_key = $1', [signInKey(email)]);
}
