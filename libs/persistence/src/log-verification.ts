/** The hash chain held against the newest signed checkpoint: what a chain alone cannot see is a cut tail. */
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { checkpointOutcome, type LogVerification } from '@pe/domain';
import { checkpointSignatureValid } from './checkpoint-signature.js';
import { chainVerification } from './event-store.js';
import { readLogSnapshot, type LogSnapshot } from './log-snapshot.js';

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
  if (!signed) return { ...chain, checkpoint: null, truncated: false, missingSequences: [], unsignedSequences: [] };
  const held = new Map(rows.map((row) => [row.sequence, row.hash]));
  const missingSequences = Array.from({ length: signed.sequence }, (_, index) => index + 1).filter((sequence) => !held.has(sequence));
  const unsignedSequences = rows.map((row) => row.sequence).filter((sequence) => sequence > signed.sequence);
  const presentInLog = held.get(signed.sequence) === signed.hash;
  const checkpoint = { sequence: signed.sequence, hash: signed.hash, signedAt: signed.signedAt, keyId: signed.keyId, signatureValid: checkpointSignatureValid(publicKey, signed), presentInLog };
  return {
    ...chain,
    valid: chain.valid && checkpointOutcome({ checkpoint, unsignedSequences }) === 'passed',
    checkpoint,
    truncated: !presentInLog,
    missingSequences,
    unsignedSequences,
  };
}
