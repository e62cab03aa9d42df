/**
 * What a tamperer with superuser rights can do and nobody else: edit the append-only tables, with
 * their guard trigger switched off for the one edit. The audit tests use it to prove each kind of
 * tampering is caught.
 */
import type pg from 'pg';

export type GuardedTable = 'partnership_events' | 'audit_checkpoints';

export async function withGuardOff(db: pg.Client, table: GuardedTable, edit: () => Promise<unknown>): Promise<void> {
  await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_no_rewrite`);
  try {
    await edit();
  } finally {
    await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_no_rewrite`);
  }
}
