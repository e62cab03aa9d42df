/**
 * A partnership's log and its newest signed checkpoint, read as one moment: what verification holds
 * the chain against, and what an export hands out with its proof. One reader for both, so an export
 * and a verification made at the same moment cannot see different things.
 */
import type { DataSource } from 'typeorm';
import type { SignedCheckpoint } from './checkpoint-signature.js';
import { checkpointOf, type CheckpointRow } from './checkpoints.js';
import type { EventRow } from './event-row.js';

export interface LogSnapshot {
  /** The newest signed checkpoint, or null before the first. */
  signed: SignedCheckpoint | null;
  /** The events, oldest first. */
  rows: EventRow[];
}

type CheckpointColumns = { [Column in keyof Omit<CheckpointRow, 'partnership_id'> as `checkpoint_${Column}`]: CheckpointRow[Column] | null };
/** A row of the outer join: the event's columns are all null when the log holds no event. */
type JoinedRow = { [Column in keyof EventRow]: EventRow[Column] | null } & CheckpointColumns;

/**
 * The log and its newest checkpoint in one statement, so in one snapshot (an append between two
 * reads would look like a tamper) and one round trip (verifying every partnership makes one per
 * partnership). The checkpoint's columns ride on every row; a log with no row still answers one.
 */
export async function readLogSnapshot(dataSource: DataSource, partnershipId: string): Promise<LogSnapshot> {
  const joined = (await dataSource.query(
    `SELECT e.*, c.sequence AS checkpoint_sequence, c.hash AS checkpoint_hash, c.signed_at AS checkpoint_signed_at,
            c.key_id AS checkpoint_key_id, c.signature AS checkpoint_signature
     FROM (SELECT $1::uuid AS id) p
     LEFT JOIN LATERAL (SELECT * FROM audit_checkpoints WHERE partnership_id = p.id ORDER BY sequence DESC LIMIT 1) c ON true
     LEFT JOIN partnership_events e ON e.partnership_id = p.id
     ORDER BY e.sequence`,
    [partnershipId],
  )) as JoinedRow[];
  const first = joined[0];
  const signed =
    first && first.checkpoint_sequence !== null
      ? checkpointOf(partnershipId, {
          sequence: first.checkpoint_sequence,
          hash: first.checkpoint_hash!,
          signed_at: first.checkpoint_signed_at!,
          key_id: first.checkpoint_key_id!,
          signature: first.checkpoint_signature!,
        })
      : null;
  return { rows: joined.filter((row): row is JoinedRow & EventRow => row.sequence !== null), signed };
}
