/** The directory: people and organizations, read for sign-in and references, written by admins. */
import type { DataSource } from 'typeorm';
import type { Role, UserChangeFacts } from '@pe/domain';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
}

/** A user as the directory holds it: deactivated users stay, since past events name them. */
export interface DirectoryUser extends UserRecord {
  active: boolean;
  /** When the password was last set (ISO), or null if never since the account was made: older sessions end. */
  passwordChangedAt: string | null;
}

const USER_COLUMNS = 'id, email, name, role, organization_id AS "organizationId", deactivated_at IS NULL AS active, password_changed_at AS "passwordChangedAt"';

export async function findUserByEmail(db: DataSource, email: string): Promise<(DirectoryUser & { passwordHash: string }) | null> {
  const [row] = (await db.query(`SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)`, [
    email,
  ])) as (DirectoryUser & { passwordHash: string })[];
  return row ?? null;
}

/** One primary-key lookup: cheap enough for the auth guard to run on every request. */
export async function findUserById(db: DataSource, id: string): Promise<DirectoryUser | null> {
  const [row] = (await db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id])) as DirectoryUser[];
  return row ?? null;
}

/** The active users among these ids: who may still be named sponsor or coordinator of a new partnership. */
export async function findActiveUsersByIds(db: DataSource, ids: string[]): Promise<UserRecord[]> {
  return (await db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL`, [ids])) as UserRecord[];
}

/** The active organizations among these ids: those that may join a partnership or take a user. */
export async function findActiveOrganizationIds(db: DataSource, ids: string[]): Promise<string[]> {
  const rows = (await db.query('SELECT id FROM organizations WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL', [ids])) as { id: string }[];
  return rows.map((row) => row.id);
}

/** The organizations among these ids, deactivated ones too. */
export async function findOrganizationIds(db: DataSource, ids: string[]): Promise<string[]> {
  const rows = (await db.query('SELECT id FROM organizations WHERE id = ANY($1::uuid[])', [ids])) as { id: string }[];
  return rows.map((row) => row.id);
}

/** The countries of these organizations (ISO 3166-1 alpha-2), null where none is set. */
export async function organizationCountries(db: Pick<DataSource, 'query'>, ids: string[]): Promise<Map<string, string | null>> {
  const rows = (await db.query('SELECT id, country FROM organizations WHERE id = ANY($1::uuid[])', [ids])) as { id: string; country: string | null }[];
  return new Map(rows.map((row) => [row.id, row.country]));
}

/** The partnerships not closed that this organization is a member of: those whose deadlines its calendar moves. */
export async function openPartnershipIdsOf(db: Pick<DataSource, 'query'>, organizationId: string): Promise<string[]> {
  const rows = (await db.query(`SELECT id FROM partnerships WHERE $1::uuid = ANY(organization_ids) AND stage <> 'CLOSED' ORDER BY id`, [organizationId])) as { id: string }[];
  return rows.map((row) => row.id);
}

/** The active users with this role, e.g. the sponsors who form the steering group. */
export async function findUserIdsByRole(db: DataSource, role: Role): Promise<string[]> {
  const rows = (await db.query('SELECT id FROM users WHERE role = $1 AND deactivated_at IS NULL ORDER BY id', [role])) as { id: string }[];
  return rows.map((row) => row.id);
}

export interface NewOrganization {
  id: string;
  name: string;
  kind: string;
  /** ISO 3166-1 alpha-2; absent or null: none, so weekends only. */
  country?: string | null;
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

/** A write that would give two users one email, or two organizations one name (ignoring case). */
export class DuplicateError extends Error {
  override readonly name = 'DuplicateError';
  constructor(readonly field: 'email' | 'name') {
    super(`duplicate ${field}`);
  }
}

const UNIQUE_FIELDS: Record<string, DuplicateError['field']> = {
  users_email_key: 'email',
  users_email_lower: 'email',
  organizations_name_key: 'name',
  organizations_name_lower: 'name',
};

async function refusingDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // TypeORM copies the driver error's fields (code, constraint) onto its QueryFailedError.
    const { code, constraint } = error as { code?: unknown; constraint?: unknown };
    const field = code === '23505' && typeof constraint === 'string' ? UNIQUE_FIELDS[constraint] : undefined;
    throw field ? new DuplicateError(field) : error;
  }
}

export function insertOrganization(db: DataSource, organization: NewOrganization): Promise<void> {
  return refusingDuplicates(async () => {
    await db.query('INSERT INTO organizations (id, name, kind, country) VALUES ($1, $2, $3, $4)', [organization.id, organization.name, organization.kind, organization.country ?? null]);
  });
}

export function insertUser(db: DataSource, user: NewUser): Promise<void> {
  return refusingDuplicates(async () => {
    await db.query('INSERT INTO users (id, email, name, role, organization_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
      user.id,
      user.email,
      user.name,
      user.role,
      user.organizationId,
      user.passwordHash,
    ]);
  });
}

export interface OrganizationChanges {
  name?: string;
  kind?: string;
  country?: string | null;
  active?: boolean;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  organizationId?: string | null;
  active?: boolean;
}

/** The SQL assignment of one field, given the placeholder that holds its new value. */
type Setter = (value: string) => string;
// Deactivating twice keeps the first deactivation's time.
const setActive: Setter = (value) => `deactivated_at = CASE WHEN ${value}::boolean THEN NULL ELSE COALESCE(deactivated_at, now()) END`;

const ORGANIZATION_SETTERS: Record<keyof OrganizationChanges, Setter> = {
  name: (value) => `name = ${value}`,
  kind: (value) => `kind = ${value}`,
  country: (value) => `country = ${value}`,
  active: setActive,
};

const USER_SETTERS: Record<keyof UserChanges, Setter> = {
  name: (value) => `name = ${value}`,
  role: (value) => `role = ${value}`,
  organizationId: (value) => `organization_id = ${value}::uuid`,
  active: setActive,
};

type Queryable = Pick<DataSource, 'query'>;

/** Applies the fields given (undefined ones stay as they are); false when no row has this id. */
async function update<C extends object>(db: Queryable, table: 'users' | 'organizations', setters: Record<keyof C, Setter>, id: string, changes: C): Promise<boolean> {
  const values: unknown[] = [id];
  const sets: string[] = [];
  for (const field of Object.keys(setters) as (keyof C)[]) {
    if (changes[field] === undefined) continue;
    values.push(changes[field]);
    sets.push(setters[field](`$${values.length}`));
  }
  return refusingDuplicates(async () => {
    // For an UPDATE, TypeORM answers [rows, affected row count].
    const [, affected] = (await db.query(`UPDATE ${table} SET ${sets.length > 0 ? sets.join(', ') : 'id = id'} WHERE id = $1`, values)) as [unknown[], number];
    return affected > 0;
  });
}

export function updateOrganization(db: DataSource, id: string, changes: OrganizationChanges): Promise<boolean> {
  return update(db, 'organizations', ORGANIZATION_SETTERS, id, changes);
}


export async function setPasswordHash(db: DataSource, id: string, passwordHash: string): Promise<boolean> {
  const [, affected] = (await db.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [id, passwordHash])) as [unknown[], number];
  return affected > 0;
}

/**
 * Changes a user after `check` has seen the facts, all in one transaction that locks the active
 * admins and the user's row, so two admins deactivating each other at once cannot leave none.
 * False when no row has this id.
 */
export async function changeUserChecked(db: DataSource, id: string, changes: UserChanges, check: (facts: UserChangeFacts & { current: DirectoryUser }) => void): Promise<boolean> {
  return db.transaction(async (manager) => {
    const admins = (await manager.query(`SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`)) as { id: string }[];
    const [current] = (await manager.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id])) as DirectoryUser[];
    if (!current) return false;
    const responsibleFor = (await manager.query(
      `SELECT id, name FROM partnerships WHERE (coordinator_id = $1 OR sponsor_id = $1) AND stage <> 'CLOSED' ORDER BY name LIMIT 20`,
      [id],
    )) as { id: string; name: string }[];
    check({ current, otherActiveAdmins: admins.filter((admin) => admin.id !== id).length, responsibleFor });
    return update(manager, 'users', USER_SETTERS, id, changes);
  });
}

/** Names of these users, deactivated ones too: the record keeps naming who did what. */
export async function userNames(db: DataSource, ids: string[]): Promise<Map<string, string>> {
  const rows = (await db.query('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [ids])) as { id: string; name: string }[];
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Names of these organizations, deactivated ones too. */
export async function organizationNames(db: DataSource, ids: string[]): Promise<Map<string, string>> {
  const rows = (await db.query('SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])', [ids])) as { id: string; name: string }[];
  return new Map(rows.map((row) => [row.id, row.name]));
}
