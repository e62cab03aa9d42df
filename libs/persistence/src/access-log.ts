/**
 * The access log: who read the audit trail (exported or verified a partnership's history) and every
 * sign-in, successful or not, when, from where and how. Kept apart from every partnership's event log, which records what happened to the
 * partnership, not who looked at it. Append-only like the log.
 */
import type { DataSource } from 'typeorm';
import type { AccessAction } from '@pe/domain';

export interface AccessEntry {
  action: AccessAction;
  /** The signed-in user; for a sign-in, the account with the email tried, or null when none has it. */
  actorId: string | null;
  actorRole: string | null;
  /** The partnership read; null for actions about no partnership (sign-ins). */
  partnershipId: string | null;
  /** The client's address as the API saw it. */
  ip: string | null;
  /** What else says what was done (an export's format, the email a sign-in tried). Never a password or a token. */
  detail: Record<string, string | number | boolean | null>;
}

export async function recordAccess(db: DataSource, entry: AccessEntry): Promise<void> {
  await db.query('INSERT INTO access_log (action, actor_id, actor_role, partnership_id, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.action,
    entry.actorId,
    entry.actorRole,
    entry.partnershipId,
    entry.ip,
    JSON.stringify(entry.detail),
  ]);
}
