/**
 * What the task endpoints read besides the list: the inbox rule, and the decider's state of the
 * partnerships a page of tasks belongs to (each task's form context is computed from it).
 */
import type { DataSource } from 'typeorm';
import { upgradeState, type ActivePartnership, type PartnershipState, type Role } from '@pe/domain';
import type { ScopeClause } from './list-query.js';

export interface Viewer {
  id: string;
  role: Role;
  organizationId: string | null;
}

/** A person's inbox: tasks assigned to them, and for a partner representative its organization's tasks. */
export function inboxOf(viewer: Viewer): ScopeClause {
  return (bind) => {
    const own = `t.assignee_user_id = ${bind(viewer.id)}::uuid`;
    if (viewer.role !== 'partner' || !viewer.organizationId) return own;
    return `(${own} OR t.assignee_organization_id = ${bind(viewer.organizationId)}::uuid)`;
  };
}

/** The projected state of each partnership, by id, in today's shape. */
export async function partnershipStates(db: DataSource, ids: readonly string[]): Promise<Map<string, ActivePartnership>> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return new Map();
  const rows = (await db.query('SELECT id, state FROM partnerships WHERE id = ANY($1::uuid[])', [distinct])) as { id: string; state: PartnershipState }[];
  const states = new Map<string, ActivePartnership>();
  for (const row of rows) {
    const state = upgradeState(row.state);
    if (state.status === 'active') states.set(row.id, state);
  }
  return states;
}
