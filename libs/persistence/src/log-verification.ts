/** The hash chain held against the newest signed checkpoint: what a chain alone cannot see is a cut tail. */
import type { DataSource } from 'typeorm';
import { MISSING_LISTED, checkpointOutcome, type LogVerification } from '@pe/domain';
import { checkpointVerifies, type AuditKeys } from './checkpoint-signature.js';
import { chainVerification } from './event-store.js';
import { readLogSnapshot, type LogSnapshot } from './log-snapshot.js';

/**
 * The chain recomputed and held against the newest signed checkpoint. `valid` is true only when the
 * chain holds and, once a checkpoint exists, it is validly signed, still in the log, and nothing was
 * added after it (the worker signs every head it writes, so an unsigned event was not written by it).
 * A log from before checkpoints existed has none until its next append.
 */
export async function verifyLog(dataSource: DataSource, partnershipId: string, keys: AuditKeys): Promise<LogVerification> {
  return logVerification(partnershipId, await readLogSnapshot(dataSource, partnershipId), keys);
}

export function logVerification(partnershipId: string, { signed, rows }: LogSnapshot, keys: AuditKeys): LogVerification {
  const chain = chainVerification(partnershipId, rows);
  if (!signed) return { ...chain, checkpoint: null, truncated: false, missingSequences: [], missingCount: 0, unsignedSequences: [] };
  const held = new Map(rows.map((row) => [row.sequence, row.hash]));
  const { listed: missingSequences, count: missingCount } = missingUpTo(signed.sequence, held.keys());
  const unsignedSequences = rows.map((row) => row.sequence).filter((sequence) => sequence > signed.sequence);
  const presentInLog = held.get(signed.sequence) === signed.hash;
  const checkpoint = { sequence: signed.sequence, hash: signed.hash, signedAt: signed.signedAt, keyId: signed.keyId, signatureValid: checkpointVerifies(keys, signed), presentInLog };
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

