/**
 * The deadline ledger across partnerships: every pending timer of the partnerships a caller may
 * see. Timers are derived from each partnership's projected state (the decider's own fold), so the
 * list is computed rather than stored; sort, filter and range follow the simple-REST lists.
 */
import type { DataSource } from 'typeorm';
import { deadlineLedger, matchesLedgerFilter, type DeadlineFilter, type LedgerEntry, type PartnershipState } from '@pe/domain';
import { ListParamsError, MAX_PAGE, type ListResult, type ScopeClause, type SortOrder } from './list-query.js';

export interface DeadlineListParams {
  sort?: [string, SortOrder];
  range?: [number, number];
  filter?: DeadlineFilter;
}

const SORTABLE = ['firesAt', 'dueAt', 'partnershipName', 'purpose', 'taskTitle'] as const satisfies readonly (keyof LedgerEntry)[];
type SortField = (typeof SORTABLE)[number];

export async function listDeadlines(db: DataSource, params: DeadlineListParams, scope: ScopeClause[] = []): Promise<ListResult<LedgerEntry>> {
  const [sortField, order] = params.sort ?? ['firesAt', 'ASC'];
  if (!isSortable(sortField)) throw new ListParamsError('sort', `cannot sort by "${sortField}"; allowed: ${SORTABLE.join(', ')}`);
  const [start, end] = params.range ?? [0, 24];
  if (end < start) throw new ListParamsError('range', 'range end must not be before its start');
  const filter = params.filter ?? {};

  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  // Closed partnerships have no timers; the partnership filter narrows in SQL, the rest needs the timers.
  const conditions = [`p.stage <> 'CLOSED'`, ...scope.map((clause) => clause(bind))];
  if (filter.partnershipId !== undefined) conditions.push(`p.id::text = ANY(${bind([filter.partnershipId].flat())})`);
  const rows = (await db.query(`SELECT p.state FROM partnerships p WHERE ${conditions.join(' AND ')}`, values)) as { state: PartnershipState }[];

  const entries = rows.flatMap((row) => deadlineLedger(row.state)).filter((entry) => matchesLedgerFilter(entry, filter));
  const direction = order === 'DESC' ? -1 : 1;
  entries.sort((a, b) => direction * compare(a[sortField], b[sortField]) || compare(a.firesAt, b.firesAt) || compare(a.id, b.id));
  const page = entries.slice(start, start + Math.min(end - start + 1, MAX_PAGE));
  return { rows: page, total: entries.length, start, end: page.length > 0 ? start + page.length - 1 : start };
}

function isSortable(field: string): field is SortField {
  return (SORTABLE as readonly string[]).includes(field);
}

/** Nulls last, like the SQL lists; ISO instants compare as text. */
function compare(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
