/**
 * A partnership's pending timers as rows of the deadline ledger, replaced whenever its state is
 * projected: the ledger is `deadlineLedger(state)`, stored so it can be sorted, filtered and paged in
 * SQL across every partnership.
 */
import type { EntityManager } from 'typeorm';
import type { LedgerEntry } from '@pe/domain';
import { sendWrite, type WriteBatch } from './write-batch.js';

const COLUMNS = ['partnership_id', 'partnership_name', 'purpose', 'fires_at', 'due_at', 'task_kind', 'task_title', 'assignee_user_id', 'assignee_organization_id', 'recipient_user_ids', 'entry'];

/**
 * Entries no longer in the ledger are deleted and the others written over (an upsert, not a delete of
 * every row and an insert: the two writes touch other rows, so they can share one statement).
 */
export async function writeDeadlines(target: Pick<EntityManager, 'query'> | WriteBatch, partnershipId: string, entries: readonly LedgerEntry[]): Promise<void> {
  const ids = entries.map((entry) => entry.id);
  await sendWrite(target, (param) => `DELETE FROM partnership_deadlines WHERE partnership_id = ${param(partnershipId)}::uuid AND NOT (id = ANY(${param(ids)}::text[]))`);
  if (entries.length === 0) return;
  await sendWrite(
    target,
    (param) =>
      `INSERT INTO partnership_deadlines (id, ${COLUMNS.join(', ')})
       SELECT e->>'id', ${param(partnershipId)}::uuid, e->>'partnershipName', e->>'purpose', (e->>'firesAt')::timestamptz, (e->>'dueAt')::timestamptz,
         e->>'taskKind', e->>'taskTitle', e->>'assigneeUserId', e->>'assigneeOrganizationId',
         ARRAY(SELECT r->>'userId' FROM jsonb_array_elements(e->'recipients') AS r WHERE r ? 'userId'), e
         FROM jsonb_array_elements(${param(JSON.stringify(entries))}::jsonb) AS e
       ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}`,
  );
}
