/**
 * A partnership as its page reads it (`GET /api/partnerships/:id`): the decider's state less what
 * only the rules need (the steering group, raw measurements and health checks). The one mapping
 * from state to record: the projector writes its row from it, and the API answers the live page
 * and the replay of any point of the log with it, so a replayed page cannot read differently.
 */
import type { ActivePartnership, Partnership } from './partnership.js';

/** The state's fields the record carries, in the order the record lists them. */
const RECORD_FIELDS = [
  'id',
  'name',
  'description',
  'stage',
  'prioritiesStatus',
  'lastRejectionReason',
  'coordinatorId',
  'sponsorId',
  'organizationIds',
  'goals',
  'scope',
  'policy',
  'version',
  'generation',
  'managementModel',
  'cycle',
  'kpis',
  'createdAt',
  'updatedAt',
  'stakeholders',
  'listeningSessions',
  'alignment',
  'roles',
  'resources',
  'governance',
  'conflictProcess',
  'terminationOptions',
  'noticePeriod',
  'agreementTerm',
  'termEndsAt',
  'termExpired',
  'conflicts',
  'checkIns',
  'nextCheckInAt',
  'agreement',
  'agreedVersion',
  'draft',
  'signoff',
  'termination',
  'hold',
  'reviews',
  'nextReviewAt',
  'nextPulseAt',
  'nextKpiReportAt',
  'openTasks',
] as const satisfies readonly (keyof Partnership)[];

export type PartnershipRecord = Pick<Partnership, (typeof RECORD_FIELDS)[number]> & {
  /** Whether the partnership is on hold (every timer paused): `hold` is set. */
  onHold: boolean;
};

export function partnershipRecord(state: ActivePartnership): PartnershipRecord {
  // A state stored by older code may lack a field added since: it reads as null, never as missing.
  const fields = Object.fromEntries(RECORD_FIELDS.map((field) => [field, state[field] ?? null])) as Pick<Partnership, (typeof RECORD_FIELDS)[number]>;
  return { ...fields, onHold: fields.hold !== null };
}
