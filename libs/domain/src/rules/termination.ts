/**
 * TERMINATION: a proposal (from any stage) approved by the sponsor and signed off by the partners
 * under the decision rule, then renew, restructure, hand over, or exit with wind-down tasks. An exit
 * or hand-over ends the partnership, so it waits for the agreed notice period: the partnership goes
 * on where it was until the notice has run, with reminders before.
 */
import { Decision, ERROR_CODES, requireCoordinator } from '../decision.js';
import { durationMs } from '../duration.js';
import { conflict, ruleBroken } from '../errors.js';
import type { TerminationOption } from '../model.js';
import { noticeRecipients, noticeRemindersAt } from '../timers.js';
import { abandonRound, openSignoff, ruleOf } from './signoff.js';

const WIND_DOWN: Record<'exit' | 'hand_over', string[]> = {
  exit: ['final report', 'hand-over of assets', 'communications'],
  hand_over: ['hand-over of assets', 'communications'],
};

export function proposeTermination(d: Decision, option: TerminationOption, reason: string, fromReview = false): void {
  if (!fromReview) requireCoordinator(d.state, d.actor);
  if (d.state.termination?.effectiveAt) {
    throw conflict(ERROR_CODES.terminationInProgress, `A termination was decided and takes effect on ${d.state.termination.effectiveAt}`);
  }
  if (d.state.stage === 'TERMINATION' || d.state.termination) throw conflict(ERROR_CODES.terminationInProgress, 'A termination is already being decided');
  if (d.state.terminationOptions.length > 0 && !d.state.terminationOptions.includes(option)) {
    throw ruleBroken(ERROR_CODES.terminationNotAgreed, 'The partners did not agree this termination option', { option: `agreed options: ${d.state.terminationOptions.join(', ')}` });
  }
  if (!reason.trim()) throw ruleBroken(ERROR_CODES.reasonRequired, 'Say why the termination is proposed', { reason: 'required' });
  const fromStage = d.state.stage;
  if (d.state.signoff) d.emit({ type: 'SignoffCompleted', data: { subject: d.state.signoff.subject, outcome: 'rejected' } });
  d.cancelTasks(() => true, 'a termination was proposed');
  d.emit({ type: 'TerminationProposed', data: { option, reason: reason.trim(), fromStage } });
  d.advance('TERMINATION');
  d.openTask({ kind: 'APPROVE_TERMINATION', title: `Approve the proposed ${option.replace('_', ' ')}: ${d.state.name}`, assignee: { kind: 'user', userId: d.state.sponsorId }, detail: option });
}

export function decideTerminationApproval(d: Decision, approved: boolean, reason: string | null): void {
  if (approved) {
    d.emit({ type: 'TerminationApproved', data: {} });
    // A change proposed while the sponsor decided gives way to the termination's own round.
    abandonRound(d, 'the termination’s sign-off replaces it');
    openSignoff(d, 'TERMINATION', ruleOf(d.state.managementModel, d.jointDecisions));
  } else {
    rejectTermination(d, reason ?? 'rejected by the sponsor');
  }
}

export function rejectTermination(d: Decision, reason: string): void {
  const backTo = d.state.termination?.fromStage ?? 'MEASUREMENT';
  d.emit({ type: 'TerminationRejected', data: { reason, backTo } });
  d.advance(backTo, 'the termination was rejected');
}

/** Options that end the partnership, and so wait for the agreed notice period. */
const ENDS_THE_PARTNERSHIP: readonly TerminationOption[] = ['exit', 'hand_over'];

/**
 * The partners signed. An exit or hand-over with an agreed notice period is scheduled to take effect
 * when the notice has run, and the partnership goes back to the stage it was proposed from meanwhile;
 * anything else is carried out at once.
 */
export function concludeTermination(d: Decision): void {
  const termination = d.state.termination;
  const noticePeriod = d.state.agreedTerms?.noticePeriod;
  if (!d.governanceActs || !termination || !noticePeriod || !ENDS_THE_PARTNERSHIP.includes(termination.option) || durationMs(noticePeriod) <= 0) {
    return carryOutTermination(d);
  }
  const effectiveAt = new Date(d.now.getTime() + durationMs(noticePeriod)).toISOString();
  d.emit({ type: 'TerminationScheduled', data: { option: termination.option, noticePeriod, effectiveAt } });
  d.advance(termination.fromStage, `the ${termination.option.replace('_', ' ')} takes effect on ${effectiveAt}`);
}

/** A notice reminder that fell due: every organization and the people leading the partnership hear when it ends. */
export function remindOfNotice(d: Decision): void {
  const termination = d.state.termination;
  if (!termination?.effectiveAt || !termination.scheduledAt) return;
  const schedule = noticeRemindersAt(Date.parse(termination.scheduledAt), Date.parse(termination.effectiveAt), d.state.policy);
  let reminder = termination.noticeRemindersSent;
  while (reminder < schedule.length && schedule[reminder]! <= d.now.getTime()) reminder += 1;
  if (reminder === termination.noticeRemindersSent) return;
  d.emit({ type: 'TerminationNoticeReminderSent', data: { reminder, effectiveAt: termination.effectiveAt, recipients: noticeRecipients(d.state) } });
}

/** The notice has run: whatever was under way stops, and the termination is carried out. */
export function takeEffect(d: Decision): void {
  if (!d.state.termination?.effectiveAt) return;
  if (d.state.signoff) d.emit({ type: 'SignoffCompleted', data: { subject: d.state.signoff.subject, outcome: 'rejected' } });
  d.cancelTasks(() => true, 'the notice period ended');
  if (d.state.stage !== 'TERMINATION') d.advance('TERMINATION', 'the notice period ended');
  carryOutTermination(d);
}

/** Carry the option out. */
export function carryOutTermination(d: Decision): void {
  const option = d.state.termination?.option ?? 'exit';
  d.emit({ type: 'TerminationDecided', data: { option } });
  if (option === 'renew') {
    d.cancelTasks(() => true, 'the partnership was renewed');
    d.emit({ type: 'PartnershipRenewed', data: { generation: d.state.generation + 1 } });
  } else if (option === 'restructure') {
    d.advance('ROLE_IDENTIFICATION', 'restructure');
  } else {
    for (const item of WIND_DOWN[option]) {
      d.openTask({ kind: 'WIND_DOWN', title: `Wind-down: ${item} (${d.state.name})`, assignee: { kind: 'user', userId: d.state.coordinatorId }, detail: item });
    }
  }
}

export function closeWhenWoundDown(d: Decision): void {
  if (d.state.openTasks.some((task) => task.kind === 'WIND_DOWN')) return;
  d.cancelTasks(() => true, 'the partnership closed');
  d.emit({ type: 'PartnershipClosed', data: {} });
}
