/**
 * What every section of a partnership's page needs besides the record: who is looking and what
 * they may send, the names behind the ids, one clock for all "due in …" texts, and whether the page
 * replays the past (then nobody may send anything, and the clock stands at the replayed moment).
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useGetIdentity, useGetList, usePermissions, type RaRecord } from 'react-admin';
import { asRole } from '../roles';
import { accessTo, READ_ONLY_ACCESS, type PartnershipAccess, type Viewer } from './accessModel';
import type { PartnershipRecord } from './partnershipModel';
import type { Names } from './waitingModel';

export interface OrganizationRecord extends RaRecord<string> {
  name: string;
}
export interface UserRecord extends RaRecord<string> {
  name: string;
  role: string;
  organizationId: string | null;
}

/** The point of the log a replayed page shows. */
export interface Replay {
  /** As the API's `at` takes it: an event sequence or an ISO instant. */
  point: string;
  /** The moment it stands for. */
  instant: string;
}

export interface PartnershipPage {
  record: PartnershipRecord;
  /** null: the live page. */
  replay: Replay | null;
  viewer: Viewer | null;
  access: PartnershipAccess;
  names: Names;
  organizations: OrganizationRecord[];
  users: UserRecord[];
  now: number;
}

const PageContext = createContext<PartnershipPage | null>(null);

/** The directory is small (organizations and people of one deployment): one page of each. */
const WHOLE_DIRECTORY = { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' as const } };
/** "Due in 3 days" need not be fresher than this. */
const CLOCK_TICK_MS = 30_000;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function PartnershipPageProvider({ record, replay = null, children }: { record: PartnershipRecord; replay?: Replay | null; children: ReactNode }) {
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  const { data: organizations = [] } = useGetList<OrganizationRecord>('organizations', WHOLE_DIRECTORY);
  const { data: users = [] } = useGetList<UserRecord>('users', WHOLE_DIRECTORY);
  const now = useNow();
  const value = useMemo<PartnershipPage>(() => {
    const viewer: Viewer | null = identity
      ? { id: String(identity.id), role: asRole(permissions), organizationId: typeof identity.organizationId === 'string' ? identity.organizationId : null }
      : null;
    const organizationNames = new Map(organizations.map((organization) => [organization.id, organization.name]));
    const userNames = new Map(users.map((user) => [user.id, user.name]));
    return {
      record,
      replay,
      viewer,
      access: replay ? READ_ONLY_ACCESS : accessTo(viewer, record),
      names: { organization: (id) => organizationNames.get(id) ?? id, user: (id) => userNames.get(id) ?? id },
      organizations,
      users,
      now: replay ? Date.parse(replay.instant) : now,
    };
  }, [record, replay, identity, permissions, organizations, users, now]);
  return <PageContext.Provider value={value}>{children}</PageContext.Provider>;
}

export function usePartnershipPage(): PartnershipPage {
  const page = useContext(PageContext);
  if (!page) throw new Error('usePartnershipPage needs a PartnershipPageProvider');
  return page;
}
