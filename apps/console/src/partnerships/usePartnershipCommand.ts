import { useCallback, useState } from 'react';
import { useRefresh } from 'react-admin';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import type { CommandResult, PartnershipCommand } from './partnershipModel';

/**
 * Sends a command and then refreshes every query, because one command changes the record,
 * its timeline and possibly someone's inbox. Errors are rethrown for the caller to present.
 */
export function usePartnershipCommand(partnershipId: string) {
  const dataProvider = useConsoleDataProvider();
  const refresh = useRefresh();
  const [pending, setPending] = useState(false);

  const send = useCallback(
    async (command: PartnershipCommand): Promise<CommandResult> => {
      setPending(true);
      try {
        const result = await dataProvider.command(partnershipId, command);
        refresh();
        return result;
      } finally {
        setPending(false);
      }
    },
    [dataProvider, partnershipId, refresh],
  );

  return { send, pending };
}
