/**
 * Sign-off rounds: one task per eligible organization, decided by the management model's rule.
 * Consensus (cooperative) needs every partner organization; agreement (collaborative) every
 * organization holding a role. A refusal under consensus or agreement stops the round at once.
 * Integrated partnerships seek agreement first (every partner organization approves) and fall to a
 * majority vote when the round's vote time passes, when the coordinator calls the vote, or when every
 * organization has answered without agreeing; the events record which.
 */
import { ERROR_CODES, requireCoordinator, requireNoSignoff, type Decision } from '../decision.js';
import { holidaysFor } from '../calendar.js';
import { addTaskWindow } from '../duration.js';
import { conflict } from '../errors.js';
import type { ChangeProposal, DecisionRule, ProposedChange, SignoffSubject, VoteCause } from '../events.js';
import type { ManagementModel } from '../model.js';
import type { ActivePartnership, SignoffRound } from '../partnership.js';
import type { OpenTask, TaskKind } from '../tasks.js';

export const SIGNOFF_TASK: Record<SignoffSubject, TaskKind> = {
  LISTENING: 'CONFIRM_LISTENING',
  AGREEMENT: 'SIGN_AGREEMENT',
  TERMINATION: 'SIGN_TERMINATION',
  CHANGE: 'DECIDE_CHANGE',
};

const TITLES: Record<SignoffSubject, string> = {
  LISTENING: 'Confirm your organization’s view is recorded',
  AGREEMENT: 'Sign the partnering agreement',
  TERMINATION: 'Sign off the termination decision',
  CHANGE: 'Decide the proposed change',
};

/** `seekAgreementFirst` is false only when replaying runs from before integrated rounds sought agreement first. */
export function ruleOf(model: ManagementModel | null, seekAgreementFirst = true): DecisionRule {
  if (model === 'integrated') return seekAgreementFirst ? 'agreement_or_vote' : 'majority';
  if (model === 'collaborative') return 'agreement';
  return 'consensus';
}

/**
 * Who must sign: every member, or under agreement every member holding a role (all when none does
 * yet). A new agreement version is signed by those gaining a role in its draft as well as those
 * holding one; any other round only by those holding a role in force.
 */
export function eligibleFor(state: ActivePartnership, rule: DecisionRule, subject?: SignoffSubject): string[] {
  if (rule !== 'agreement') return [...state.organizationIds];
  const roles = [...state.roles, ...(subject === 'AGREEMENT' ? (state.draft?.roles ?? []) : [])];
  const holders = state.organizationIds.filter((id) => roles.some((role) => role.organizationId === id));
  return holders.length > 0 ? holders : [...state.organizationIds];
}

export function openSignoff(d: Decision, subject: SignoffSubject, rule: DecisionRule, proposal?: ChangeProposal): void {
  const eligible = eligibleFor(d.state, rule, subject);
  // The vote falls due when the round's tasks do: the last of them, since an organization's task skips its holidays.
  const taskDueAt = (organizationId: string) => addTaskWindow(d.now.getTime(), d.state.policy.taskDue, holidaysFor(d.state.holidayCalendars, d.assigneeFor(organizationId)));
  const voteAt = rule === 'agreement_or_vote' ? { voteAt: new Date(Math.max(d.now.getTime(), ...eligible.map(taskDueAt))).toISOString() } : {};
  d.emit({ type: 'SignoffOpened', data: { subject, rule, eligible, ...voteAt, ...(proposal ? { proposal } : {}) } });
  for (const organizationId of eligible) openSignoffTask(d, subject, organizationId);
}

/** What each organization is asked to agree to in a CHANGE round. */
const CHANGE_TITLES: Record<ProposedChange['kind'], string> = {
  renegotiate_goals: 'Agree to renegotiate the goals',
  admit_organization: 'Agree to admit an organization',
  remove_organization: 'Agree to an organization leaving',
  revisit: 'Agree to revisit an earlier stage',
};

/** Ends the round in progress, if any, undecided: its tasks are cancelled and it is recorded as rejected. */
export function abandonRound(d: Decision, reason: string): void {
  const round = d.state.signoff;
  if (!round) return;
  d.cancelTasks((task) => task.kind === SIGNOFF_TASK[round.subject], reason);
  d.emit({ type: 'SignoffCompleted', data: { subject: round.subject, outcome: 'rejected' } });
}

/** Opens a CHANGE round: the partner organizations decide the coordinator's proposal under the model's rule. */
export function proposeChange(d: Decision, change: ProposedChange, reason: string): void {
  requireNoSignoff(d.state);
  openSignoff(d, 'CHANGE', ruleOf(d.state.managementModel, d.jointDecisions), { change, reason: reason.trim() });
}

function openSignoffTask(d: Decision, subject: SignoffSubject, organizationId: string): void {
  const change = d.state.signoff?.proposal?.change;
  const title = subject === 'CHANGE' && change ? CHANGE_TITLES[change.kind] : TITLES[subject];
  d.openTask({ kind: SIGNOFF_TASK[subject], title: `${title}: ${d.state.name}`, assignee: d.assigneeFor(organizationId) });
}

/**
 * Under the agreement rule every role holder signs: when an eligible leaver's roles pass to an
 * organization outside the round, that organization joins the round.
 */
export function extendToSuccessor(d: Decision, successor: string | null): void {
  const round = d.state.signoff;
  if (!round || round.rule !== 'agreement' || !successor || round.eligible.includes(successor)) return;
  d.emit({ type: 'SignoffExtended', data: { subject: round.subject, organizationId: successor } });
  openSignoffTask(d, round.subject, successor);
}

export type SignoffOutcome = 'approved' | 'rejected' | 'pending';

export function outcomeOf(round: SignoffRound): SignoffOutcome {
  const approvals = round.eligible.filter((id) => round.approvals[id]).length;
  const refusals = round.eligible.filter((id) => round.refusals[id]).length;
  const total = round.eligible.length;
  if (total === 0) return 'pending';
  if (round.rule === 'agreement_or_vote' && !round.voting) return approvals === total ? 'approved' : 'pending';
  if (round.rule === 'majority' || round.rule === 'agreement_or_vote') {
    if (approvals * 2 > total) return 'approved';
    if ((total - refusals) * 2 <= total) return 'rejected';
    return 'pending';
  }
  if (refusals > 0) return 'rejected';
  return approvals === total ? 'approved' : 'pending';
}

/** Records one organization's answer; returns the round's outcome once it is decided. */
export function answer(d: Decision, task: OpenTask, approve: boolean, reason: string | null): SignoffOutcome {
  const round = d.state.signoff;
  if (!round || task.assignee.kind !== 'organization') return 'pending';
  const organizationId = task.assignee.organizationId;
  const userId = d.actor.userId;
  d.emit(
    approve
      ? { type: 'SignoffGiven', data: { subject: round.subject, organizationId, userId } }
      : { type: 'SignoffRefused', data: { subject: round.subject, organizationId, userId, reason: reason ?? '' } },
  );
  return settle(d);
}

/** Closes the round when its rule is decided (also after membership changes). */
export function settle(d: Decision): SignoffOutcome {
  const round = d.state.signoff;
  if (!round) return 'pending';
  if (round.rule === 'agreement_or_vote' && !round.voting && outcomeOf(round) === 'pending' && everyoneAnswered(round)) {
    d.emit({ type: 'SignoffVoteCalled', data: { subject: round.subject, by: 'no_agreement' } });
  }
  const decided = d.state.signoff ?? round;
  const outcome = outcomeOf(decided);
  if (outcome === 'pending') return outcome;
  d.decidedRound = decided;
  d.cancelTasks((task) => task.kind === SIGNOFF_TASK[round.subject], `the ${round.subject.toLowerCase()} sign-off is decided`);
  const decidedBy = decided.rule === 'agreement_or_vote' ? { decidedBy: decided.voting ? ('vote' as const) : ('agreement' as const) } : {};
  d.emit({ type: 'SignoffCompleted', data: { subject: round.subject, outcome, ...decidedBy } });
  return outcome;
}

function everyoneAnswered(round: SignoffRound): boolean {
  return round.eligible.every((id) => round.approvals[id] || round.refusals[id]);
}

/** A round seeking agreement that has not found it falls to a vote: the answers given count as votes. */
export function callVote(d: Decision, by: VoteCause): SignoffOutcome {
  const round = d.state.signoff;
  if (by === 'coordinator') {
    requireCoordinator(d.state, d.actor);
    if (!round || round.rule !== 'agreement_or_vote' || round.voting) {
      throw conflict(ERROR_CODES.noVoteToCall, 'No sign-off is seeking agreement: a vote can be called only in an integrated partnership’s round before it falls to a vote');
    }
  }
  if (!round || round.rule !== 'agreement_or_vote' || round.voting) return 'pending';
  d.emit({ type: 'SignoffVoteCalled', data: { subject: round.subject, by } });
  return settle(d);
}
