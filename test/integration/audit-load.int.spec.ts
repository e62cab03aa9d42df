/**
 * Verifying every partnership is heavy (each page holds pooled connections and the event loop): one
 * page runs at a time in an API process, another caller is answered 503 SERVER.BUSY with Retry-After
 * rather than starving everyone of connections; and a pool whose connections are all in use is busy,
 * not a database that is down. The turn is each process's own, so the callers here talk to one API
 * process, also where several serve behind a round-robin (the cluster topology).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, isPoolSaturated, pingDatabase } from '@pe/persistence';
import { DEMO, eventually, login, type Session } from '../support/http.js';
import { createPartnership } from '../support/partnerships.js';

let auditor: Session;
let db: pg.Client;

beforeAll(async () => {
  auditor = await login(DEMO.auditor, { baseUrl: inject('apiUrls')[0] });
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  // At least one partnership for a page to verify.
  await createPartnership(await login(DEMO.coordinator));
});
afterAll(async () => {
  await db?.end();
});

describe('verifying every partnership under load', () => {
  it('verifies one page at a time: a second caller waits a bounded time, then is answered 503 SERVER.BUSY with Retry-After', async () => {
    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    try {
      // Every page reads the checkpoints: with them locked, the first page stays in its turn.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE audit_checkpoints IN ACCESS EXCLUSIVE MODE');
      const first = auditor.get('/api/audit/verification?limit=1');
      await eventually('the first page waiting on the lock', async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = 'audit_checkpoints'::regclass AND NOT granted`);
        return (rows[0] as { waiting: number }).waiting > 0 ? true : undefined;
      });
      const second = await auditor.get('/api/audit/verification?limit=1');
      expect(second.status).toBe(503);
      expect(second.body).toMatchObject({ statusCode: 503, code: 'SERVER.BUSY' });
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
      await holder.query('COMMIT');
      expect((await first).status).toBe(200);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    // Once the page is done, the next caller is served.
    expect((await auditor.get('/api/audit/verification?limit=1')).status).toBe(200);
  });

  it('calls the database up while every pooled connection is taken', async () => {
    const dataSource = await openDatabase(inject('databaseUrl'), { connectTimeoutMs: 500 });
    const runners = Array.from({ length: 10 }, () => dataSource.createQueryRunner());
    try {
      await Promise.all(runners.map((runner) => runner.connect()));
      // A caller now waits for the pool in vain...
      await expect(dataSource.query('SELECT 1')).rejects.toThrow();
      expect(isPoolSaturated(dataSource)).toBe(true);
      // ...but the database itself answers.
      await expect(pingDatabase(dataSource, 2_000)).resolves.toBeUndefined();
    } finally {
      await Promise.all(runners.map((runner) => runner.release()));
      await dataSource.destroy();
    }
    const stopped = await openDatabase(inject('databaseUrl'));
    await stopped.destroy();
    await expect(pingDatabase(stopped, 1_000)).rejects.toThrow();
  });
});
