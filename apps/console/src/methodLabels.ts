/**
 * Words for the method's values (responsibilities, options, outcomes, rules), shared by every
 * screen that shows them. The value lists themselves come from @pe/domain.
 */
import type { DecisionRule, ExpiryDecision, HealthDimension, Responsibility, ReviewOutcome, TerminationOption } from '@pe/domain';

export const HEALTH_DIMENSION_LABELS: Record<HealthDimension, string> = {
  strategy: 'Strategy',
  operations: 'Operations',
  relationship: 'Relationship',
  governance: 'Governance',
};

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  continue: 'Continue to the next cycle',
  revisit_priorities: 'Propose revisiting the priorities (the partners decide)',
  revisit_roles: 'Propose revisiting the roles (the partners decide)',
  propose_termination: 'Propose a termination',
};

export const EXPIRY_DECISION_LABELS: Record<ExpiryDecision, string> = {
  renew: 'Renew: a new term, back to priority setting',
  restructure: 'Restructure: back to role identification',
  let_end: 'Let it end: an exit, after the notice period',
};

export const TERMINATION_OPTION_LABELS: Record<TerminationOption, string> = {
  renew: 'Renew',
  restructure: 'Restructure',
  hand_over: 'Hand over',
  exit: 'Exit',
};

export const RESPONSIBILITY_LABELS: Record<Responsibility, string> = {
  responsible: 'Responsible',
  accountable: 'Accountable',
  consulted: 'Consulted',
  informed: 'Informed',
};

export const GOAL_SCORES = [-2, -1, 0, 1, 2] as const;
export const GOAL_SCORE_LABELS: Record<(typeof GOAL_SCORES)[number], string> = {
  [-2]: '−2 much less than expected',
  [-1]: '−1 less than expected',
  0: '0 as expected',
  1: '+1 more than expected',
  2: '+2 much more than expected',
};

export const DECISION_RULE_SENTENCES: Record<DecisionRule, string> = {
  consensus: 'Consensus: every partner organization must approve, and one refusal stops the decision.',
  agreement: 'Agreement: every organization that holds a role must approve, and one refusal stops the decision.',
  agreement_or_vote: 'Agreement first: every partner organization approves. If none is reached by the due date, or the coordinator calls the vote, a majority of the partner organizations decides.',
  majority: 'Majority: more than half of the partner organizations decide.',
};

/**
 * Where an integrated round stands between agreement and a vote; null for the other rules.
 * `voteAt` is formatted by the caller's locale.
 */
export function voteStatusSentence(round: { rule: DecisionRule; voteAt?: string; voting?: boolean }, formatInstant: (iso: string) => string = (iso) => new Date(iso).toLocaleString()): string | null {
  if (round.rule !== 'agreement_or_vote') return null;
  if (round.voting) return 'Put to the vote: the answers count as votes, and a majority of the partner organizations decides.';
  return round.voteAt ? `Seeking agreement. Without it by ${formatInstant(round.voteAt)}, it falls to a majority vote.` : 'Seeking agreement; without it, it falls to a majority vote.';
}
