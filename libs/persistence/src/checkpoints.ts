/**
 * Where signed checkpoints are kept. The worker signs the head in the same transaction as each
 * append (appendEvents), so every head ever written is vouched for, whether or not anyone verified
 * in between.
 */
import type { KeyObject } from 'node:crypto';
import { signCheckpoint, type SignedCheckpoint } from './checkpoint-signature.js';
import type { WriteBatch } from './write-batch.js';

export interface CheckpointRow {
  partnership_id: string;
  sequence: number;
  hash: string;
  signed_at: Date;
  key_id: string;
  signature: string;
}

/** Signs the head the append just wrote, into the append's batch. A retried append that wrote nothing new signs nothing new. */
export async function recordCheckpoint(writes: WriteBatch, partnershipId: string, signingKey: KeyObject, head: { sequence: number; hash: string }): Promise<void> {
  const checkpoint = signCheckpoint(signingKey, { partnershipId, sequence: head.sequence, hash: head.hash, signedAt: new Date().toISOString() });
  const values = [partnershipId, checkpoint.sequence, checkpoint.hash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature];
  await writes.add(
    (param) => `INSERT INTO audit_checkpoints (partnership_id, sequence, hash, signed_at, key_id, signature) VALUES (${values.map(param).join(', ')}) ON CONFLICT (partnership_id, sequence) DO NOTHING`,
  );
}

export function checkpointOf(partnershipId: string, row: Omit<CheckpointRow, 'partnership_id'>): SignedCheckpoint {
  return { partnershipId, sequence: row.sequence, hash: row.hash, signedAt: new Date(row.signed_at).toISOString(), keyId: row.key_id, signature: row.signature };
}
