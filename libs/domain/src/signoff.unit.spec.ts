import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './decide.js';
import type { PartnershipEventBody } from './events.js';
import type { SignoffRound } from './partnership.js';
import { eligibleFor, outcomeOf, ruleOf } from './rules/signoff.js';
import { deadlines } from './timers.js';
import {
  completeTask,
  DAY,
  EARLIER,
  given,
  IDS,
  inMeasurement,
  inRoles,
  NOW,
  partnerA,
  partnerB,
  partnerC,
  ROLES,
  rolesReady,
  signing,
  system,
  type Story,
} from './spec-helpers.js';

const TWO_ORGS = { organizationIds: [IDS.orgA, IDS.orgB] };
/** An integrated round opened by a workflow run from before agreement was sought first. */
const legacySigning = (overrides = {}) => rolesReady('integrated', overrides).do({ type: 'IssueAgreement' }, { jointDecisions: false });
const adopted = (version = 1): PartnershipEventBody[] => [
  { type: 'AgreementAdopted', data: { version } },
  { type: 'StageAdvanced', data: { from: 'ROLE_IDENTIFICATION', to: 'MEASUREMENT' } },
  {
    type: 'ReviewScheduled',
    data: { cycle: 1, reviewAt: new Date(NOW.getTime() + 180 * DAY).toISOString(), pulseAt: new Date(NOW.getTime() + 60 * DAY).toISOString() },
  },
];
const signed = (s: Story, organizationId: string, userId: string): PartnershipEventBody[] => [
  { type: 'TaskCompleted', data: { taskId: s.task('SIGN_AGREEMENT', organizationId).id, decision: 'approve', comment: null } },
  { type: 'AgreementSigned', data: { version: 1, organizationId, userId } },
  { type: 'SignoffGiven', data: { subject: 'AGREEMENT', organizationId, userId } },
];
const refused = (s: Story, organizationId: string, userId: string, reason = 'Not our role'): PartnershipEventBody[] => [
  { type: 'TaskCompleted', data: { taskId: s.task('SIGN_AGREEMENT', organizationId).id, decision: 'reject', comment: reason } },
  { type: 'SignoffRefused', data: { subject: 'AGREEMENT', organizationId, userId, reason } },
];
const cancelled = (s: Story, organizationId: string): PartnershipEventBody => ({
  type: 'TaskCancelled',
  data: { taskId: s.task('SIGN_AGREEMENT', organizationId).id, reason: 'the agreement sign-off is decided' },
});
const sign = (s: Story, organizationId: string) => completeTask(s.task('SIGN_AGREEMENT', organizationId).id);
const refuse = (s: Story, organizationId: string, reason = 'Not our role') => completeTask(s.task('SIGN_AGREEMENT', organizationId).id, 'reject', { comment: reason });

describe('ruleOf and eligibleFor', () => {
  it('maps the management model to the decision rule (no model yet: consensus)', () => {
    expect(ruleOf('cooperative')).toBe('consensus');
    expect(ruleOf('collaborative')).toBe('agreement');
    expect(ruleOf('integrated')).toBe('agreement_or_vote');
    expect(ruleOf('integrated', false)).toBe('majority');
    expect(ruleOf(null)).toBe('consensus');
  });

  it('consensus and majority: every member; agreement: every role holder, or everyone when nobody holds a role yet', () => {
    const noRoles = inRoles().state;
    expect(eligibleFor(noRoles, 'consensus')).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
    expect(eligibleFor(noRoles, 'majority')).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
    expect(eligibleFor(noRoles, 'agreement')).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
    const withRoles = inRoles().do({ type: 'DefineRoles', roles: ROLES }).state;
    expect(eligibleFor(withRoles, 'agreement')).toEqual([IDS.orgA, IDS.orgB]);
  });
});

describe('outcomeOf', () => {
  const round = (rule: SignoffRound['rule'], eligible: string[], approvals: string[], refusals: string[]): SignoffRound => ({
    subject: 'AGREEMENT',
    rule,
    eligible,
    approvals: Object.fromEntries(approvals.map((id) => [id, { userId: 'u', at: 'x' }])),
    refusals: Object.fromEntries(refusals.map((id) => [id, { userId: 'u', at: 'x', reason: 'r' }])),
  });
  const abcd = ['a', 'b', 'c', 'd'];

  it.each<[SignoffRound['rule'], string[], string[], string[], ReturnType<typeof outcomeOf>]>([
    ['consensus', ['a', 'b', 'c'], ['a', 'b'], [], 'pending'],
    ['consensus', ['a', 'b', 'c'], ['a', 'b', 'c'], [], 'approved'],
    ['consensus', ['a', 'b', 'c'], ['a', 'b'], ['c'], 'rejected'],
    ['agreement', ['a', 'b'], ['a'], ['b'], 'rejected'],
    ['agreement', ['a', 'b'], ['a', 'b'], [], 'approved'],
    ['majority', ['a', 'b', 'c'], ['a'], [], 'pending'],
    ['majority', ['a', 'b', 'c'], ['a', 'b'], [], 'approved'],
    ['majority', ['a', 'b', 'c'], [], ['a'], 'pending'],
    ['majority', ['a', 'b', 'c'], ['a'], ['b'], 'pending'],
    ['majority', ['a', 'b', 'c'], [], ['a', 'b'], 'rejected'],
    ['majority', ['a', 'b'], [], ['a'], 'rejected'],
    ['majority', abcd, ['a', 'b'], [], 'pending'],
    ['majority', abcd, ['a', 'b', 'c'], [], 'approved'],
    ['majority', abcd, ['a'], ['b', 'c'], 'rejected'],
  ])('%s of %j with approvals %j and refusals %j → %s', (rule, eligible, approvals, refusals, expected) => {
    expect(outcomeOf(round(rule, eligible, approvals, refusals))).toBe(expected);
  });

  it.each<[boolean, string[], string[], ReturnType<typeof outcomeOf>]>([
    [false, ['a', 'b'], [], 'pending'],
    [false, ['a', 'b', 'c'], [], 'approved'],
    [false, ['a'], ['b', 'c'], 'pending'],
    [true, ['a', 'b'], [], 'approved'],
    [true, ['a'], ['b'], 'pending'],
    [true, ['a'], ['b', 'c'], 'rejected'],
  ])('agreement_or_vote of three, voting %s, with approvals %j and refusals %j → %s', (voting, approvals, refusals, expected) => {
    expect(outcomeOf({ ...round('agreement_or_vote', ['a', 'b', 'c'], approvals, refusals), voting })).toBe(expected);
  });

  it('ignores answers of organizations that are no longer eligible', () => {
    expect(outcomeOf(round('consensus', ['a', 'b'], ['a', 'b'], ['gone']))).toBe('approved');
  });
});

describe('signing the agreement: cooperative (consensus of every organization)', () => {
  it('a signature records who signed, in the event and the agreement', () => {
    const s = signing('cooperative');
    const { state } = given(s).when(sign(s, IDS.orgA), { actor: partnerA }).then(signed(s, IDS.orgA, IDS.partnerA));
    expect(state.agreement?.signatures).toEqual({ [IDS.orgA]: { userId: IDS.partnerA, at: NOW.toISOString() } });
    expect(state.signoff?.approvals).toEqual({ [IDS.orgA]: { userId: IDS.partnerA, at: NOW.toISOString() } });
    expect(state.stage).toBe('ROLE_IDENTIFICATION');
  });

  it('needs every organization, including one without a role: the last signature adopts it, advances to MEASUREMENT and schedules the first review', () => {
    const s = signing('cooperative').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB);
    const { state } = given(s)
      .when(sign(s, IDS.orgC), { actor: partnerC })
      .then([...signed(s, IDS.orgC, IDS.partnerC), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'approved' } }, ...adopted()]);
    expect(state).toMatchObject({ stage: 'MEASUREMENT', signoff: null, openTasks: [], cycle: 0 });
    expect(state.agreement?.adopted).toBe(true);
    expect(Object.keys(state.agreement?.signatures ?? {}).sort()).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
  });

  it('one refusal stops the round and cancels the other sign-off tasks; the agreement is not adopted', () => {
    const s = signing('cooperative').complete('SIGN_AGREEMENT', IDS.orgA);
    const { state } = given(s)
      .when(refuse(s, IDS.orgB), { actor: partnerB })
      .then([...refused(s, IDS.orgB, IDS.partnerB), cancelled(s, IDS.orgC), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } }]);
    expect(state).toMatchObject({ stage: 'ROLE_IDENTIFICATION', signoff: null, openTasks: [] });
    expect(state.agreement?.adopted).toBe(false);
  });

  it('a refusal needs a reason', () => {
    const s = signing('cooperative');
    given(s).when(completeTask(s.task('SIGN_AGREEMENT', IDS.orgA).id, 'reject'), { actor: partnerA }).thenThrows(ERROR_CODES.reasonRequired, { kind: 'rule' });
  });

  it('after a refusal the coordinator may change the terms and issue version 2', () => {
    const s = signing('cooperative').complete('SIGN_AGREEMENT', IDS.orgA, 'reject', { comment: 'No' }).do({ type: 'SetConflictProcess', process: 'Mediation' });
    const [event] = given(s).when({ type: 'IssueAgreement' }).events();
    expect(event?.type === 'AgreementIssued' && event.data.version).toBe(2);
  });
});

describe('signing the agreement: collaborative (every organization holding a role)', () => {
  it('opens tasks for the role holders only', () => {
    const s = signing('collaborative');
    expect(s.state.signoff).toMatchObject({ rule: 'agreement', eligible: [IDS.orgA, IDS.orgB] });
    expect(s.state.openTasks.map((task) => task.assignee)).toEqual([
      { kind: 'organization', organizationId: IDS.orgA, contactId: IDS.partnerA },
      { kind: 'organization', organizationId: IDS.orgB, contactId: IDS.partnerB },
    ]);
  });

  it('the last role holder’s signature adopts it', () => {
    const s = signing('collaborative').complete('SIGN_AGREEMENT', IDS.orgA);
    given(s)
      .when(sign(s, IDS.orgB), { actor: partnerB })
      .then([...signed(s, IDS.orgB, IDS.partnerB), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'approved' } }, ...adopted()]);
  });

  it('a refusal by a role holder stops the round', () => {
    const s = signing('collaborative');
    given(s)
      .when(refuse(s, IDS.orgA), { actor: partnerA })
      .then([...refused(s, IDS.orgA, IDS.partnerA), cancelled(s, IDS.orgB), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } }]);
  });
});

describe('signing the agreement: integrated (agreement first, then a vote)', () => {
  const voteAt = new Date(EARLIER.getTime() + 7 * DAY);
  const calledBy = (by: 'deadline' | 'coordinator' | 'no_agreement'): PartnershipEventBody => ({ type: 'SignoffVoteCalled', data: { subject: 'AGREEMENT', by } });
  const completed = (outcome: 'approved' | 'rejected', decidedBy: 'agreement' | 'vote'): PartnershipEventBody => ({ type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome, decidedBy } });

  it('opens a round that seeks agreement, falling to a vote when its tasks fall due', () => {
    const s = signing('integrated');
    expect(s.state.signoff).toMatchObject({ rule: 'agreement_or_vote', eligible: [IDS.orgA, IDS.orgB, IDS.orgC], voteAt: voteAt.toISOString() });
    expect(s.state.signoff?.voting).toBeUndefined();
    expect(deadlines(s.state)).toContainEqual({ at: voteAt.getTime(), purpose: 'vote' });
  });

  it('two signatures of three are not yet agreement: the third organization is still asked', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgC);
    const { state } = given(s).when(sign(s, IDS.orgA), { actor: partnerA }).then(signed(s, IDS.orgA, IDS.partnerA));
    expect(state.signoff).toMatchObject({ approvals: { [IDS.orgA]: {}, [IDS.orgC]: {} } });
    expect(state.openTasks.filter((task) => task.kind === 'SIGN_AGREEMENT')).toHaveLength(1);
  });

  it('every signature is agreement: adopted, decided by agreement, no vote', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgC);
    const { state } = given(s)
      .when(sign(s, IDS.orgB), { actor: partnerB })
      .then([...signed(s, IDS.orgB, IDS.partnerB), completed('approved', 'agreement'), ...adopted()]);
    expect(deadlines(state).some((deadline) => deadline.purpose === 'vote')).toBe(false);
  });

  it('a refusal does not stop the round while agreement is sought', () => {
    const s = signing('integrated');
    const { state } = given(s).when(refuse(s, IDS.orgA), { actor: partnerA }).then(refused(s, IDS.orgA, IDS.partnerA));
    expect(state.signoff?.refusals[IDS.orgA]).toMatchObject({ reason: 'Not our role' });
  });

  it('everyone answered without agreeing: it falls to a vote at once, which the majority carries', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'No' });
    given(s)
      .when(sign(s, IDS.orgC), { actor: partnerC })
      .then([...signed(s, IDS.orgC, IDS.partnerC), calledBy('no_agreement'), completed('approved', 'vote'), ...adopted()]);
  });

  it('everyone answered and most refused: the vote rejects it', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'No' });
    given(s)
      .when(refuse(s, IDS.orgC), { actor: partnerC })
      .then([...refused(s, IDS.orgC, IDS.partnerC), calledBy('no_agreement'), completed('rejected', 'vote')]);
  });

  it('the coordinator calls the vote: the signatures given are a majority, the last task is cancelled', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgC);
    given(s)
      .when({ type: 'CallVote' })
      .then([calledBy('coordinator'), cancelled(s, IDS.orgB), completed('approved', 'vote'), ...adopted()]);
  });

  it('a vote called without a majority yet waits for the remaining votes', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgA);
    const { state } = given(s).when({ type: 'CallVote' }).then([calledBy('coordinator')]);
    expect(state.signoff).toMatchObject({ rule: 'agreement_or_vote', voting: true });
    expect(deadlines(state).some((deadline) => deadline.purpose === 'vote')).toBe(false);
    const voting = s.fork().do({ type: 'CallVote' });
    given(voting)
      .when(sign(voting, IDS.orgB), { actor: partnerB })
      .then([...signed(voting, IDS.orgB, IDS.partnerB), cancelled(voting, IDS.orgC), completed('approved', 'vote'), ...adopted()]);
  });

  it('the vote time passes without agreement: the timer calls the vote', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: voteAt, actor: system }).events();
    const types = events.map((event) => event.type);
    expect(events.find((event) => event.type === 'SignoffVoteCalled')?.data).toEqual({ subject: 'AGREEMENT', by: 'deadline' });
    expect(events.find((event) => event.type === 'SignoffCompleted')?.data).toEqual({ subject: 'AGREEMENT', outcome: 'approved', decidedBy: 'vote' });
    expect(types).toContain('AgreementAdopted');
    expect(types.indexOf('SignoffVoteCalled')).toBeLessThan(types.indexOf('SignoffCompleted'));
  });

  it('only the coordinator calls a vote, and only on a round seeking agreement', () => {
    const s = signing('integrated');
    given(s).when({ type: 'CallVote' }, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
    given(s.fork().do({ type: 'CallVote' })).when({ type: 'CallVote' }).thenThrows(ERROR_CODES.noVoteToCall, { kind: 'conflict' });
    given(signing('cooperative')).when({ type: 'CallVote' }).thenThrows(ERROR_CODES.noVoteToCall, { kind: 'conflict' });
    given(inRoles()).when({ type: 'CallVote' }).thenThrows(ERROR_CODES.noVoteToCall, { kind: 'conflict' });
  });

  it('a hold moves the vote time with the tasks', () => {
    const s = signing('integrated').do({ type: 'PutOnHold', reason: 'Budget freeze' }, { now: EARLIER });
    const resumed = s.do({ type: 'Resume' }, { now: new Date(EARLIER.getTime() + 2 * DAY) });
    expect(resumed.state.signoff?.voteAt).toBe(new Date(voteAt.getTime() + 2 * DAY).toISOString());
  });
});

describe('signing the agreement: integrated, in a run from before agreement was sought first (majority at once)', () => {
  it('one signature of three is not yet a majority', () => {
    const s = legacySigning();
    const { state } = given(s).when(sign(s, IDS.orgA), { actor: partnerA }).then(signed(s, IDS.orgA, IDS.partnerA));
    expect(state.signoff).not.toBeNull();
  });

  it('two of three adopt it and cancel the third task', () => {
    const s = legacySigning().complete('SIGN_AGREEMENT', IDS.orgC);
    given(s)
      .when(sign(s, IDS.orgA), { actor: partnerA })
      .then([...signed(s, IDS.orgA, IDS.partnerA), cancelled(s, IDS.orgB), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'approved' } }, ...adopted()]);
  });

  it('a refusal alone does not stop the vote while a majority is still possible', () => {
    const s = legacySigning();
    const { state } = given(s).when(refuse(s, IDS.orgA), { actor: partnerA }).then(refused(s, IDS.orgA, IDS.partnerA));
    expect(state.signoff?.refusals[IDS.orgA]).toEqual({ userId: IDS.partnerA, at: NOW.toISOString(), reason: 'Not our role' });
  });

  it('a refusal that makes a majority impossible rejects it (one for, two against)', () => {
    const s = legacySigning().complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'No' });
    given(s)
      .when(refuse(s, IDS.orgC), { actor: partnerC })
      .then([...refused(s, IDS.orgC, IDS.partnerC), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } }]);
  });

  it('two refusals of three reject it and cancel the remaining task', () => {
    const s = legacySigning().complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'No' });
    given(s)
      .when(refuse(s, IDS.orgA), { actor: partnerA })
      .then([...refused(s, IDS.orgA, IDS.partnerA), cancelled(s, IDS.orgC), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } }]);
  });

  it('with two organizations a single refusal makes a majority impossible', () => {
    const s = legacySigning(TWO_ORGS);
    given(s)
      .when(refuse(s, IDS.orgB), { actor: partnerB })
      .then([...refused(s, IDS.orgB, IDS.partnerB), cancelled(s, IDS.orgA), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } }]);
  });
});

describe('a new agreement version in MEASUREMENT', () => {
  it('is adopted without a stage change or a new review schedule', () => {
    const s = inMeasurement('cooperative').do({ type: 'IssueAgreement' }).complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB);
    const { state } = given(s)
      .when(sign(s, IDS.orgC), { actor: partnerC })
      .then([
        { type: 'TaskCompleted', data: { taskId: s.task('SIGN_AGREEMENT', IDS.orgC).id, decision: 'approve', comment: null } },
        { type: 'AgreementSigned', data: { version: 2, organizationId: IDS.orgC, userId: IDS.partnerC } },
        { type: 'SignoffGiven', data: { subject: 'AGREEMENT', organizationId: IDS.orgC, userId: IDS.partnerC } },
        { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'approved' } },
        { type: 'AgreementAdopted', data: { version: 2 } },
      ]);
    expect(state).toMatchObject({ stage: 'MEASUREMENT', agreement: { version: 2, adopted: true } });
  });
});
