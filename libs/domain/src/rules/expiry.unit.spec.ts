import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../decide.js';
import { deadlineLedger } from '../ledger.js';
import { deadlines } from '../timers.js';
import { completeTask, DAY, EARLIER, given, IDS, inMeasurement, inRoles, partnerA, rolesReady, system, type Story } from '../spec-helpers.js';

const TWO_YEARS = { duration: 'P730D', remindBefore: ['P30D', 'P90D', 'P60D'] };

/** MEASUREMENT under an agreement with a two-year term, adopted at EARLIER (every signature at EARLIER). */
function underTerm(): Story {
  const s = rolesReady().do({ type: 'SetAgreementTerm', term: TWO_YEARS }).do({ type: 'IssueAgreement' });
  for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_AGREEMENT', organizationId);
  return s;
}

const endsAt = EARLIER.getTime() + 730 * DAY;
const fireAt = (s: Story, at: number) => s.do({ type: 'FireDueTimers' }, { now: new Date(at), actor: system });

describe('the agreement’s term', () => {
  it('is set with its reminders, longest lead first, and travels with the agreement version', () => {
    const s = rolesReady().do({ type: 'SetAgreementTerm', term: TWO_YEARS });
    expect(s.state.agreementTerm).toEqual({ duration: 'P730D', remindBefore: ['P90D', 'P60D', 'P30D'] });
    s.do({ type: 'IssueAgreement' });
    expect(s.state.agreement?.content.term).toEqual({ duration: 'P730D', remindBefore: ['P90D', 'P60D', 'P30D'] });
  });

  it('starts at adoption: the end and the first reminder are timers of the ledger, for the coordinator and the sponsor', () => {
    const s = underTerm();
    expect(s.state.termEndsAt).toBe(new Date(endsAt).toISOString());
    expect(deadlines(s.state)).toEqual(expect.arrayContaining([{ at: endsAt, purpose: 'expiry' }, { at: endsAt - 90 * DAY, purpose: 'expiry_reminder', reminder: 1 }]));
    const rows = deadlineLedger(s.state).filter((row) => row.purpose.startsWith('expiry'));
    expect(rows.map((row) => row.recipients)).toEqual([
      [{ userId: IDS.coordinator }, { userId: IDS.sponsor }],
      [{ userId: IDS.coordinator }, { userId: IDS.sponsor }],
    ]);
  });

  it('90 days before the end reminds and opens the coordinator’s decision; 60 and 30 days before only remind', () => {
    const s = underTerm();
    const first = given(s).when({ type: 'FireDueTimers' }, { now: new Date(endsAt - 90 * DAY), actor: system }).events();
    expect(first.map((event) => event.type)).toContain('AgreementExpiryReminderSent');
    fireAt(s, endsAt - 90 * DAY);
    const decision = s.task('DECIDE_EXPIRY');
    expect(decision).toMatchObject({ assignee: { kind: 'user', userId: IDS.coordinator } });
    fireAt(s, endsAt - 60 * DAY);
    fireAt(s, endsAt - 30 * DAY);
    const reminders = s.events.filter((event) => event.type === 'AgreementExpiryReminderSent').map((event) => event.data);
    expect(reminders.map((data) => data.reminder)).toEqual([1, 2, 3]);
    expect(s.state.openTasks.filter((task) => task.kind === 'DECIDE_EXPIRY')).toHaveLength(1);
  });

  it('the coordinator’s decision is proposed as that termination: letting it end is an exit for the sponsor to approve', () => {
    const s = fireAt(underTerm(), endsAt - 90 * DAY);
    const task = s.task('DECIDE_EXPIRY');
    const events = given(s).when(completeTask(task.id, 'approve', { data: { decision: 'let_end' } })).events();
    expect(events.find((event) => event.type === 'TerminationProposed')?.data).toMatchObject({ option: 'exit', reason: `The agreement’s term ends on ${new Date(endsAt).toISOString().slice(0, 10)}` });
    s.do(completeTask(task.id, 'approve', { data: { decision: 'renew', reason: 'Another two years' } }));
    expect(s.state).toMatchObject({ stage: 'TERMINATION', termination: { option: 'renew', reason: 'Another two years' } });
  });

  it('ends undecided: recorded as expired, the partnership carries on, no timer of the term is left', () => {
    const s = underTerm();
    for (const at of [90, 60, 30].map((days) => endsAt - days * DAY)) fireAt(s, at);
    fireAt(s, endsAt);
    expect(s.events.at(-1)).toMatchObject({ type: 'AgreementExpired', data: { endsAt: new Date(endsAt).toISOString() } });
    expect(s.state).toMatchObject({ termExpired: true, stage: 'MEASUREMENT', status: 'active' });
    expect(deadlines(s.state).filter((deadline) => deadline.purpose.startsWith('expiry'))).toEqual([]);
  });

  it('an open-ended agreement has no term timer; a new version restarts the term from its adoption', () => {
    expect(deadlines(inMeasurement().state).filter((deadline) => deadline.purpose.startsWith('expiry'))).toEqual([]);
    const s = underTerm().do({ type: 'SetAgreementTerm', term: null }).do({ type: 'IssueAgreement' });
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_AGREEMENT', organizationId);
    expect(s.state.termEndsAt).toBeNull();
  });

  it('refuses a term that is no duration, reminders not shorter than it, and anyone but the coordinator', () => {
    given(rolesReady()).when({ type: 'SetAgreementTerm', term: { duration: 'two years', remindBefore: ['P90D'] } }).thenThrows(ERROR_CODES.invalidTerms, { kind: 'rule', fieldKeys: ['term.duration'] });
    given(rolesReady())
      .when({ type: 'SetAgreementTerm', term: { duration: 'P60D', remindBefore: ['P90D', 'P30D', 'P30D'] } })
      .thenThrows(ERROR_CODES.invalidTerms, { kind: 'rule', fieldKeys: ['term.remindBefore.0', 'term.remindBefore'] });
    given(inRoles()).when({ type: 'SetAgreementTerm', term: TWO_YEARS }, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});
