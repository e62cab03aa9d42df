import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, PartnershipEvent, Role } from '@pe/domain';

/** An event with its place in its partnership's log. */
export type SequencedEvent = PartnershipEvent & { sequence: number };

export interface EventRow {
  partnership_id: string;
  sequence: number;
  type: string;
  occurred_at: Date;
  actor_id: string;
  actor_role: string;
  actor_organization_id: string | null;
  payload: unknown;
  previous_hash: string;
  hash: string;
  workflow_run_id: string;
}

export function actorOf(row: Pick<EventRow, 'actor_id' | 'actor_role' | 'actor_organization_id'>): Actor {
  if (row.actor_role === 'system') return { kind: 'system', userId: 'system', role: 'system', organizationId: null };
  return { kind: 'user', userId: row.actor_id, role: row.actor_role as Role, organizationId: row.actor_organization_id };
}

/** Rebuilds the decider's event from a stored row (the log is the source of truth for replays). */
export function eventOf(row: EventRow): SequencedEvent {
  return {
    type: row.type,
    data: row.payload,
    at: new Date(row.occurred_at).toISOString(),
    actor: actorOf(row),
    sequence: row.sequence,
  } as SequencedEvent;
}

export async function loadEvents(manager: EntityManager | DataSource, partnershipId: string, until?: Date): Promise<SequencedEvent[]> {
  const rows = (await manager.query(
    `SELECT * FROM partnership_events WHERE partnership_id = $1 AND ($2::timestamptz IS NULL OR occurred_at <= $2)
     ORDER BY sequence`,
    [partnershipId, until?.toISOString() ?? null],
  )) as EventRow[];
  return rows.map(eventOf);
}
