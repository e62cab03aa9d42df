/** The hash chain held against the newest signed checkpoint: what a chain alone cannot see is a cut tail. */
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MISSING_LISTED, checkpointOutcome, type LogVerification } from '@pe/domain';
import { checkpointSignatureValid, type SignedCheckpoint } from './checkpoint-signature.js';
import { checkpointOf, type CheckpointRow } from './checkpoints.js';
import type { EventRow } from './event-row.js';
import { chainVerification } from './event-store.js';

/** A partnership's log and its newest checkpoint, read at one instant. */
export interface LogSnapshot {
  signed: SignedCheckpoint | null;
  rows: EventRow[];
}

/** One snapshot for both reads (an append between them would otherwise look like a tamper). */
export function readLogSnapshot(dataSource: DataSource, partnershipId: string): Promise<LogSnapshot> {
  return logWithNewestCheckpoint(dataSource, partnershipId);
}

/**
 * The chain recomputed and held against the newest signed checkpoint. `valid` is true only when the
 * chain holds and, once a checkpoint exists, it is validly signed, still in the log, and nothing was
 * added after it (the worker signs every head it writes, so an unsigned event was not written by it).
 * A log from before checkpoints existed has none until its next append.
 */
export async function verifyLog(dataSource: DataSource, partnershipId: string, publicKey: KeyObject): Promise<LogVerification> {
  return logVerification(partnershipId, await readLogSnapshot(dataSource, partnershipId), publicKey);
}

export function logVerification(partnershipId: string, { signed, rows }: LogSnapshot, publicKey: KeyObject): LogVerification {
  const chain = chainVerification(partnershipId, rows);
  if (!signed) return { ...chain, checkpoint: null, truncated: false, missingSequences: [], missingCount: 0, unsignedSequences: [] };
  const held = new Map(rows.map((row) => [row.sequence, row.hash]));
  const { listed: missingSequences, count: missingCount } = missingUpTo(signed.sequence, held.keys());
  const unsignedSequences = rows.map((row) => row.sequence).filter((sequence) => sequence > signed.sequence);
  const presentInLog = held.get(signed.sequence) === signed.hash;
  const checkpoint = { sequence: signed.sequence, hash: signed.hash, signedAt: signed.signedAt, keyId: signed.keyId, signatureValid: checkpointSignatureValid(publicKey, signed), presentInLog };
  return {
    ...chain,
    valid: chain.valid && checkpointOutcome({ checkpoint, unsignedSequences }) === 'passed',
    checkpoint,
    truncated: !presentInLog,
    missingSequences,
    missingCount,
    unsignedSequences,
  };
}

/**
 * The sequences from 1 to `last` not among `held`: the lowest MISSING_LISTED, and how many in all.
 * Walks the gaps between held sequences, never the range itself — `last` comes from a checkpoint row,
 * and a forged one may claim any sequence.
 */
export function missingUpTo(last: number, held: Iterable<number>): { listed: number[]; count: number } {
  const present = [...new Set(held)].filter((sequence) => sequence >= 1 && sequence <= last).sort((a, b) => a - b);
  const listed: number[] = [];
  let expected = 1;
  for (const sequence of [...present, last + 1]) {
    for (let gap = expected; gap < sequence && listed.length < MISSING_LISTED; gap += 1) listed.push(gap);
    expected = sequence + 1;
  }
  return { listed, count: Math.max(0, last - present.length) };
}

type CheckpointColumns = { [Column in keyof Omit<CheckpointRow, 'partnership_id'> as `checkpoint_${Column}`]: CheckpointRow[Column] | null };
/** A row of the outer join: the event's columns are all null when the log holds no event. */
type JoinedRow = { [Column in keyof EventRow]: EventRow[Column] | null } & CheckpointColumns;

/**
 * The log and its newest checkpoint in one statement, so in one snapshot (an append between two
 * reads would look like a tamper) and one round trip (verifying every partnership makes one per
 * partnership). The checkpoint's columns ride on every row; a log with no row still answers one.
 */
async function logWithNewestCheckpoint(dataSource: DataSource, partnershipId: string): Promise<LogSnapshot> {
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
