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
import { projectEvents } from './projector.js';

export class EventLogIntegrityError extends Error {
  override readonly name = 'EventLogIntegrityError';
}

export interface AppendInput {
  partnershipId: string;
  workflowRunId: string;
  events: SequencedEvent[];
}

/**
 * With a signing key, the new head is signed in the same transaction: no head is ever unsigned. The
 * append costs a fixed handful of statements however many events it carries (the taken sequences
 * read at once, the new rows inserted at once, the projections folded once), since it runs for
 * every command and every timer that fires.
 */
export async function appendEvents(dataSource: DataSource, input: AppendInput, signingKey?: KeyObject): Promise<{ appended: number }> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.partnershipId]);
    const events = [...input.events].sort((a, b) => a.sequence - b.sequence);
    if (events.length === 0) return { appended: 0 };
    const fresh = await chainedRows(manager, input, events);
    if (fresh.length === 0) return { appended: 0 };
    await insertRows(manager, input, fresh);
    await projectEvents(manager, input.partnershipId, fresh.map(({ event }) => event));
    const head = fresh.at(-1)!;
    if (signingKey) await recordCheckpoint(manager, input.partnershipId, signingKey, { sequence: head.event.sequence, hash: head.hash });
    return { appended: fresh.length };
  });
}

interface ChainedRow {
  event: SequencedEvent;
  previousHash: string;
  hash: string;
}

/**
 * The events not stored yet, each chained to its predecessor. An identical event at a taken
 * sequence is a retry and is skipped; a different one, or a missing predecessor, is an integrity error.
 */
async function chainedRows(manager: EntityManager, input: AppendInput, events: SequencedEvent[]): Promise<ChainedRow[]> {
  const taken = (await manager.query(
    'SELECT sequence, previous_hash, hash FROM partnership_events WHERE partnership_id = $1 AND sequence BETWEEN $2 AND $3',
    [input.partnershipId, events[0]!.sequence - 1, events.at(-1)!.sequence],
  )) as Pick<EventRow, 'sequence' | 'previous_hash' | 'hash'>[];
  const hashAt = new Map(taken.map((row) => [row.sequence, row]));
  const fresh: ChainedRow[] = [];
  for (const event of events) {
    const hashed = { partnershipId: input.partnershipId, ...event };
    const existing = hashAt.get(event.sequence);
    if (existing) {
      if (eventHash(existing.previous_hash, hashed) === existing.hash) continue;
      throw new EventLogIntegrityError(`A different event is already stored at sequence ${event.sequence} of partnership ${input.partnershipId}`);
    }
    const previousHash = event.sequence === 1 ? GENESIS_HASH : hashAt.get(event.sequence - 1)?.hash;
    if (previousHash === undefined) throw new EventLogIntegrityError(`Event ${event.sequence - 1} of partnership ${input.partnershipId} is missing`);
    const hash = eventHash(previousHash, hashed);
    hashAt.set(event.sequence, { sequence: event.sequence, previous_hash: previousHash, hash });
    fresh.push({ event, previousHash, hash });
  }
  return fresh;
}

const EVENT_COLUMNS = ['partnership_id', 'sequence', 'type', 'occurred_at', 'actor_id', 'actor_role', 'actor_organization_id', 'payload', 'previous_hash', 'hash', 'workflow_run_id'];

async function insertRows(manager: EntityManager, input: AppendInput, rows: ChainedRow[]): Promise<void> {
  const values: unknown[] = [];
  const tuples = rows.map(({ event, previousHash, hash }) => {
    const first = values.length;
    values.push(
      input.partnershipId,
      event.sequence,
      event.type,
      event.at,
      event.actor.userId,
      event.actor.role,
      event.actor.organizationId,
      JSON.stringify(event.data),
      previousHash,
      hash,
      input.workflowRunId,
    );
    return `(${EVENT_COLUMNS.map((_, index) => `$${first + index + 1}`).join(', ')})`;
  });
  await manager.query(`INSERT INTO partnership_events (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
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
