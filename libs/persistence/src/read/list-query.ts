/**
 * react-admin's simple-REST list convention over SQL: whitelisted sort fields and filters, an
 * inclusive range, and the total for Content-Range. Nothing a client sends reaches SQL unescaped.
 */
import type { DataSource } from 'typeorm';

export type SortOrder = 'ASC' | 'DESC';

export interface ListParams {
  sort?: [string, SortOrder];
  range?: [number, number];
  filter?: Record<string, unknown>;
}

export interface ListResult<T> {
  rows: T[];
  total: number;
  start: number;
  end: number;
}

/** Adds its SQL condition for one filter value, pushing parameters; null when the value is ignored. */
export type FilterClause = (value: unknown, bind: (value: unknown) => string) => string | null;

/**
 * A column the API serves: the SQL expression it is read with, or that and the expression it is
 * sorted by, where the two differ (an instant is read as ISO-8601 text but sorted by the timestamp
 * itself, which an index can serve and the text cannot).
 */
export type ListColumn = string | { select: string; sortBy: string };

export interface ListSpec {
  /** FROM clause (a table with joins). */
  from: string;
  /** API field name → how it is read (and sorted). */
  columns: Record<string, ListColumn>;
  defaultSort: [string, SortOrder];
  filters: Record<string, FilterClause>;
  /** Expressions that order rows sharing the sort value (in the same direction), so pages neither repeat nor skip them. */
  tieBreakers?: string[];
  /**
   * The expression that names one row of `from`. Given, a page is found by its keys first and only
   * its rows are read in full: columns drawn from large values (a partnership's JSONB state) are
   * then computed for the page, not for every row that matches. It also orders rows last, so pages
   * neither repeat nor skip rows that share every sort value.
   */
  key?: string;
}

export const MAX_PAGE = 500;

export class ListParamsError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** A condition every row must meet whatever the client asks, such as the caller's visibility. */
export type ScopeClause = (bind: (value: unknown) => string) => string;

export async function runList<T>(db: DataSource, spec: ListSpec, params: ListParams, scope: ScopeClause[] = []): Promise<ListResult<T>> {
  const { select, where, orderBy, values, start, limit } = listQuery(spec, params, scope);
  const pageSql = spec.key
    ? // The inner query's aliases shadow the outer ones: it reads only what the filters and the sort need.
      `SELECT ${select} FROM ${spec.from} WHERE ${spec.key} IN (
         SELECT ${spec.key} FROM ${spec.from} ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${start}
       ) ORDER BY ${orderBy}`
    : `SELECT ${select} FROM ${spec.from} ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${start}`;
  const [rows, counted] = await Promise.all([
    db.query(pageSql, values) as Promise<T[]>,
    db.query(`SELECT count(*)::int AS total FROM ${spec.from} ${where}`, values) as Promise<{ total: number }[]>,
  ]);
  const total = counted[0]?.total ?? 0;
  return { rows, total, start, end: rows.length > 0 ? start + rows.length - 1 : start };
}

/**
 * The one row a filter names (an id), under the same scope as the list, or undefined: the list's
 * query without the count, for the lookups every command makes before it reaches the workflow.
 */
export async function findFirst<T>(db: DataSource, spec: ListSpec, filter: Record<string, unknown>, scope: ScopeClause[] = []): Promise<T | undefined> {
  const { select, where, orderBy, values } = listQuery(spec, { filter }, scope);
  const rows = (await db.query(`SELECT ${select} FROM ${spec.from} ${where} ORDER BY ${orderBy} LIMIT 1`, values)) as T[];
  return rows[0];
}

function listQuery(spec: ListSpec, params: ListParams, scope: ScopeClause[]) {
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = scope.map((clause) => clause(bind));
  for (const [key, value] of Object.entries(params.filter ?? {})) {
    const clause = Object.hasOwn(spec.filters, key) ? spec.filters[key] : undefined;
    if (!clause) throw new ListParamsError('filter', `unknown filter "${key}"; allowed: ${Object.keys(spec.filters).join(', ') || 'none'}`);
    const condition = clause(value, bind);
    if (condition) conditions.push(condition);
  }
  const [sortField, order] = params.sort ?? spec.defaultSort;
  const sortColumn = Object.hasOwn(spec.columns, sortField) ? spec.columns[sortField] : undefined;
  if (!sortColumn) throw new ListParamsError('sort', `cannot sort by "${sortField}"; allowed: ${Object.keys(spec.columns).join(', ')}`);
  const [start, end] = params.range ?? [0, 24];
  if (end < start) throw new ListParamsError('range', 'range end must not be before its start');
  const limit = Math.min(end - start + 1, MAX_PAGE);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const direction = order === 'DESC' ? 'DESC' : 'ASC';
  const sortExpression = typeof sortColumn === 'string' ? sortColumn : sortColumn.sortBy;
  // Ascending puts nulls last by default; saying so only when descending lets a plain index serve the ascending sort.
  const sortTerm = direction === 'DESC' ? `${sortExpression} DESC NULLS LAST` : `${sortExpression} ASC`;
  const tieBreakers = [...(spec.tieBreakers ?? []), ...(spec.key ? [spec.key] : [])];
  const orderBy = [sortTerm, ...tieBreakers.map((expression) => `${expression} ${direction}`)].join(', ');
  const select = Object.entries(spec.columns)
    .map(([field, column]) => `${typeof column === 'string' ? column : column.select} AS "${field}"`)
    .join(', ');
  return { select, where, orderBy, values, start, limit };
}

export const equals =
  (expression: string): FilterClause =>
  (value, bind) =>
    Array.isArray(value) ? `${expression} = ANY(${bind(value.map(String))})` : `${expression} = ${bind(String(value))}`;

export const search =
  (...expressions: string[]): FilterClause =>
  (value, bind) => {
    const text = String(value ?? '').trim();
    if (!text) return null;
    const pattern = bind(`%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    return `(${expressions.map((expression) => `${expression} ILIKE ${pattern}`).join(' OR ')})`;
  };

export const idIn =
  (expression: string): FilterClause =>
  (value, bind) =>
    `${expression}::text = ANY(${bind((Array.isArray(value) ? value : [value]).map(String))})`;

/**
 * One end of a time range: rows at or after (`from`) or at or before (`to`) an ISO-8601 instant. An
 * empty value is ignored; anything that is not an instant is a 400 naming the filter.
 */
export const instantBound =
  (expression: string, end: 'from' | 'to', name: string): FilterClause =>
  (value, bind) => {
    if (value === undefined || value === null || value === '') return null;
    const text = typeof value === 'string' ? value.trim() : '';
    const instant = new Date(text);
    // PostgreSQL's timestamptz holds the years 1 to 9999 of our era only (an offset can push 9999 into 10000).
    const year = instant.getUTCFullYear();
    if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(instant.getTime()) || year < 1 || year > 9999) {
      throw new ListParamsError('filter', `${name} must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, in the years 0001 to 9999`);
    }
    return `${expression} ${end === 'from' ? '>=' : '<='} ${bind(instant.toISOString())}::timestamptz`;
  };

/** A yes/no filter over a boolean expression; anything but true or false is a 400 (naming the filter when told its name). */
export const flag =
  (expression: string, name?: string): FilterClause =>
  (value) => {
    if (value === true || value === 'true') return `(${expression})`;
    if (value === false || value === 'false') return `NOT (${expression})`;
    throw new ListParamsError('filter', name ? `${name} must be true or false` : 'this filter takes true or false');
  };
