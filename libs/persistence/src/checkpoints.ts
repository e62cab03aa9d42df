/**
 * Where signed checkpoints are kept. The worker signs the head in the same transaction as each
 * append (appendEvents), so every head ever written is vouched for, whether or not anyone verified
 * in between.
 */
import type { KeyObject } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint-signature.js';

export interface CheckpointRow {
  partnership_id: string;
  sequence: number;
  hash: string;
  signed_at: Date;
  key_id: string;
  signature: string;
}

/**
 * Signs the log's head: the one given (the append that just wrote it knows it), else the newest row.
 * A retried append that wrote nothing new signs nothing new.
 */
export async function recordCheckpoint(
  manager: EntityManager,
  partnershipId: string,
  signingKey: KeyObject,
  knownHead?: { sequence: number; hash: string },
): Promise<void> {
  const [head] = knownHead
    ? [knownHead]
    : ((await manager.query('SELECT sequence, hash FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence DESC LIMIT 1', [partnershipId])) as {
        sequence: number;
        hash: string;
      }[]);
  if (!head) return;
  const checkpoint = signCheckpoint(signingKey, { partnershipId, sequence: head.sequence, hash: head.hash, signedAt: new Date().toISOString() });
  await manager.query(
    `INSERT INTO audit_checkpoints (partnership_id, sequence, hash, signed_at, key_id, signature)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (partnership_id, sequence) DO NOTHING`,
    [partnershipId, checkpoint.sequence, checkpoint.hash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature],
  );
}

export function checkpointOf(partnershipId: string, row: Omit<CheckpointRow, 'partnership_id'>): SignedCheckpoint {
  return { partnershipId, sequence: row.sequence, hash: row.hash, signedAt: new Date(row.signed_at).toISOString(), keyId: row.key_id, signature: row.signature };
}
