import { useQuery } from '@tanstack/react-query';
import { useConsoleDataProvider } from '../useConsoleDataProvider';
import type { Measures } from './measuresModel';

/** How often the measures are fetched again while the page is open: a report may arrive any time. */
const REFRESH_MS = 30_000;

/**
 * A partnership's measures, or as they read at a point of its log (`at`, a replay: the past does not
 * change, so it is not fetched again); keyed like react-admin's own queries so a refresh reaches it too.
 */
export function useMeasures(partnershipId: string | undefined, at?: string) {
  const dataProvider = useConsoleDataProvider();
  return useQuery<Measures>({
    queryKey: ['partnerships', 'measures', partnershipId, at],
    queryFn: () => dataProvider.measures(partnershipId!, at),
    enabled: partnershipId !== undefined,
    refetchInterval: at === undefined ? REFRESH_MS : false,
  });
}
