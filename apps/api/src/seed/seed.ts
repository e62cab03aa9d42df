import type { DataSource } from 'typeorm';
import { ensureDirectory } from '@pe/persistence';
import type { Passwords } from '../auth/passwords.js';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-data.js';

/** Seeds the demo directory (idempotent) and returns the lines to print at start. */
export async function seedDemoData(db: DataSource, passwords: Passwords): Promise<string[]> {
  const passwordHash = await passwords.hash(DEMO_PASSWORD);
  await ensureDirectory(db, DEMO_ORGANIZATIONS, DEMO_USERS.map((user) => ({ ...user, passwordHash })));
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...DEMO_USERS.map((user) => `  ${user.role.padEnd(12)} ${user.email}`),
  ];
}
