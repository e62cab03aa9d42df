/**
 * Joint decisions: changes the coordinator proposes and the partner organizations decide under the
 * management model's rule, in a CHANGE sign-off round — renegotiating the goals when the alignment
 * matrix flags one (from LISTENING or ROLE_IDENTIFICATION), admitting or removing an organization
 * once a model is chosen, and a review's decision to revisit an earlier stage. Agreed, the change is
 * carried out; refused, nothing changes.
 */
import { flaggedGoalRanks, LOW_OVERLAP_AVERAGE } from '../alignment.js';
import { ERROR_CODES, requireCoordinator, requireNoSignoff, requireStage, type Decision } from '../decision.js';
import { ruleBroken } from '../errors.js';
import type { ProposedChange } from '../events.js';
import { admitOrganization, dischargeOrganization } from './lifecycle.js';
import { leaveMeasurement } from './measurement.js';
import { proposeChange } from './signoff.js';

export function proposeRenegotiation(d: Decision, reason: string): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, 'LISTENING', 'ROLE_IDENTIFICATION');
  requireNoSignoff(d.state);
  const fields: Record<string, string> = {};
  if (reason.trim().length === 0) fields.reason = 'say why the goals should be renegotiated';
  const goalRanks = flaggedGoalRanks(d.state);
  if (goalRanks.length === 0) fields.goals = `no goal is flagged by the alignment matrix (scored 0 by an organization, or averaging below ${LOW_OVERLAP_AVERAGE})`;
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.goalsNotFlagged, 'The goals cannot be renegotiated', fields);
  proposeChange(d, { kind: 'renegotiate_goals', goalRanks }, reason);
}

/** The partners agreed: carry the change out. */
export function carryOut(d: Decision, change: ProposedChange): void {
  switch (change.kind) {
    case 'renegotiate_goals':
      return d.advance('PRIORITY_SETTING', 'the partners agreed to renegotiate the goals');
    case 'admit_organization':
      return admitOrganization(d, change.organizationId);
    case 'remove_organization':
      return dischargeOrganization(d, change.organizationId, change.reassignTo);
    case 'revisit':
      leaveMeasurement(d);
      return d.advance(change.to, `the partners agreed to revisit ${change.to === 'PRIORITY_SETTING' ? 'the priorities' : 'the roles'}`);
  }
}
