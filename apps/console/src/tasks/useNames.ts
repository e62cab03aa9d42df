import { useMemo } from 'react';
import { useGetMany } from 'react-admin';

interface Named {
  id: string;
  name: string;
}

/** Names of organizations or users by id, for context that only carries ids; an id stands in until it loads. */
export function useNames(resource: 'organizations' | 'users', ids: readonly (string | null | undefined)[]): (id: string | null | undefined) => string {
  const wanted = useMemo(() => [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))].sort(), [ids]);
  const { data } = useGetMany<Named>(resource, { ids: wanted }, { enabled: wanted.length > 0 });
  return useMemo(() => {
    const names = new Map((data ?? []).map((record) => [record.id, record.name]));
    return (id) => (id ? (names.get(id) ?? id) : '—');
  }, [data]);
}
