/** LISTENING: stakeholders, listening sessions and the mission-alignment matrix, confirmed by every partner. */
import { Decision, ERROR_CODES, isCoordinator, requireCoordinator, requireMember, requireNoSignoff, requireStage } from '../decision.js';
import { forbidden, ruleBroken } from '../errors.js';
import type { ListeningSession, Stakeholder } from '../model.js';
import { openSignoff } from './signoff.js';

const nextId = (d: Decision, prefix: string) => `${prefix}-${d.state.version + 1}`;

export function addStakeholder(d: Decision, stakeholder: Omit<Stakeholder, 'id'>): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, 'LISTENING');
  const fields: Record<string, string> = {};
  if (stakeholder.name.trim().length === 0) fields['stakeholder.name'] = 'name the stakeholder';
  for (const key of ['interest', 'influence'] as const) {
    if (!Number.isInteger(stakeholder[key]) || stakeholder[key] < 1 || stakeholder[key] > 5) fields[`stakeholder.${key}`] = 'must be a whole number from 1 to 5';
  }
  if (stakeholder.organizationId) {
    const problem = requireMember(d.state, stakeholder.organizationId, 'stakeholder.organizationId');
    if (problem) fields['stakeholder.organizationId'] = problem;
  }
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidStakeholder, 'The stakeholder is not valid', fields);
  d.emit({ type: 'StakeholderAdded', data: { stakeholder: { ...stakeholder, id: nextId(d, 'stakeholder') } } });
}

export function recordListeningSession(d: Decision, session: Omit<ListeningSession, 'id'>): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, 'LISTENING');
  const fields: Record<string, string> = {};
  if (session.participants.length === 0) fields['session.participants'] = 'name who took part';
  if (session.heard.trim().length === 0) fields['session.heard'] = 'record what was heard';
  if (session.heldOn > d.now.toISOString().slice(0, 10)) fields['session.heldOn'] = 'a session is recorded after it was held';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidSession, 'The listening session is not valid', fields);
  d.emit({ type: 'ListeningSessionRecorded', data: { session: { ...session, id: nextId(d, 'session') } } });
}

/** Each partner organization scores each goal 0–3; a partner scores for its own organization only. */
export function scoreAlignment(d: Decision, organizationId: string, scores: Record<string, number>): void {
  const ownOrganization = d.actor.kind === 'user' && d.actor.role === 'partner' && d.actor.organizationId === organizationId;
  if (!ownOrganization && !isCoordinator(d.state, d.actor)) {
    throw forbidden(ERROR_CODES.notMember, 'A partner scores alignment for its own organization only');
  }
  requireStage(d.state, 'LISTENING');
  requireNoSignoff(d.state);
  const fields: Record<string, string> = {};
  const member = requireMember(d.state, organizationId, 'organizationId');
  if (member) fields.organizationId = member;
  for (const goal of d.state.goals) {
    const score = scores[String(goal.rank)];
    if (score === undefined || !Number.isInteger(score) || score < 0 || score > 3) fields[`scores.${goal.rank}`] = 'score every goal 0, 1, 2 or 3';
  }
  for (const rank of Object.keys(scores)) if (!d.state.goals.some((goal) => String(goal.rank) === rank)) fields[`scores.${rank}`] = 'no goal has this rank';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidAlignment, 'The alignment scores are not valid', fields);
  d.emit({ type: 'AlignmentScored', data: { organizationId, scores } });
}

export function openListeningSignoff(d: Decision): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, 'LISTENING');
  requireNoSignoff(d.state);
  const fields: Record<string, string> = {};
  if (d.state.stakeholders.length === 0) fields.stakeholders = 'add at least one stakeholder';
  if (d.state.listeningSessions.length === 0) fields.listeningSessions = 'record at least one listening session';
  const unscored = d.state.organizationIds.filter((id) => d.state.goals.some((goal) => d.state.alignment[id]?.[String(goal.rank)] === undefined));
  if (unscored.length > 0) fields.alignment = `still to score the goals: ${unscored.join(', ')}`;
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.listeningIncomplete, 'Listening is not complete yet', fields);
  openSignoff(d, 'LISTENING', 'consensus');
}
