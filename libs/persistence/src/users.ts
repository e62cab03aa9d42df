import type { DataSource } from 'typeorm';
import type { Role } from '@pe/domain';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
}

const USER_COLUMNS = 'id, email, name, role, organization_id AS "organizationId"';

export async function findUserByEmail(db: DataSource, email: string): Promise<(UserRecord & { passwordHash: string }) | null> {
  const [row] = (await db.query(`SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)`, [
    email,
  ])) as (UserRecord & { passwordHash: string })[];
  return row ?? null;
}

export async function findUsersByIds(db: DataSource, ids: string[]): Promise<UserRecord[]> {
  return (await db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = ANY($1::uuid[])`, [ids])) as UserRecord[];
}

export async function findOrganizationIds(db: DataSource, ids: string[]): Promise<string[]> {
  const rows = (await db.query('SELECT id FROM organizations WHERE id = ANY($1::uuid[])', [ids])) as { id: string }[];
  return rows.map((row) => row.id);
}

export interface NewOrganization {
  id: string;
  name: string;
  kind: string;
}

export interface NewUser extends UserRecord {
  passwordHash: string;
}

/** Inserts what is missing, keyed by name and email; running it twice changes nothing. */
export async function ensureDirectory(db: DataSource, organizations: NewOrganization[], users: NewUser[]): Promise<void> {
  await db.transaction(async (manager) => {
    for (const org of organizations) {
      await manager.query('INSERT INTO organizations (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [org.id, org.name, org.kind]);
    }
    for (const user of users) {
      await manager.query(
        `INSERT INTO users (id, email, name, role, organization_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [user.id, user.email, user.name, user.role, user.organizationId, user.passwordHash],
      );
    }
  });
}

export async function findUserIdsByRole(db: DataSource, role: Role): Promise<string[]> {
  const rows = (await db.query('SELECT id FROM users WHERE role = $1 ORDER BY id', [role])) as { id: string }[];
  return rows.map((row) => row.id);
}
