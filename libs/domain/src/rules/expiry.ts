/**
 * The agreement's term: before it ends the coordinator is reminded (by default 90, 60 and 30 days
 * before), and the first reminder opens the coordinator's decision — renew, restructure or let it
 * end — which is proposed as that termination (the sponsor approves, the partners sign off). A term
 * that ends undecided is recorded as expired; the partnership carries on until they decide.
 */
import type { Decision } from '../decision.js';
import type { TaskDataOf } from '../task-catalogue.js';
import { expiryRecipients } from '../timers.js';
import { proposeTermination } from './termination.js';

export function remindOfExpiry(d: Decision): void {
  const endsAt = d.state.termEndsAt;
  if (!endsAt) return;
  const reminder = d.state.expiryRemindersSent + 1;
  d.emit({ type: 'AgreementExpiryReminderSent', data: { reminder, endsAt, recipients: expiryRecipients(d.state) } });
  const deciding = d.state.openTasks.some((task) => task.kind === 'DECIDE_EXPIRY');
  if (!deciding && !d.state.termination) {
    d.openTask({ kind: 'DECIDE_EXPIRY', title: `Decide on the agreement’s end (${endsAt.slice(0, 10)}): ${d.state.name}`, assignee: { kind: 'user', userId: d.state.coordinatorId } });
  }
}

export function expire(d: Decision): void {
  if (!d.state.termEndsAt) return;
  d.emit({ type: 'AgreementExpired', data: { endsAt: d.state.termEndsAt } });
}

/** The coordinator's decision, proposed as the termination it names (letting it end is an exit). */
export function decideExpiry(d: Decision, data: TaskDataOf<'DECIDE_EXPIRY'>): void {
  const option = data.decision === 'let_end' ? 'exit' : data.decision;
  const endsOn = d.state.termEndsAt?.slice(0, 10) ?? 'its end';
  proposeTermination(d, option, data.reason || `The agreement’s term ends on ${endsOn}`, true);
}
