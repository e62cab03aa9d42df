import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Fetches the lists that change without the person doing anything (their inbox, the deadline
 * ledger) again every `ms` while the page is visible. react-admin keys its queries by resource
 * first, so invalidating ['tasks'] reaches every task list on screen and nothing else.
 */
export function useFreshLists(resources: readonly string[], ms: number): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      for (const resource of resources) void queryClient.invalidateQueries({ queryKey: [resource] });
    }, ms);
    return () => window.clearInterval(timer);
  }, [queryClient, resources, ms]);
}
