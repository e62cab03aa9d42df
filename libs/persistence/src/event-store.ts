/**
 * The append-only, hash-chained event log. Appending is idempotent (an identical event at a taken
 * sequence is a no-op, so activity retries are safe); anything else at a taken sequence, or a gap,
 * is an integrity error. Projections are written in the same transaction as the append.
 */
import type { KeyObject } from 'node:crypto';
import type { ChainVerification, PartnershipState } from '@pe/domain';
import type { DataSource } from 'typeorm';
import { recordCheckpoint } from './checkpoints.js';
import { GENESIS_HASH, eventHash } from './hash.js';
import { eventOf, type EventRow, type SequencedEvent } from './event-row.js';
import { projectEvents, projectedState } from './projector.js';
import { WriteBatch } from './write-batch.js';

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
 * append runs for every command and every timer that fires, so it costs a fixed few round trips to
 * PostgreSQL however many events it carries: one that begins the transaction, takes the partnership's
 * lock and reads what it needs (the taken sequences and the projected state), one statement for every
 * row it writes (the events, the partnership, its deadlines, its tasks, the checkpoint: a WriteBatch),
 * and the commit. Only rare events (a resumption, reminders, notices) add statements of their own.
 */
export async function appendEvents(dataSource: DataSource, input: AppendInput, signingKey?: KeyObject): Promise<{ appended: number }> {
  const events = [...input.events].sort((a, b) => a.sequence - b.sequence);
  if (events.length === 0) return { appended: 0 };
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as SimpleQueryClient;
  try {
    const { taken, state } = await beginAndRead(client, input.partnershipId, events[0]!.sequence - 1, events.at(-1)!.sequence);
    const appended = await (async () => {
      const fresh = chainedRows(input, events, taken);
      if (fresh.length === 0) return 0;
      const writes = new WriteBatch(runner.manager);
      await insertRows(writes, input, fresh);
      await projectEvents(runner.manager, input.partnershipId, fresh.map(({ event }) => event), { deliver: true }, { writes, state });
      if (signingKey) await recordCheckpoint(writes, input.partnershipId, signingKey, { sequence: fresh.at(-1)!.event.sequence, hash: fresh.at(-1)!.hash });
      await writes.flush();
      return fresh.length;
    })();
    await client.query('COMMIT');
    return { appended };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** The pg client under a query runner: its simple-query protocol runs several statements in one round trip. */
interface SimpleQueryClient {
  query(text: string): Promise<{ rows: unknown[] }[]>;
  escapeLiteral(value: string): string;
}

type TakenRow = Pick<EventRow, 'sequence' | 'previous_hash' | 'hash'>;

/**
 * One round trip: begin, take the partnership's lock (the one the worker-crash test holds), then, under
 * it, read the log's rows from `from` to `to` and lock the partnership's row. Each statement of a
 * simple query takes its own snapshot, so the reads see whatever an append holding the lock before
 * committed. Without parameters, the values are literals: the id escaped, the sequences integers.
 */
async function beginAndRead(client: SimpleQueryClient, partnershipId: string, from: number, to: number): Promise<{ taken: TakenRow[]; state: PartnershipState }> {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new EventLogIntegrityError(`Sequences ${from}..${to} are not whole numbers`);
  const id = client.escapeLiteral(partnershipId);
  const results = await client.query(
    `BEGIN;
     SELECT pg_advisory_xact_lock(hashtext(${id}));
     SELECT sequence, previous_hash, hash FROM partnership_events WHERE partnership_id = ${id} AND sequence BETWEEN ${from} AND ${to};
     SELECT state FROM partnerships WHERE id = ${id} FOR UPDATE`,
  );
  const [taken, partnership] = [results[2]!.rows as TakenRow[], results[3]!.rows as { state: PartnershipState }[]];
  return { taken, state: projectedState(partnership[0]) };
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
function chainedRows(input: AppendInput, events: SequencedEvent[], taken: readonly TakenRow[]): ChainedRow[] {
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

async function insertRows(writes: WriteBatch, input: AppendInput, rows: ChainedRow[]): Promise<void> {
  await writes.add((param) => {
    const tuples = rows.map(({ event, previousHash, hash }) => {
      const values = [
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
      ];
      return `(${values.map(param).join(', ')})`;
    });
    return `INSERT INTO partnership_events (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
  });
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
