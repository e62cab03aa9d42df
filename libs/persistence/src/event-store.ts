/**
 * The append-only, hash-chained event log. Appending is idempotent (an identical event at a taken
 * sequence is a no-op, so activity retries are safe); anything else at a taken sequence, or a gap,
 * is an integrity error. Projections are written in the same transaction as the append.
 */
import type { KeyObject } from 'node:crypto';
import type { ChainVerification } from '@pe/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { recordCheckpoint } from './checkpoints.js';
import { GENESIS_HASH, eventHash } from './hash.js';
import { eventOf, type EventRow, type SequencedEvent } from './event-row.js';
import { project } from './projector.js';

export class EventLogIntegrityError extends Error {
  override readonly name = 'EventLogIntegrityError';
}

export interface AppendInput {
  partnershipId: string;
  workflowRunId: string;
  events: SequencedEvent[];
}

/** With a signing key, the new head is signed in the same transaction: no head is ever unsigned. */
export async function appendEvents(dataSource: DataSource, input: AppendInput, signingKey?: KeyObject): Promise<{ appended: number }> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.partnershipId]);
    let appended = 0;
    for (const event of [...input.events].sort((a, b) => a.sequence - b.sequence)) {
      if (await appendOne(manager, input, event)) appended += 1;
    }
    if (signingKey && appended > 0) await recordCheckpoint(manager, input.partnershipId, signingKey);
    return { appended };
  });
}

async function appendOne(manager: EntityManager, input: AppendInput, event: SequencedEvent): Promise<boolean> {
  const [existing] = (await manager.query(
    'SELECT previous_hash, hash FROM partnership_events WHERE partnership_id = $1 AND sequence = $2',
    [input.partnershipId, event.sequence],
  )) as Pick<EventRow, 'previous_hash' | 'hash'>[];
  const hashed = { partnershipId: input.partnershipId, ...event };
  if (existing) {
    if (eventHash(existing.previous_hash, hashed) === existing.hash) return false;
    throw new EventLogIntegrityError(`A different event is already stored at sequence ${event.sequence} of partnership ${input.partnershipId}`);
  }
  const previousHash = await previousHashOf(manager, input.partnershipId, event.sequence);
  await manager.query(
    `INSERT INTO partnership_events
       (partnership_id, sequence, type, occurred_at, actor_id, actor_role, actor_organization_id, payload, previous_hash, hash, workflow_run_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      input.partnershipId,
      event.sequence,
      event.type,
      event.at,
      event.actor.userId,
      event.actor.role,
      event.actor.organizationId,
      JSON.stringify(event.data),
      previousHash,
      eventHash(previousHash, hashed),
      input.workflowRunId,
    ],
  );
  await project(manager, input.partnershipId, event);
  return true;
}

async function previousHashOf(manager: EntityManager, partnershipId: string, sequence: number): Promise<string> {
  if (sequence === 1) return GENESIS_HASH;
  const [previous] = (await manager.query(
    'SELECT hash FROM partnership_events WHERE partnership_id = $1 AND sequence = $2',
    [partnershipId, sequence - 1],
  )) as Pick<EventRow, 'hash'>[];
  if (!previous) throw new EventLogIntegrityError(`Event ${sequence - 1} of partnership ${partnershipId} is missing`);
  return previous.hash;
}

/**
 * Recomputes the chain from the first event; any edit, gap or reordering breaks it. A cut tail does
 * not: that takes a signed checkpoint (verifyLog).
 */
export function chainVerification(partnershipId: string, rows: readonly EventRow[]): ChainVerification {
  const broken = firstBrokenSequence(partnershipId, rows);
  return { valid: broken === null, events: rows.length, headHash: rows.at(-1)?.hash ?? GENESIS_HASH, firstBrokenSequence: broken };
}

/**
 * The sequence where the log stops being the one that was written: a missing number (a deleted
 * row), a row that does not follow its predecessor (swapped), an edited row, or a row that was slipped
 * in with a well-forged hash, which only shows when its successor still points past it.
 */
export function firstBrokenSequence(partnershipId: string, rows: readonly EventRow[]): number | null {
  for (const [index, row] of rows.entries()) {
    const position = index + 1;
    if (row.sequence !== position) return position;
    const previousHash = index === 0 ? GENESIS_HASH : rows[index - 1]!.hash;
    if (row.previous_hash !== previousHash) {
      const beforePrevious = index < 2 ? GENESIS_HASH : rows[index - 2]!.hash;
      return index > 0 && row.previous_hash === beforePrevious ? position - 1 : position;
    }
    if (row.hash !== eventHash(previousHash, { partnershipId, ...eventOf(row) })) return position;
  }
  return null;
}
