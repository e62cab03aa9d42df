/** The hash chain held against the newest signed checkpoint: what a chain alone cannot see is a cut tail. */
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { checkpointSignatureValid } from './checkpoint-signature.js';
import { newestCheckpoint } from './checkpoints.js';
import { verifyChain, type ChainVerification } from './event-store.js';

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
}

/**
 * The chain recomputed and held against the newest signed checkpoint. `valid` is true only when the
 * chain holds, the checkpoint's signature holds and the log still contains it.
 */
export async function verifyLog(dataSource: DataSource, partnershipId: string, publicKey: KeyObject): Promise<LogVerification> {
  // The checkpoint first: an append landing between the two reads only lengthens the log, never
  // makes it look cut.
  const signed = await newestCheckpoint(dataSource, partnershipId);
  const chain = await verifyChain(dataSource, partnershipId);
  if (!signed) return { ...chain, checkpoint: null, truncated: false, missingSequences: [] };
  const present = (await dataSource.query('SELECT sequence, hash FROM partnership_events WHERE partnership_id = $1 AND sequence <= $2', [
    partnershipId,
    signed.sequence,
  ])) as { sequence: number; hash: string }[];
  const held = new Set(present.map((row) => row.sequence));
  const missingSequences = Array.from({ length: signed.sequence }, (_, index) => index + 1).filter((sequence) => !held.has(sequence));
  const presentInLog = present.some((row) => row.sequence === signed.sequence && row.hash === signed.hash);
  const signatureValid = checkpointSignatureValid(publicKey, signed);
  return {
    ...chain,
    valid: chain.valid && signatureValid && presentInLog,
    checkpoint: { sequence: signed.sequence, hash: signed.hash, signedAt: signed.signedAt, keyId: signed.keyId, signatureValid, presentInLog },
    truncated: !presentInLog,
    missingSequences,
  };
}
