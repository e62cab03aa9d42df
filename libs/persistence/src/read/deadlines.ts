/**
 * The deadline ledger across partnerships: every pending timer of the partnerships a caller may
 * see, read from the rows the projector writes with each partnership's state (see deadline-rows.ts);
 * sort, filter and range follow the simple-REST lists.
 */
import type { DataSource } from 'typeorm';
import type { DeadlineFilter, LedgerEntry } from '@pe/domain';
import { equals, idIn, runList, type FilterClause, type ListResult, type ListSpec, type ScopeClause, type SortOrder } from './list-query.js';

export interface DeadlineListParams {
  sort?: [string, SortOrder];
  range?: [number, number];
  filter?: DeadlineFilter;
}

const recipient: FilterClause = (value, bind) => `${bind(String(value))} = ANY(d.recipient_user_ids)`;

const deadlineList: ListSpec = {
  from: 'partnership_deadlines d JOIN partnerships p ON p.id = d.partnership_id',
  // The entry as the domain derived it; the columns beside it are for filtering and sorting.
  columns: {
    id: 'd.id',
    partnershipId: 'd.partnership_id',
    partnershipName: 'd.partnership_name',
    purpose: 'd.purpose',
    firesAt: { select: `d.entry->>'firesAt'`, sortBy: 'd.fires_at' },
    taskId: `d.entry->>'taskId'`,
    taskKind: 'd.task_kind',
    taskTitle: 'd.task_title',
    assignee: `d.entry->'assignee'`,
    assigneeUserId: 'd.assignee_user_id',
    assigneeOrganizationId: 'd.assignee_organization_id',
    dueAt: { select: `d.entry->>'dueAt'`, sortBy: 'd.due_at' },
    level: `(d.entry->>'level')::int`,
    reminder: `(d.entry->>'reminder')::int`,
    recipients: `d.entry->'recipients'`,
  },
  defaultSort: ['firesAt', 'ASC'],
  filters: {
    partnershipId: idIn('d.partnership_id'),
    purpose: equals('d.purpose'),
    kind: equals('d.task_kind'),
    assigneeUserId: equals('d.assignee_user_id'),
    assigneeOrganizationId: equals('d.assignee_organization_id'),
    recipientUserId: recipient,
  },
  tieBreakers: ['d.fires_at', 'd.id'],
};

export function listDeadlines(db: DataSource, params: DeadlineListParams, scope: ScopeClause[] = []): Promise<ListResult<LedgerEntry>> {
  return runList<LedgerEntry>(db, deadlineList, params, scope);
}
