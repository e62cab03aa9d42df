/**
 * The append-only, hash-chained event log. Appending is idempotent (an identical event at a taken
 * sequence is a no-op, so activity retries are safe); anything else at a taken sequence, or a gap,
 * is an integrity error. Projections are written in the same transaction as the append.
 */
import type { DataSource, EntityManager } from 'typeorm';
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

export async function appendEvents(dataSource: DataSource, input: AppendInput): Promise<{ appended: number }> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.partnershipId]);
    let appended = 0;
    for (const event of [...input.events].sort((a, b) => a.sequence - b.sequence)) {
      if (await appendOne(manager, input, event)) appended += 1;
    }
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

export interface ChainVerification {
  valid: boolean;
  events: number;
  headHash: string;
  firstBrokenSequence: number | null;
}

/** Recomputes the chain from the first event; any edit, gap or reordering breaks it. */
export async function verifyChain(dataSource: DataSource, partnershipId: string): Promise<ChainVerification> {
  const rows = (await dataSource.query('SELECT * FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence', [
    partnershipId,
  ])) as EventRow[];
  let previousHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expected = eventHash(previousHash, { partnershipId, ...eventOf(row) });
    if (row.sequence !== index + 1 || row.previous_hash !== previousHash || row.hash !== expected) {
      return { valid: false, events: rows.length, headHash: rows.at(-1)?.hash ?? GENESIS_HASH, firstBrokenSequence: row.sequence };
    }
    previousHash = row.hash;
  }
  return { valid: true, events: rows.length, headHash: previousHash, firstBrokenSequence: null };
}
