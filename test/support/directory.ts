/**
 * Directory entries a test creates, marked so they can be removed again: every file shares one
 * stack, and other files pick "all organizations" or "the first sponsor" from the directory.
 */
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDirectory {
  /** A unique email at this run's test domain. */
  email(local: string): string;
  /** A unique organization name with this run's prefix. */
  organizationName(label: string): string;
  /** Whether this run made the organization of that name. */
  owns(organizationName: string): boolean;
  /** Deletes every user and organization this run created (rows, so past events fall back to ids). */
  remove(): Promise<void>;
  /** Reactivates a user behind the API's back: a test that deactivated a demo user puts it back whatever happened. */
  reactivate(userId: string): Promise<void>;
}

export function testDirectory(label: string): TestDirectory {
  const run = `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const domain = `${run}.test`;
  const prefix = `[${run}]`;
  let count = 0;
  return {
    email: (local) => `${local}.${++count}@${domain}`,
    organizationName: (name) => `${prefix} ${name} ${++count}`,
    owns: (organizationName) => organizationName.startsWith(prefix),
    async reactivate(userId) {
      const db = new pg.Client({ connectionString: inject('databaseUrl') });
      await db.connect();
      try {
        await db.query('UPDATE users SET deactivated_at = NULL WHERE id = $1', [userId]);
      } finally {
        await db.end();
      }
    },
    async remove() {
      const db = new pg.Client({ connectionString: inject('databaseUrl') });
      await db.connect();
      try {
        // Missions are append-only (a trigger refuses DELETE); the superuser's replica role steps past it for the test's own rows.
        await db.query('BEGIN');
        await db.query('SET LOCAL session_replication_role = replica');
        await db.query('DELETE FROM organization_missions WHERE organization_id IN (SELECT id FROM organizations WHERE starts_with(name, $1))', [prefix]);
        await db.query('COMMIT');
        await db.query('DELETE FROM users WHERE email LIKE $1', [`%@${domain}`]);
        await db.query('DELETE FROM organizations WHERE starts_with(name, $1)', [prefix]);
      } finally {
        await db.end();
      }
    },
  };
}
