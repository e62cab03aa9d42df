/**
 * What the signed-in person may send for one partnership, so the page shows only controls that
 * would work. It mirrors the coarse rules of the API guard and the decider (which stay the
 * authority): only this partnership's coordinator, or an admin, sends the coordinator's commands;
 * a partner representative scores alignment for its own organization only; partners of member
 * organizations and the sponsor (or a steering member) raise conflicts; auditors send nothing.
 */
import type { Role } from '@pe/domain';
import type { PartnershipRecord } from './partnershipModel';

export interface Viewer {
  id: string;
  role: Role | undefined;
  organizationId: string | null;
}

export interface PartnershipAccess {
  /** Every command but alignment scoring is the coordinator's. */
  coordinates: boolean;
  /** Whether this person may score the alignment row of `organizationId`. */
  mayScore: (organizationId: string) => boolean;
  /** Whether any command control at all belongs on the page. */
  sendsCommands: boolean;
  /** Whether this person may raise a conflict: a participant of the partnership. */
  raisesConflicts: boolean;
}

export function accessTo(viewer: Viewer | null | undefined, record: Pick<PartnershipRecord, 'coordinatorId' | 'organizationIds' | 'stage'> & { sponsorId?: string }): PartnershipAccess {
  const closed = record.stage === 'CLOSED';
  const coordinates = !closed && !!viewer && (viewer.role === 'admin' || (viewer.role === 'coordinator' && viewer.id === record.coordinatorId));
  const ownOrganization = viewer?.role === 'partner' && viewer.organizationId !== null && record.organizationIds.includes(viewer.organizationId) ? viewer.organizationId : null;
  const mayScore = (organizationId: string) => coordinates || (!closed && ownOrganization === organizationId);
  // The decider also takes steering-group members; the page offers it to the partnership's sponsor.
  const sponsors = viewer?.role === 'sponsor' && viewer.id === record.sponsorId;
  const raisesConflicts = !closed && (coordinates || ownOrganization !== null || sponsors);
  return { coordinates, mayScore, sendsCommands: coordinates || (!closed && ownOrganization !== null) || raisesConflicts, raisesConflicts };
}

/** Replaying the past, nobody sends anything: the page shows what was, not what could be done. */
export const READ_ONLY_ACCESS: PartnershipAccess = { coordinates: false, mayScore: () => false, sendsCommands: false, raisesConflicts: false };
