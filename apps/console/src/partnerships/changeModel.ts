/**
 * A proposed change (a CHANGE sign-off round) in words: the partners read what they decide on, the
 * timeline what was proposed. Organization names come from the caller, who has the directory.
 */
import type { ProposedChange } from '@pe/domain';
import { stageLabel } from './partnershipModel';

/** Without names, for the timeline, which reads stored payloads of any age: an unknown kind still reads. */
export function changeSummary(change: Record<string, unknown>): string {
  const ranks = Array.isArray(change.goalRanks) ? change.goalRanks.join(', ') : '?';
  switch (change.kind) {
    case 'renegotiate_goals':
      return `renegotiate the goals (flagged: goal ${ranks})`;
    case 'admit_organization':
      return 'admit an organization';
    case 'remove_organization':
      return 'remove an organization';
    case 'revisit':
      return `revisit ${stageLabel(String(change.to)).toLowerCase()} (review of cycle ${String(change.cycle)})`;
    default:
      return 'a change';
  }
}

/** With names, for the screens where the partners decide. */
export function changeSentence(change: ProposedChange, organizationName: (id: string) => string): string {
  switch (change.kind) {
    case 'renegotiate_goals':
      return `Go back to priority setting and redraft the goals (the alignment matrix flags goal ${change.goalRanks.join(', ')}).`;
    case 'admit_organization':
      return `Admit ${organizationName(change.organizationId)} to the partnership; it then signs the agreement in force.`;
    case 'remove_organization':
      return `Remove ${organizationName(change.organizationId)} from the partnership${change.reassignTo ? `; its roles and KPIs pass to ${organizationName(change.reassignTo)}` : ''}.`;
    case 'revisit':
      return `Leave measurement and go back to ${stageLabel(change.to).toLowerCase()}, as the review of cycle ${change.cycle} proposed.`;
  }
}
