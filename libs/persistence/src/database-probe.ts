/**
 * Whether PostgreSQL is there, asked so that a busy pool is not mistaken for a database that is
 * down: while every pooled connection is in use, a `SELECT 1` through the pool only waits its turn,
 * so the question goes over a connection of its own instead.
 */
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** TypeORM types its pool `any`; it is pg's (loaded by TypeORM itself, so compared by shape, not class). */
function poolOf(dataSource: DataSource): pg.Pool | undefined {
  const pool = (dataSource.driver as PostgresDriver).master as Partial<pg.Pool> | undefined;
  return pool && typeof pool.totalCount === 'number' && typeof pool.waitingCount === 'number' && pool.options ? (pool as pg.Pool) : undefined;
}

/** Every pooled connection is in use and callers wait for one: a wait for a connection now is the pool's, not the database's. */
export function isPoolSaturated(dataSource: DataSource): boolean {
  const pool = poolOf(dataSource);
  if (!pool) return false;
  return pool.waitingCount > 0 || (pool.totalCount >= (pool.options.max ?? 10) && pool.idleCount === 0);
}

/** Resolves once PostgreSQL answered `SELECT 1`, rejects when it cannot be reached within `timeoutMs`. */
export async function pingDatabase(dataSource: DataSource, timeoutMs: number): Promise<void> {
  const pool = poolOf(dataSource);
  if (!pool || !isPoolSaturated(dataSource)) {
    await dataSource.query('SELECT 1');
    return;
  }
  const client = new pg.Client({ ...pool.options, connectionTimeoutMillis: Math.max(1, Math.round(timeoutMs)) });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}
