/** The tabs of a partnership's page, one per stage of the method plus what applies at any stage. */
import type { Stage } from '@pe/domain';

export const PAGE_TABS = [
  { id: 'summary', label: 'Summary' },
  { id: 'priorities', label: 'Priorities' },
  { id: 'listening', label: 'Listening' },
  { id: 'roles', label: 'Roles' },
  { id: 'agreement', label: 'Agreement' },
  { id: 'measurement', label: 'Measurement' },
  { id: 'termination', label: 'Termination' },
  { id: 'operations', label: 'Hold, members, tasks' },
  { id: 'conflicts', label: 'Conflicts' },
  { id: 'checkins', label: 'Check-ins' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'proof', label: 'Proof' },
] as const;
export type PageTab = (typeof PAGE_TABS)[number]['id'];

const STAGE_TABS: Record<Stage, PageTab> = {
  PRIORITY_SETTING: 'priorities',
  LISTENING: 'listening',
  ROLE_IDENTIFICATION: 'roles',
  MEASUREMENT: 'measurement',
  TERMINATION: 'termination',
  CLOSED: 'summary',
};

/** A page opens on the stage the partnership is in; while an agreement is being signed, on the agreement. */
export function defaultTab(record: { stage: Stage; signoff?: { subject: string } | null }): PageTab {
  if (record.signoff?.subject === 'AGREEMENT') return 'agreement';
  return STAGE_TABS[record.stage];
}
