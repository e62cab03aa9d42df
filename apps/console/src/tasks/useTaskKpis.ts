import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import { kpisFromEvents, readKpis, type KpiEventLike, type KpiSummary } from './completionModel';

/** The event types that decide which KPIs a partnership has. */
const KPI_EVENT_TYPES = ['KpiDefined', 'PartnershipRenewed', 'OrganizationLeft'];
const EVENTS_PAGE = 500;

export type KpiLoad = { status: 'loading' } | { status: 'ready'; kpis: KpiSummary[] };

/**
 * The KPIs an organization reports on. The partnership record carries no KPI list today, so
 * they are folded from its log; a record that does carry `kpis` is used as is. Anything that
 * fails leaves an empty list: the dialog then asks for free "KPI id / value" pairs.
 */
export function useTaskKpis(partnershipId: string, organizationId: string | null, enabled: boolean): KpiLoad {
  const dataProvider = useDataProvider();
  const [load, setLoad] = useState<KpiLoad>({ status: 'loading' });

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const fetchKpis = async (): Promise<KpiSummary[]> => {
      const { data: record } = await dataProvider.getOne('partnerships', { id: partnershipId });
      const fromRecord = readKpis((record as { kpis?: unknown }).kpis);
      if (fromRecord) return fromRecord;
      const pages = await Promise.all(
        KPI_EVENT_TYPES.map((type) =>
          dataProvider.getList('events', {
            filter: { partnershipId, type },
            sort: { field: 'sequence', order: 'ASC' },
            pagination: { page: 1, perPage: EVENTS_PAGE },
          }),
        ),
      );
      return kpisFromEvents(pages.flatMap((page) => page.data as KpiEventLike[]));
    };
    setLoad({ status: 'loading' });
    fetchKpis()
      .catch(() => [])
      .then((kpis) => {
        if (!cancelled) setLoad({ status: 'ready', kpis: kpis.filter((kpi) => kpi.ownerOrganizationId === organizationId) });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [dataProvider, enabled, organizationId, partnershipId]);

  return load;
}
