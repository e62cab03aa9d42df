import { useQuery } from '@tanstack/react-query';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import type { Measures } from './measuresModel';

/** How often the measures are fetched again while the page is open: a report may arrive any time. */
const REFRESH_MS = 30_000;

/** A partnership's measures; keyed like react-admin's own queries so a refresh reaches it too. */
export function useMeasures(partnershipId: string | undefined) {
  const dataProvider = useConsoleDataProvider();
  return useQuery<Measures>({
    queryKey: ['partnerships', 'measures', partnershipId],
    queryFn: () => dataProvider.measures(partnershipId!),
    enabled: partnershipId !== undefined,
    refetchInterval: REFRESH_MS,
  });
}
