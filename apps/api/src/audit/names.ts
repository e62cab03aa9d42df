/** Names for the ids a record holds, looked up once per export; an id the directory does not know reads as itself. */
import type { DataSource } from 'typeorm';
import type { ActivePartnership, AgreementVersion } from '@pe/domain';
import { organizationNames, userNames, type EventRow } from '@pe/persistence';
import { UUID } from '../http/uuid.pipe.js';

export interface Names {
  user(id: string): string;
  organization(id: string): string;
}

async function namesOf(db: DataSource, userIds: Iterable<string>, organizationIds: Iterable<string>): Promise<Names> {
  // Only ids that can be directory rows: an event's actor may be the system.
  const only = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => UUID.test(id));
  const [users, organizations] = await Promise.all([userNames(db, only(userIds)), organizationNames(db, only(organizationIds))]);
  return { user: (id) => users.get(id) ?? id, organization: (id) => organizations.get(id) ?? id };
}

/** The names of everyone and every organization an exported record mentions. */
export function namesOfRecord(db: DataSource, rows: readonly EventRow[], state: ActivePartnership, agreements: readonly AgreementVersion[]): Promise<Names> {
  return namesOf(
    db,
    [
      ...rows.map((row) => row.actor_id),
      state.coordinatorId,
      state.sponsorId,
      ...agreements.flatMap(({ issuedBy, signatures, refusals, content }) => [
        issuedBy,
        ...Object.values(signatures).map((signature) => signature.userId),
        ...Object.values(refusals).map((refusal) => refusal.userId),
        ...Object.values(content.governance.pointsOfContact),
      ]),
    ],
    [
      ...state.organizationIds,
      ...rows.flatMap((row) => (row.actor_organization_id ? [row.actor_organization_id] : [])),
      ...state.kpis.map((kpi) => kpi.ownerOrganizationId),
      ...agreements.flatMap(({ signatures, refusals, content }) => [
        ...Object.keys(signatures),
        ...Object.keys(refusals),
        ...content.organizationIds,
        ...content.roles.map((role) => role.organizationId),
        ...content.resources.map((resource) => resource.organizationId),
        ...content.kpis.map((kpi) => kpi.ownerOrganizationId),
      ]),
    ],
  );
}
