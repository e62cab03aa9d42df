/**
 * Every partnership a caller may see, a page at a time in id order after a cursor: keyset paging
 * stays as cheap on the thousandth page as on the first, and a partnership created meanwhile moves
 * no other across a page boundary.
 */
import type { DataSource } from 'typeorm';
import type { ScopeClause } from './list-query.js';

export interface PartnershipHeading {
  id: string;
  name: string;
  stage: string;
}

export interface PartnershipPage {
  partnerships: PartnershipHeading[];
  /** All the partnerships in scope, on every page. */
  total: number;
  /** The cursor of the next page; null after the last. */
  next: string | null;
}

export async function partnershipsAfter(db: DataSource, after: string | null, limit: number, scope: ScopeClause[] = []): Promise<PartnershipPage> {
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const scoped = scope.map((clause) => clause(bind));
  const scopeValues = [...values];
  const where = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');
  const pageConditions = after === null ? scoped : [...scoped, `p.id > ${bind(after)}::uuid`];
  // One more than asked says whether another page follows.
  const pageSql = `SELECT p.id, p.name, p.stage FROM partnerships p ${where(pageConditions)} ORDER BY p.id LIMIT ${bind(limit + 1)}`;
  const [rows, counted] = await Promise.all([
    db.query(pageSql, values) as Promise<PartnershipHeading[]>,
    db.query(`SELECT count(*)::int AS total FROM partnerships p ${where(scoped)}`, scopeValues) as Promise<{ total: number }[]>,
  ]);
  const partnerships = rows.slice(0, limit);
  return { partnerships, total: counted[0]?.total ?? 0, next: rows.length > limit ? partnerships.at(-1)!.id : null };
}
