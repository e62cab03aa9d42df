import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './decide.js';
import type { PartnershipEventBody } from './events.js';
import type { SignoffRound } from './partnership.js';
import { eligibleFor, outcomeOf, ruleOf } from './rules/signoff.js';
import {
  completeTask,
  DAY,
  given,
  IDS,
  inMeasurement,
  inRoles,
  NOW,
  partnerA,
  partnerB,
  partnerC,
  ROLES,
  signing,
  type Story,
} from './spec-helpers.js';

const TWO_ORGS = { organizationIds: [IDS.orgA, IDS.orgB] };
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
    expect(ruleOf('integrated')).toBe('majority');
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

describe('signing the agreement: integrated (majority vote)', () => {
  it('one signature of three is not yet a majority', () => {
    const s = signing('integrated');
    const { state } = given(s).when(sign(s, IDS.orgA), { actor: partnerA }).then(signed(s, IDS.orgA, IDS.partnerA));
    expect(state.signoff).not.toBeNull();
  });

  it('two of three adopt it and cancel the third task', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgC);
    given(s)
      .when(sign(s, IDS.orgA), { actor: partnerA })
      .then([...signed(s, IDS.orgA, IDS.partnerA), cancelled(s, IDS.orgB), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'approved' } }, ...adopted()]);
  });

  it('a refusal alone does not stop the vote while a majority is still possible', () => {
    const s = signing('integrated');
    const { state } = given(s).when(refuse(s, IDS.orgA), { actor: partnerA }).then(refused(s, IDS.orgA, IDS.partnerA));
    expect(state.signoff?.refusals[IDS.orgA]).toEqual({ userId: IDS.partnerA, at: NOW.toISOString(), reason: 'Not our role' });
  });

  it('a refusal that makes a majority impossible rejects it (one for, two against)', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'No' });
    given(s)
      .when(refuse(s, IDS.orgC), { actor: partnerC })
      .then([...refused(s, IDS.orgC, IDS.partnerC), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } }]);
  });

  it('two refusals of three reject it and cancel the remaining task', () => {
    const s = signing('integrated').complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'No' });
    given(s)
      .when(refuse(s, IDS.orgA), { actor: partnerA })
      .then([...refused(s, IDS.orgA, IDS.partnerA), cancelled(s, IDS.orgC), { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } }]);
  });

  it('with two organizations a single refusal makes a majority impossible', () => {
    const s = signing('integrated', TWO_ORGS);
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
