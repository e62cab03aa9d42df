/** The list builder lets only whitelisted names reach SQL: inherited object keys included. */
import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { ListParamsError, equals, findFirst, flag, instantBound, runList, type ListSpec } from './list-query.js';

const spec: ListSpec = { from: 'things t', columns: { id: 't.id', name: 't.name' }, defaultSort: ['name', 'ASC'], filters: { name: equals('t.name') } };

function recordingDb() {
  const statements: { sql: string; values: unknown[] }[] = [];
  const db = {
    query: async (sql: string, values: unknown[]) => {
      statements.push({ sql, values });
      return sql.includes('count(*)') ? [{ total: 0 }] : [];
    },
  } as unknown as DataSource;
  return { db, statements };
}

describe('runList', () => {
  it('binds filter values and whitelists the sort column', async () => {
    const { db, statements } = recordingDb();
    await runList(db, spec, { filter: { name: "x' OR '1'='1" }, sort: ['id', 'DESC'], range: [0, 9] });
    expect(statements[0]!.sql).toContain('WHERE t.name = $1');
    expect(statements[0]!.sql).toContain('ORDER BY t.id DESC');
    expect(statements[0]!.values).toEqual(["x' OR '1'='1"]);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses the inherited name %s as a filter or a sort field', async (name) => {
    const { db, statements } = recordingDb();
    await expect(runList(db, spec, { filter: { [name]: 'true) OR (true' } })).rejects.toBeInstanceOf(ListParamsError);
    await expect(runList(db, spec, { sort: [name, 'ASC'] })).rejects.toBeInstanceOf(ListParamsError);
    expect(statements).toEqual([]);
  });

  it('orders rows that share the sort value by the tie-breakers, in the same direction', async () => {
    const { db, statements } = recordingDb();
    await runList(db, { ...spec, tieBreakers: ['t.group_id', 't.position'] }, { sort: ['name', 'DESC'] });
    await runList(db, { ...spec, tieBreakers: ['t.position'] }, { sort: ['id', 'ASC'] });
    expect(statements[0]!.sql).toContain('ORDER BY t.name DESC NULLS LAST, t.group_id DESC, t.position DESC');
    expect(statements[2]!.sql).toContain('ORDER BY t.id ASC, t.position ASC');
  });

  it('sorts an instant by its timestamp while it reads the formatted text', async () => {
    const timed: ListSpec = { ...spec, columns: { ...spec.columns, at: { select: "to_char(t.at, 'YYYY')", sortBy: 't.at' } } };
    const { db, statements } = recordingDb();
    await runList(db, timed, { sort: ['at', 'DESC'] });
    expect(statements[0]!.sql).toContain(`SELECT t.id AS "id", t.name AS "name", to_char(t.at, 'YYYY') AS "at" FROM things t`);
    expect(statements[0]!.sql).toContain('ORDER BY t.at DESC NULLS LAST');
  });

  it('finds a keyed page by its keys first, ordering last by the key, and reads only those rows in full', async () => {
    const { db, statements } = recordingDb();
    await runList(db, { ...spec, key: 't.id' }, { filter: { name: 'x' }, sort: ['name', 'DESC'], range: [50, 74] });
    const sql = statements[0]!.sql.replace(/\s+/g, ' ');
    expect(sql).toContain(
      'FROM things t WHERE t.id IN ( SELECT t.id FROM things t WHERE t.name = $1 ORDER BY t.name DESC NULLS LAST, t.id DESC LIMIT 25 OFFSET 50 ) ORDER BY t.name DESC NULLS LAST, t.id DESC',
    );
    expect(statements[0]!.values).toEqual(['x']);
  });

  it('filters on a flag with true or false only', async () => {
    const flagged: ListSpec = { ...spec, filters: { active: flag('t.gone_at IS NULL') } };
    const { db, statements } = recordingDb();
    await runList(db, flagged, { filter: { active: true } });
    await runList(db, flagged, { filter: { active: 'false' } });
    expect(statements[0]!.sql).toContain('WHERE (t.gone_at IS NULL)');
    expect(statements[2]!.sql).toContain('WHERE NOT (t.gone_at IS NULL)');
    await expect(runList(db, flagged, { filter: { active: 'yes' } })).rejects.toBeInstanceOf(ListParamsError);
  });

  it('bounds a time range by ISO instants and names the filter it refuses', async () => {
    const ranged: ListSpec = { ...spec, filters: { since: instantBound('t.at', 'from', 'since'), until: instantBound('t.at', 'to', 'until') } };
    const { db, statements } = recordingDb();
    await runList(db, ranged, { filter: { since: '2026-03-01T00:00:00+02:00', until: '' } });
    expect(statements[0]!.sql).toContain('WHERE t.at >= $1::timestamptz');
    expect(statements[0]!.values).toEqual(['2026-02-28T22:00:00.000Z']);
    for (const bad of ['yesterday', '12', 5, { $gt: 1 }, ['2026-03-01'], '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-01:00']) {
      await expect(runList(db, ranged, { filter: { until: bad } })).rejects.toThrow(/until must be an ISO-8601 instant/);
    }
  });
});

describe('findFirst', () => {
  it('reads one row under the scope and filters of the list, binding values, without counting', async () => {
    const { db, statements } = recordingDb();
    const scope = [(bind: (value: unknown) => string) => `t.owner = ${bind('me')}`];
    expect(await findFirst(db, spec, { name: "x' OR '1'='1" }, scope)).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toContain('WHERE t.owner = $1 AND t.name = $2');
    expect(statements[0]!.sql).toContain('LIMIT 1');
    expect(statements[0]!.sql).not.toContain('count(*)');
    expect(statements[0]!.values).toEqual(['me', "x' OR '1'='1"]);
    await expect(findFirst(db, spec, { constructor: 'x' })).rejects.toBeInstanceOf(ListParamsError);
  });
});
