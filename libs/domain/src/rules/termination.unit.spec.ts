import { describe, expect, it } from 'vitest';
import type { PartnershipCommand } from '../commands.js';
import { ERROR_CODES } from '../decide.js';
import type { PartnershipEventBody } from '../events.js';
import type { ManagementModel, TerminationOption } from '../model.js';
import { fold } from '../partnership.js';
import { deadlines } from '../timers.js';
import {
  completeTask,
  DAY,
  given,
  IDS,
  inCycle,
  inMeasurement,
  inRoles,
  listened,
  NAME,
  NOW,
  agreedAssignee,
  noticeRuns,
  system,
  partnerA,
  partnerB,
  partnerC,
  person,
  prioritiesDrafted,
  signing,
  sponsor,
  taskAt,
  coordinator,
  type Story,
} from '../spec-helpers.js';

const propose = (option: TerminationOption = 'exit', reason = 'Goals met'): PartnershipCommand => ({ type: 'ProposeTermination', option, reason });
const approvalTask = (id: string, option: TerminationOption = 'exit', label = 'exit') =>
  taskAt({ id, kind: 'APPROVE_TERMINATION', title: `Approve the proposed ${label}: ${NAME}`, assignee: person(IDS.sponsor), detail: option });
const cancelled = (taskId: string, reason = 'a termination was proposed'): PartnershipEventBody => ({ type: 'TaskCancelled', data: { taskId, reason } });
/** Proposed and approved by the sponsor: the SIGN_TERMINATION round is open. */
const signingOff = (option: TerminationOption = 'exit', model: ManagementModel = 'cooperative') =>
  inMeasurement(model).do(propose(option)).complete('APPROVE_TERMINATION', null);
const signAll = (s: Story, except: string) => {
  for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) if (organizationId !== except) s.complete('SIGN_TERMINATION', organizationId);
  return s;
};
const signedBy = (s: Story, organizationId: string, userId: string): PartnershipEventBody[] => [
  { type: 'TaskCompleted', data: { taskId: s.task('SIGN_TERMINATION', organizationId).id, decision: 'approve', comment: null } },
  { type: 'SignoffGiven', data: { subject: 'TERMINATION', organizationId, userId } },
  { type: 'SignoffCompleted', data: { subject: 'TERMINATION', outcome: 'approved' } },
];

describe('ProposeTermination, from any stage', () => {
  it('from PRIORITY_SETTING: cancels the sponsor’s approval task and asks the sponsor to approve the termination', () => {
    const s = prioritiesDrafted().do({ type: 'SubmitPriorities' });
    const pending = s.task('APPROVE_PRIORITIES').id;
    const { state } = given(s)
      .when(propose('exit', '  The funder withdrew  '))
      .then([
        cancelled(pending),
        { type: 'TerminationProposed', data: { option: 'exit', reason: 'The funder withdrew', fromStage: 'PRIORITY_SETTING' } },
        { type: 'StageAdvanced', data: { from: 'PRIORITY_SETTING', to: 'TERMINATION' } },
        { type: 'TaskOpened', data: { task: approvalTask(`p-1.${s.state.version + 4}`) } },
      ]);
    expect(state).toMatchObject({ stage: 'TERMINATION', termination: { option: 'exit', reason: 'The funder withdrew', fromStage: 'PRIORITY_SETTING', approved: false } });
    expect(state.openTasks.map((task) => task.kind)).toEqual(['APPROVE_TERMINATION']);
  });

  it('from LISTENING during the sign-off: closes the round as rejected and cancels its tasks', () => {
    const s = listened().do({ type: 'OpenListeningSignoff' });
    const tasks = s.state.openTasks.map((task) => task.id);
    const { state } = given(s)
      .when(propose('hand_over', 'A county service takes over'))
      .then([
        { type: 'SignoffCompleted', data: { subject: 'LISTENING', outcome: 'rejected' } },
        ...tasks.map((taskId) => cancelled(taskId)),
        { type: 'TerminationProposed', data: { option: 'hand_over', reason: 'A county service takes over', fromStage: 'LISTENING' } },
        { type: 'StageAdvanced', data: { from: 'LISTENING', to: 'TERMINATION' } },
        { type: 'TaskOpened', data: { task: approvalTask(`p-1.${s.state.version + 7}`, 'hand_over', 'hand over') } },
      ]);
    expect(state.signoff).toBeNull();
  });

  it('from ROLE_IDENTIFICATION while the agreement is being signed: the signing round ends as rejected', () => {
    const s = signing().complete('SIGN_AGREEMENT', IDS.orgA);
    const tasks = s.state.openTasks.map((task) => task.id);
    const { state } = given(s)
      .when(propose('restructure', 'Roles need a rethink'))
      .then([
        { type: 'SignoffCompleted', data: { subject: 'AGREEMENT', outcome: 'rejected' } },
        ...tasks.map((taskId) => cancelled(taskId)),
        { type: 'TerminationProposed', data: { option: 'restructure', reason: 'Roles need a rethink', fromStage: 'ROLE_IDENTIFICATION' } },
        { type: 'StageAdvanced', data: { from: 'ROLE_IDENTIFICATION', to: 'TERMINATION' } },
        { type: 'TaskOpened', data: { task: approvalTask(`p-1.${s.state.version + 6}`, 'restructure', 'restructure') } },
      ]);
    expect(state.agreement?.adopted).toBe(false);
  });

  it('from MEASUREMENT: cancels the cycle’s open tasks', () => {
    const s = inCycle();
    const tasks = s.state.openTasks.map((task) => task.id);
    expect(tasks.length).toBeGreaterThan(0);
    const events = given(s).when(propose()).events();
    expect(events.filter((event) => event.type === 'TaskCancelled').map((event) => event.type === 'TaskCancelled' && event.data.taskId)).toEqual(tasks);
  });

  it('only an agreed option may be proposed once terms are set → 422 TERMINATION.OPTION_NOT_AGREED', () => {
    given(inRoles().do({ type: 'SetTerminationTerms', options: ['hand_over', 'exit'], noticePeriod: 'P3M' }))
      .when(propose('renew'))
      .thenThrows(ERROR_CODES.terminationNotAgreed, { kind: 'rule', fields: { option: 'agreed options: hand_over, exit' } });
  });

  it('needs a reason → 422 TASK.REASON_REQUIRED', () => {
    given(inRoles()).when(propose('exit', '  ')).thenThrows(ERROR_CODES.reasonRequired, { kind: 'rule', fields: { reason: 'required' } });
  });

  it('one at a time → 409 TERMINATION.IN_PROGRESS', () => {
    given(inRoles().do(propose())).when(propose()).thenThrows(ERROR_CODES.terminationInProgress, { kind: 'conflict' });
  });

  it('is the coordinator’s', () => {
    given(inRoles()).when(propose(), { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});

describe('the sponsor’s APPROVE_TERMINATION task', () => {
  it('approve → TerminationApproved and a SIGN_TERMINATION task per organization under the model’s rule', () => {
    const s = inMeasurement().do(propose());
    const taskId = s.task('APPROVE_TERMINATION').id;
    const first = s.state.version + 4;
    const { state } = given(s)
      .when(completeTask(taskId), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'TerminationApproved', data: {} },
        { type: 'SignoffOpened', data: { subject: 'TERMINATION', rule: 'consensus', eligible: [IDS.orgA, IDS.orgB, IDS.orgC] } },
        ...[IDS.orgA, IDS.orgB, IDS.orgC].map((organizationId, index) => ({
          type: 'TaskOpened' as const,
          data: { task: taskAt({ id: `p-1.${first + index}`, kind: 'SIGN_TERMINATION', title: `Sign off the termination decision: ${NAME}`, assignee: agreedAssignee(organizationId) }) },
        })),
      ]);
    expect(state.termination?.approved).toBe(true);
  });

  it('under collaborative only the role holders sign off; under integrated agreement is sought, then a vote', () => {
    expect(signingOff('exit', 'collaborative').state.signoff).toMatchObject({ rule: 'agreement', eligible: [IDS.orgA, IDS.orgB] });
    expect(signingOff('exit', 'integrated').state.signoff).toMatchObject({ rule: 'agreement_or_vote', eligible: [IDS.orgA, IDS.orgB, IDS.orgC] });
  });

  it.each<[string, () => Story, 'MEASUREMENT' | 'LISTENING' | 'PRIORITY_SETTING' | 'ROLE_IDENTIFICATION']>([
    ['MEASUREMENT', () => inMeasurement(), 'MEASUREMENT'],
    ['LISTENING', () => listened(), 'LISTENING'],
    ['PRIORITY_SETTING', () => prioritiesDrafted(), 'PRIORITY_SETTING'],
    ['ROLE_IDENTIFICATION', () => inRoles(), 'ROLE_IDENTIFICATION'],
  ])('reject → back to the stage it came from (%s)', (_label, start, stage) => {
    const s = start().do(propose());
    expect(s.state.termination?.fromStage).toBe(stage);
    const taskId = s.task('APPROVE_TERMINATION').id;
    const { state } = given(s)
      .when(completeTask(taskId, 'reject', { comment: 'Not yet' }), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'reject', comment: 'Not yet' } },
        { type: 'TerminationRejected', data: { reason: 'Not yet', backTo: stage } },
        { type: 'StageAdvanced', data: { from: 'TERMINATION', to: stage, reason: 'the termination was rejected' } },
      ]);
    expect(state).toMatchObject({ stage, termination: null });
  });

  it('a rejection needs a reason; only the sponsor decides', () => {
    const s = inMeasurement().do(propose());
    const taskId = s.task('APPROVE_TERMINATION').id;
    given(s).when(completeTask(taskId, 'reject'), { actor: sponsor }).thenThrows(ERROR_CODES.reasonRequired, { kind: 'rule' });
    given(s).when(completeTask(taskId), { actor: coordinator }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
  });
});

describe('the SIGN_TERMINATION round', () => {
  it('a refusal under consensus rejects the termination and goes back to the stage it came from', () => {
    const s = signingOff().complete('SIGN_TERMINATION', IDS.orgA);
    const taskId = s.task('SIGN_TERMINATION', IDS.orgB).id;
    const { state } = given(s)
      .when(completeTask(taskId, 'reject', { comment: 'We still need it' }), { actor: partnerB })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'reject', comment: 'We still need it' } },
        { type: 'SignoffRefused', data: { subject: 'TERMINATION', organizationId: IDS.orgB, userId: IDS.partnerB, reason: 'We still need it' } },
        cancelled(s.task('SIGN_TERMINATION', IDS.orgC).id, 'the termination sign-off is decided'),
        { type: 'SignoffCompleted', data: { subject: 'TERMINATION', outcome: 'rejected' } },
        { type: 'TerminationRejected', data: { reason: 'the partners did not sign off the termination', backTo: 'MEASUREMENT' } },
        { type: 'StageAdvanced', data: { from: 'TERMINATION', to: 'MEASUREMENT', reason: 'the termination was rejected' } },
      ]);
    expect(state).toMatchObject({ stage: 'MEASUREMENT', termination: null, signoff: null, openTasks: [] });
  });

  it('renew: PartnershipRenewed resets the method state and starts generation 1 in PRIORITY_SETTING', () => {
    const s = signAll(signingOff('renew'), IDS.orgC);
    const before = s.state;
    const { state } = given(s)
      .when(completeTask(s.task('SIGN_TERMINATION', IDS.orgC).id), { actor: partnerC })
      .then([...signedBy(s, IDS.orgC, IDS.partnerC), { type: 'TerminationDecided', data: { option: 'renew' } }, { type: 'PartnershipRenewed', data: { generation: 1 } }]);
    expect(state).toMatchObject({
      stage: 'PRIORITY_SETTING',
      generation: 1,
      prioritiesStatus: 'DRAFTING',
      goals: [],
      scope: '',
      stakeholders: [],
      listeningSessions: [],
      alignment: {},
      roles: [],
      resources: [],
      managementModel: null,
      governance: null,
      terminationOptions: [],
      kpis: [],
      measurements: [],
      agreement: null,
      signoff: null,
      termination: null,
      cycle: 0,
      nextReviewAt: null,
      nextPulseAt: null,
      openTasks: [],
    });
    expect(state.organizationIds).toEqual(before.organizationIds);
    expect(state.coordinatorId).toBe(before.coordinatorId);
  });

  it('restructure: back to ROLE_IDENTIFICATION, where a new agreement can be issued', () => {
    const s = signAll(signingOff('restructure'), IDS.orgC);
    const { state } = given(s)
      .when(completeTask(s.task('SIGN_TERMINATION', IDS.orgC).id), { actor: partnerC })
      .then([
        ...signedBy(s, IDS.orgC, IDS.partnerC),
        { type: 'TerminationDecided', data: { option: 'restructure' } },
        { type: 'StageAdvanced', data: { from: 'TERMINATION', to: 'ROLE_IDENTIFICATION', reason: 'restructure' } },
      ]);
    expect(state).toMatchObject({ stage: 'ROLE_IDENTIFICATION', termination: null });
    const restructured = s.complete('SIGN_TERMINATION', IDS.orgC).do({ type: 'IssueAgreement' });
    expect(restructured.state.agreement?.version).toBe(2);
  });

  it('restructure then re-adoption restarts the review clock', () => {
    const s = signAll(signingOff('restructure'), 'none').do({ type: 'IssueAgreement' });
    s.complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB);
    const events = given(s).when(completeTask(s.task('SIGN_AGREEMENT', IDS.orgC).id), { actor: partnerC }).events();
    expect(events.map((event) => event.type).slice(-3)).toEqual(['AgreementAdopted', 'StageAdvanced', 'ReviewScheduled']);
    expect(events.at(-1)?.data).toEqual({ cycle: 1, reviewAt: new Date(NOW.getTime() + 180 * DAY).toISOString(), pulseAt: new Date(NOW.getTime() + 60 * DAY).toISOString() });
  });

  it.each<TerminationOption>(['exit', 'hand_over'])('%s: waits for the agreed notice period, back in the stage it came from', (option) => {
    const s = signAll(signingOff(option), IDS.orgC);
    const effectiveAt = new Date(NOW.getTime() + 90 * DAY).toISOString();
    const { state } = given(s)
      .when(completeTask(s.task('SIGN_TERMINATION', IDS.orgC).id), { actor: partnerC })
      .then([
        ...signedBy(s, IDS.orgC, IDS.partnerC),
        { type: 'TerminationScheduled', data: { option, noticePeriod: 'P3M', effectiveAt } },
        { type: 'StageAdvanced', data: { from: 'TERMINATION', to: 'MEASUREMENT', reason: `the ${option.replace('_', ' ')} takes effect on ${effectiveAt}` } },
      ]);
    expect(state).toMatchObject({ stage: 'MEASUREMENT', termination: { option, approved: true, effectiveAt, scheduledAt: NOW.toISOString(), noticeRemindersSent: 0 } });
    expect(deadlines(state).filter((deadline) => deadline.purpose === 'termination')).toEqual([{ at: Date.parse(effectiveAt), purpose: 'termination' }]);
  });

  it.each<[TerminationOption, string[]]>([
    ['exit', ['final report', 'hand-over of assets', 'communications']],
    ['hand_over', ['hand-over of assets', 'communications']],
  ])('%s: when the notice has run, the coordinator’s WIND_DOWN tasks open', (option, items) => {
    const s = signAll(signingOff(option), 'none');
    const at = new Date(s.state.termination!.effectiveAt!);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: at, actor: system }).events();
    const effect = events.slice(events.findIndex((event) => event.type === 'StageAdvanced' && event.data.to === 'TERMINATION'));
    const first = fold(events.slice(0, events.length - items.length), s.state).version + 1;
    expect(effect.map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'StageAdvanced', data: { from: 'MEASUREMENT', to: 'TERMINATION', reason: 'the notice period ended' } },
      { type: 'TerminationDecided', data: { option } },
      ...items.map((item, index) => ({
        type: 'TaskOpened',
        data: { task: taskAt({ id: `p-1.${first + index}`, kind: 'WIND_DOWN', title: `Wind-down: ${item} (${NAME})`, assignee: person(IDS.coordinator), detail: item }, at) },
      })),
    ]);
  });

  it('integrated: two of three signatures are not yet agreement; once the vote is called they decide it and cancel the third task', () => {
    const s = signingOff('exit', 'integrated').complete('SIGN_TERMINATION', IDS.orgA);
    const second = given(s).when(completeTask(s.task('SIGN_TERMINATION', IDS.orgB).id), { actor: partnerB }).events();
    expect(second.map((event) => event.type)).toEqual(['TaskCompleted', 'SignoffGiven']);
    const signedByTwo = s.complete('SIGN_TERMINATION', IDS.orgB);
    const events = given(signedByTwo).when({ type: 'CallVote' }).events();
    expect(events.slice(0, 4).map((event) => event.type)).toEqual(['SignoffVoteCalled', 'TaskCancelled', 'SignoffCompleted', 'TerminationScheduled']);
    expect(events[2]?.data).toEqual({ subject: 'TERMINATION', outcome: 'approved', decidedBy: 'vote' });
  });
});

describe('the notice period', () => {
  /** Exit signed by everyone at NOW (P3M notice: effective 90 days later). */
  const noticeRunning = () => signAll(signingOff('exit'), 'none');
  const recipients = [
    { userId: IDS.coordinator },
    { userId: IDS.sponsor },
    { userId: IDS.partnerA },
    { userId: IDS.partnerB },
    { organizationId: IDS.orgC },
  ];

  it('the partnership carries on meanwhile: tasks open, a second proposal is refused', () => {
    const s = noticeRunning();
    expect(s.state).toMatchObject({ status: 'active', stage: 'MEASUREMENT' });
    given(s).when(propose('hand_over', 'Sooner')).thenThrows(ERROR_CODES.terminationInProgress, { kind: 'conflict' });
  });

  it('reminds everyone halfway through and a day before it takes effect', () => {
    const s = noticeRunning();
    const effectiveAt = s.state.termination!.effectiveAt!;
    const halfway = new Date(NOW.getTime() + 45 * DAY);
    const dayBefore = new Date(Date.parse(effectiveAt) - DAY);
    given(s)
      .when({ type: 'FireDueTimers' }, { now: halfway, actor: system })
      .then([{ type: 'TerminationNoticeReminderSent', data: { reminder: 1, effectiveAt, recipients } }]);
    s.do({ type: 'FireDueTimers' }, { now: halfway, actor: system });
    const second = given(s).when({ type: 'FireDueTimers' }, { now: dayBefore, actor: system }).events();
    expect(second.filter((event) => event.type === 'TerminationNoticeReminderSent').map((event) => event.data)).toEqual([{ reminder: 2, effectiveAt, recipients }]);
  });

  it('on the effective date whatever was under way is cancelled', () => {
    const s = noticeRunning();
    const openBefore = s.state.openTasks.map((task) => task.id);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: new Date(s.state.termination!.effectiveAt!), actor: system }).events();
    const cancelledIds = events.flatMap((event) => (event.type === 'TaskCancelled' && event.data.reason === 'the notice period ended' ? [event.data.taskId] : []));
    expect(cancelledIds.length).toBeGreaterThan(0);
    expect(cancelledIds).toEqual(expect.arrayContaining(openBefore));
    const after = fold(events, s.state);
    expect(after).toMatchObject({ stage: 'TERMINATION', termination: null });
  });

  it('without an adopted agreement no notice was agreed: the exit is carried out at once', () => {
    const s = listened().do(propose()).complete('APPROVE_TERMINATION', null);
    signAll(s, IDS.orgC);
    const events = given(s).when(completeTask(s.task('SIGN_TERMINATION', IDS.orgC).id), { actor: partnerC }).events();
    expect(events.map((event) => event.type).slice(0, 5)).toEqual(['TaskCompleted', 'SignoffGiven', 'SignoffCompleted', 'TerminationDecided', 'TaskOpened']);
  });

  it('a workflow run from before the rule (governanceActs: false) carries it out at once, as it did then', () => {
    const s = signAll(signingOff('exit'), IDS.orgC);
    const events = given(s).when(completeTask(s.task('SIGN_TERMINATION', IDS.orgC).id), { actor: partnerC, governanceActs: false }).events();
    expect(events.map((event) => event.type).slice(2, 5)).toEqual(['SignoffCompleted', 'TerminationDecided', 'TaskOpened']);
  });
});

describe('wind-down', () => {
  const windingDown = () => noticeRuns(signAll(signingOff('hand_over'), 'none'));

  it('each item completes on its own; the last one closes the partnership', () => {
    const s = windingDown();
    const [firstTask, lastTask] = s.state.openTasks;
    given(s)
      .when(completeTask(firstTask!.id))
      .then([{ type: 'TaskCompleted', data: { taskId: firstTask!.id, decision: 'approve', comment: null } }]);
    s.do(completeTask(firstTask!.id));
    const { state } = given(s)
      .when(completeTask(lastTask!.id, 'approve', { comment: 'Handed to the county' }))
      .then([
        { type: 'TaskCompleted', data: { taskId: lastTask!.id, decision: 'approve', comment: 'Handed to the county' } },
        { type: 'PartnershipClosed', data: {} },
      ]);
    expect(state).toMatchObject({ stage: 'CLOSED', openTasks: [], nextReviewAt: null, nextPulseAt: null });
  });

  it('a wind-down item cannot be rejected, and is the coordinator’s', () => {
    const s = windingDown();
    const taskId = s.state.openTasks[0]!.id;
    given(s).when(completeTask(taskId, 'reject', { comment: 'no' })).thenThrows(ERROR_CODES.decisionNotAllowed, { kind: 'rule', fields: { decision: 'must be "approve"' } });
    given(s).when(completeTask(taskId), { actor: partnerA }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
  });
});
