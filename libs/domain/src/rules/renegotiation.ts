/**
 * Renegotiating the goals: when listening shows that a goal does not fit the partners' missions (the
 * alignment matrix flags it), the coordinator proposes going back to PRIORITY_SETTING from LISTENING
 * or ROLE_IDENTIFICATION, and the partner organizations decide under the management model's rule.
 */
import { flaggedGoalRanks } from '../alignment.js';
import { ERROR_CODES, requireCoordinator, requireNoSignoff, requireStage, type Decision } from '../decision.js';
import { ruleBroken } from '../errors.js';
import { openSignoff, ruleOf } from './signoff.js';

export function proposeRenegotiation(d: Decision, reason: string): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, 'LISTENING', 'ROLE_IDENTIFICATION');
  requireNoSignoff(d.state);
  const fields: Record<string, string> = {};
  if (reason.trim().length === 0) fields.reason = 'say why the goals should be renegotiated';
  const goalRanks = flaggedGoalRanks(d.state);
  if (goalRanks.length === 0) fields.goals = 'no goal is flagged by the alignment matrix (scored 0 by an organization, or averaging below 1.5)';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.goalsNotFlagged, 'The goals cannot be renegotiated', fields);
  d.emit({ type: 'RenegotiationProposed', data: { reason: reason.trim(), goalRanks } });
  openSignoff(d, 'RENEGOTIATION', ruleOf(d.state.managementModel, d.jointDecisions));
}

/** The partners agreed: back to PRIORITY_SETTING, where the coordinator redrafts and the sponsor approves again. */
export function renegotiate(d: Decision): void {
  d.advance('PRIORITY_SETTING', 'the partners agreed to renegotiate the goals');
}
