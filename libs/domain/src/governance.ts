/**
 * Governance that acts: who an organization's task is addressed to, and whom an overdue task
 * escalates to. Both follow what the partners agreed; where they agreed nothing, the ladder of
 * the method (coordinator, sponsor, steering group) and the organization as a whole stand in.
 */
import type { Governance } from './model.js';
import type { ActivePartnership } from './partnership.js';
import type { Assignee, Recipient } from './tasks.js';

/**
 * The governance the engine acts on: the adopted agreement's, or before any is adopted the one in
 * the agreement being signed (its points of contact sign it). Never the coordinator's draft alone.
 */
export function actingGovernance(state: ActivePartnership): Governance | null {
  return state.agreedTerms?.governance ?? state.agreement?.content.governance ?? null;
}

/** An organization's task, addressed to its agreed point of contact when it has one. */
export function organizationAssignee(state: ActivePartnership, organizationId: string): Assignee {
  const contactId = actingGovernance(state)?.pointsOfContact[organizationId];
  return contactId ? { kind: 'organization', organizationId, contactId } : { kind: 'organization', organizationId };
}

/** The method's ladder: coordinator, then the sponsor, then the sponsor with the whole steering group. */
function ladder(state: ActivePartnership): Recipient[][] {
  const levels = [[state.coordinatorId], [state.sponsorId], [state.sponsorId, ...state.steeringGroupIds]];
  return levels.map((ids) => [...new Set(ids)].map((userId) => ({ userId })));
}

/**
 * Who hears of each escalation level, lowest first: the agreed escalation path, one person a level,
 * when the agreement in force names one; otherwise the ladder. Only an adopted agreement's path
 * counts: a path still being negotiated has not been agreed.
 */
export function escalationSteps(state: ActivePartnership): Recipient[][] {
  const agreed = state.agreedTerms?.governance.escalationSteps;
  return agreed && agreed.length > 0 ? agreed.map((userId) => [{ userId }]) : ladder(state);
}

/** Everyone an agreed escalation path may name: people the partnership already knows. */
export function escalationCandidates(state: ActivePartnership, governance: Governance): Set<string> {
  return new Set([state.coordinatorId, state.sponsorId, ...state.steeringGroupIds, ...Object.values(governance.pointsOfContact)]);
}
