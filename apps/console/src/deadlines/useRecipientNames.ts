import { useGetMany } from 'react-admin';
import { recipientIds } from './deadlineModel';
import type { LedgerEntry } from '@pe/domain';

interface Named {
  id: string;
  name: string;
}

/** Names of everyone the listed timers reach: one lookup for people, one for organizations. */
export function useRecipientNames(entries: readonly Pick<LedgerEntry, 'recipients'>[]) {
  const { userIds, organizationIds } = recipientIds(entries);
  const { data: users } = useGetMany<Named>('users', { ids: userIds }, { enabled: userIds.length > 0 });
  const { data: organizations } = useGetMany<Named>('organizations', { ids: organizationIds }, { enabled: organizationIds.length > 0 });
  return {
    user: (id: string) => users?.find((user) => user.id === id)?.name,
    organization: (id: string) => organizations?.find((organization) => organization.id === id)?.name,
  };
}
