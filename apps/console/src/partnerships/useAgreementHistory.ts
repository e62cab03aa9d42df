import type { AgreementVersion } from '@pe/domain';
import { useEffect, useState } from 'react';
import { useConsoleDataProvider } from '../useConsoleDataProvider';

export type HistoryLoad = { status: 'loading' } | { status: 'ready'; versions: AgreementVersion[] } | { status: 'failed'; message: string };

/** The agreement's versions (as of a point of the log when `at` is given), fetched again whenever the partnership's record moves on. */
export function useAgreementHistory(partnershipId: string, version: number, at?: string): HistoryLoad {
  const dataProvider = useConsoleDataProvider();
  const [load, setLoad] = useState<HistoryLoad>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    dataProvider.agreements(partnershipId, at).then(
      (versions) => !cancelled && setLoad({ status: 'ready', versions }),
      (error: unknown) => !cancelled && setLoad({ status: 'failed', message: error instanceof Error ? error.message : 'could not load the versions' }),
    );
    return () => {
      cancelled = true;
    };
  }, [dataProvider, partnershipId, version, at]);
  return load;
}
