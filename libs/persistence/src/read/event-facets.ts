/**
 * What one partnership's timeline can be narrowed to: the people who acted in its log and the event
 * types it holds, each with how many events it has. Counted over the whole log, not one page of it.
 */
import type { DataSource } from 'typeorm';
import type { EventFacets } from '@pe/domain';

export async function eventFacets(db: DataSource, partnershipId: string): Promise<EventFacets> {
  const [actors, types] = await Promise.all([
    db.query(
      `SELECT e.actor_id AS "actorId", COALESCE(u.name, e.actor_id) AS "actorName", count(*)::int AS events
       FROM partnership_events e LEFT JOIN users u ON u.id::text = e.actor_id
       WHERE e.partnership_id = $1 GROUP BY e.actor_id, u.name ORDER BY 2, 1`,
      [partnershipId],
    ) as Promise<EventFacets['actors']>,
    db.query(`SELECT type, count(*)::int AS events FROM partnership_events WHERE partnership_id = $1 GROUP BY type ORDER BY type`, [partnershipId]) as Promise<
      EventFacets['types']
    >,
  ]);
  return { actors, types };
}
