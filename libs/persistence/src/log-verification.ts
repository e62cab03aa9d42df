/** The hash chain held against the newest signed checkpoint: what a chain alone cannot see is a cut tail. */
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { checkpointSignatureValid } from './checkpoint-signature.js';
import { newestCheckpoint } from './checkpoints.js';
import { chainRows, chainVerification, type ChainVerification } from './event-store.js';

export interface CheckpointReport {
  sequence: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signatureValid: boolean;
  /** The log still holds an event at the checkpoint's sequence with the checkpoint's hash. */
  presentInLog: boolean;
}

export interface LogVerification extends ChainVerification {
  /** Null for a partnership whose log no checkpoint has vouched for yet. */
  checkpoint: CheckpointReport | null;
  /** The log no longer reaches the newest checkpoint, or holds another event at its sequence. */
  truncated: boolean;
  /** Sequences up to the newest checkpoint that the log no longer holds. */
  missingSequences: number[];
  /** Events after the newest checkpoint: none was signed, so the worker did not write them. */
  unsignedSequences: number[];
}

/**
 * The chain recomputed and held against the newest signed checkpoint. `valid` is true only when the
 * chain holds and, once a checkpoint exists, it is validly signed, still in the log, and nothing was
 * added after it (the worker signs every head it writes, so an unsigned event was not written by it).
 * A log from before checkpoints existed has none until its next append.
 */
export async function verifyLog(dataSource: DataSource, partnershipId: string, publicKey: KeyObject): Promise<LogVerification> {
  // One snapshot for both reads: an append between them would otherwise look like a tamper.
  const { signed, rows } = await dataSource.transaction('REPEATABLE READ', async (manager) => ({
    signed: await newestCheckpoint(manager, partnershipId),
    rows: await chainRows(manager, partnershipId),
  }));
  const chain = chainVerification(partnershipId, rows);
  if (!signed) return { ...chain, checkpoint: null, truncated: false, missingSequences: [], unsignedSequences: [] };
  const held = new Map(rows.map((row) => [row.sequence, row.hash]));
  const missingSequences = Array.from({ length: signed.sequence }, (_, index) => index + 1).filter((sequence) => !held.has(sequence));
  const unsignedSequences = rows.map((row) => row.sequence).filter((sequence) => sequence > signed.sequence);
  const presentInLog = held.get(signed.sequence) === signed.hash;
  const signatureValid = checkpointSignatureValid(publicKey, signed);
  return {
    ...chain,
    valid: chain.valid && signatureValid && presentInLog && unsignedSequences.length === 0,
    checkpoint: { sequence: signed.sequence, hash: signed.hash, signedAt: signed.signedAt, keyId: signed.keyId, signatureValid, presentInLog },
    truncated: !presentInLog,
    missingSequences,
    unsignedSequences,
  };
}
