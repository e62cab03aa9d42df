/**
 * A partnership's pending timers as rows of the deadline ledger, replaced whenever its state is
 * projected: the ledger is `deadlineLedger(state)`, stored so it can be sorted, filtered and paged in
 * SQL across every partnership.
 */
import type { EntityManager } from 'typeorm';
import type { LedgerEntry } from '@pe/domain';

export async function writeDeadlines(manager: EntityManager, partnershipId: string, entries: readonly LedgerEntry[]): Promise<void> {
  await manager.query('DELETE FROM partnership_deadlines WHERE partnership_id = $1', [partnershipId]);
  if (entries.length === 0) return;
  await manager.query(
    `INSERT INTO partnership_deadlines (id, partnership_id, partnership_name, purpose, fires_at, due_at, task_kind, task_title,
       assignee_user_id, assignee_organization_id, recipient_user_ids, entry)
     SELECT e->>'id', $1::uuid, e->>'partnershipName', e->>'purpose', (e->>'firesAt')::timestamptz, (e->>'dueAt')::timestamptz,
       e->>'taskKind', e->>'taskTitle', e->>'assigneeUserId', e->>'assigneeOrganizationId',
       ARRAY(SELECT r->>'userId' FROM jsonb_array_elements(e->'recipients') AS r WHERE r ? 'userId'), e
       FROM jsonb_array_elements($2::jsonb) AS e`,
    [partnershipId, JSON.stringify(entries)],
  );
}
