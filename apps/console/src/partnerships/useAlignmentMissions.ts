import type { AlignmentMission } from '@pe/domain';
import { useEffect, useState } from 'react';
import { useConsoleDataProvider } from '../useConsoleDataProvider';

/**
 * The member organizations' missions beside the matrix, by organization id (as of a point of the log
 * when `at` is given), fetched again whenever the record moves on (a new score may settle a warning).
 * Empty until loaded or when they cannot be: the matrix stands without them.
 */
export function useAlignmentMissions(partnershipId: string, version: number, at?: string): Map<string, AlignmentMission> {
  const dataProvider = useConsoleDataProvider();
  const [missions, setMissions] = useState<Map<string, AlignmentMission>>(() => new Map());
  useEffect(() => {
    let cancelled = false;
    dataProvider.partnershipMissions(partnershipId, at).then(
      (rows) => !cancelled && setMissions(new Map(rows.map((row) => [row.organizationId, row]))),
      () => !cancelled && setMissions(new Map()),
    );
    return () => {
      cancelled = true;
    };
  }, [dataProvider, partnershipId, version, at]);
  return missions;
}
