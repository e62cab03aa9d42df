/** Names for the ids a record holds, looked up once per export; an id the directory does not know reads as itself. */
import type { DataSource } from 'typeorm';
import { organizationNames, userNames } from '@pe/persistence';
import { UUID } from '../http/uuid.pipe.js';

export interface Names {
  user(id: string): string;
  organization(id: string): string;
}

export async function namesOf(db: DataSource, userIds: Iterable<string>, organizationIds: Iterable<string>): Promise<Names> {
  // Only ids that can be directory rows: an event's actor may be the system.
  const only = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => UUID.test(id));
  const [users, organizations] = await Promise.all([userNames(db, only(userIds)), organizationNames(db, only(organizationIds))]);
  return { user: (id) => users.get(id) ?? id, organization: (id) => organizations.get(id) ?? id };
}
