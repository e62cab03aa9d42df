import { describe, expect, it } from 'vitest';
import type { PartnershipCommand } from '../commands.js';
import { ERROR_CODES } from '../decide.js';
import type { Actor } from '../model.js';
import {
  ALIGNED,
  completeTask,
  coordinator,
  given,
  IDS,
  inListening,
  listened,
  NAME,
  NOW,
  org,
  partnerA,
  partnerB,
  partnerC,
  prioritiesDrafted,
  sessionInput,
  sponsor,
  stakeholderInput,
  taskAt,
} from '../spec-helpers.js';

const CONFIRM_TITLE = `Confirm your organization’s view is recorded: ${NAME}`;
const score = (organizationId: string, scores: Record<string, number> = ALIGNED): PartnershipCommand => ({ type: 'ScoreAlignment', organizationId, scores });

describe('AddStakeholder', () => {
  it('adds the stakeholder with an id from the event sequence', () => {
    const s = inListening();
    const { state } = given(s)
      .when({ type: 'AddStakeholder', stakeholder: { ...stakeholderInput, organizationId: IDS.orgB } })
      .then([{ type: 'StakeholderAdded', data: { stakeholder: { ...stakeholderInput, organizationId: IDS.orgB, id: `stakeholder-${s.state.version + 1}` } } }]);
    expect(state.stakeholders).toHaveLength(1);
  });

  it.each<[string, Partial<typeof stakeholderInput>, Record<string, string>]>([
    ['a blank name', { name: '  ' }, { 'stakeholder.name': 'name the stakeholder' }],
    ['interest 0', { interest: 0 }, { 'stakeholder.interest': 'must be a whole number from 1 to 5' }],
    ['influence 6', { influence: 6 }, { 'stakeholder.influence': 'must be a whole number from 1 to 5' }],
    ['interest 2.5', { interest: 2.5 }, { 'stakeholder.interest': 'must be a whole number from 1 to 5' }],
    ['an organization outside the partnership', { organizationId: IDS.orgD }, { 'stakeholder.organizationId': 'stakeholder.organizationId: org-d is not a member of this partnership' }],
  ])('rejects %s → 422 LISTENING.INVALID_STAKEHOLDER', (_label, change, fields) => {
    given(inListening())
      .when({ type: 'AddStakeholder', stakeholder: { ...stakeholderInput, ...change } })
      .thenThrows(ERROR_CODES.invalidStakeholder, { kind: 'rule', fields });
  });

  it('is the coordinator’s, in LISTENING only', () => {
    given(inListening()).when({ type: 'AddStakeholder', stakeholder: stakeholderInput }, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
    given(prioritiesDrafted()).when({ type: 'AddStakeholder', stakeholder: stakeholderInput }).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });
});

describe('RecordListeningSession', () => {
  it('records the session with an id from the event sequence', () => {
    const s = inListening();
    given(s)
      .when({ type: 'RecordListeningSession', session: sessionInput })
      .then([{ type: 'ListeningSessionRecorded', data: { session: { ...sessionInput, id: `session-${s.state.version + 1}` } } }]);
  });

  it('accepts a session held today', () => {
    const session = { ...sessionInput, heldOn: '2030-01-15' };
    const s = inListening();
    given(s).when({ type: 'RecordListeningSession', session }).then([{ type: 'ListeningSessionRecorded', data: { session: { ...session, id: `session-${s.state.version + 1}` } } }]);
  });

  it('rejects a session without participants, without what was heard, or held in the future, all at once', () => {
    given(inListening())
      .when({ type: 'RecordListeningSession', session: { heldOn: '2030-01-16', participants: [], heard: '  ', concerns: [] } })
      .thenThrows(ERROR_CODES.invalidSession, {
        kind: 'rule',
        fields: {
          'session.participants': 'name who took part',
          'session.heard': 'record what was heard',
          'session.heldOn': 'a session is recorded after it was held',
        },
      });
  });

  it('is the coordinator’s, in LISTENING only', () => {
    given(inListening()).when({ type: 'RecordListeningSession', session: sessionInput }, { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
    given(prioritiesDrafted()).when({ type: 'RecordListeningSession', session: sessionInput }).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });
});

describe('ScoreAlignment', () => {
  it('lets a partner score the goals for its own organization', () => {
    const { state } = given(inListening())
      .when(score(IDS.orgB, { '1': 0, '2': 3 }), { actor: partnerB })
      .then([{ type: 'AlignmentScored', data: { organizationId: IDS.orgB, scores: { '1': 0, '2': 3 } } }]);
    expect(state.alignment).toEqual({ [IDS.orgB]: { '1': 0, '2': 3 } });
  });

  it('lets the coordinator score for any member organization, replacing an earlier score', () => {
    const s = inListening().do(score(IDS.orgC, { '1': 1, '2': 1 }), { actor: partnerC });
    const { state } = given(s).when(score(IDS.orgC)).then([{ type: 'AlignmentScored', data: { organizationId: IDS.orgC, scores: ALIGNED } }]);
    expect(state.alignment[IDS.orgC]).toEqual(ALIGNED);
  });

  it.each<[string, Actor]>([
    ['a partner of another organization', partnerA],
    ['the sponsor', sponsor],
  ])('forbids %s → 403 PARTNERSHIP.NOT_A_MEMBER', (_label, actor) => {
    given(inListening()).when(score(IDS.orgB), { actor }).thenThrows(ERROR_CODES.notMember, { kind: 'forbidden' });
  });

  it.each<[string, Record<string, number>, Record<string, string>]>([
    ['a missing goal', { '1': 2 }, { 'scores.2': 'score every goal 0, 1, 2 or 3' }],
    ['a score of 4', { '1': 4, '2': 0 }, { 'scores.1': 'score every goal 0, 1, 2 or 3' }],
    ['a negative score', { '1': -1, '2': 0 }, { 'scores.1': 'score every goal 0, 1, 2 or 3' }],
    ['a fractional score', { '1': 1.5, '2': 0 }, { 'scores.1': 'score every goal 0, 1, 2 or 3' }],
    ['an unknown rank', { '1': 1, '2': 1, '3': 1 }, { 'scores.3': 'no goal has this rank' }],
  ])('rejects %s → 422 LISTENING.INVALID_ALIGNMENT', (_label, scores, fields) => {
    given(inListening()).when(score(IDS.orgA, scores)).thenThrows(ERROR_CODES.invalidAlignment, { kind: 'rule', fields });
  });

  it('rejects an organization outside the partnership', () => {
    given(inListening())
      .when(score(IDS.orgD))
      .thenThrows(ERROR_CODES.invalidAlignment, { kind: 'rule', fields: { organizationId: 'organizationId: org-d is not a member of this partnership' } });
  });

  it('is for LISTENING, and not while the listening sign-off runs', () => {
    given(prioritiesDrafted()).when(score(IDS.orgA)).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
    given(listened().do({ type: 'OpenListeningSignoff' })).when(score(IDS.orgA)).thenThrows(ERROR_CODES.signoffInProgress, { kind: 'conflict' });
  });
});

describe('OpenListeningSignoff', () => {
  it('opens a consensus round with a CONFIRM_LISTENING task per organization', () => {
    const s = listened();
    const first = s.state.version + 2;
    const { state } = given(s)
      .when({ type: 'OpenListeningSignoff' })
      .then([
        { type: 'SignoffOpened', data: { subject: 'LISTENING', rule: 'consensus', eligible: [IDS.orgA, IDS.orgB, IDS.orgC] } },
        ...[IDS.orgA, IDS.orgB, IDS.orgC].map((organizationId, index) => ({
          type: 'TaskOpened' as const,
          data: { task: taskAt({ id: `p-1.${first + index}`, kind: 'CONFIRM_LISTENING', title: CONFIRM_TITLE, assignee: org(organizationId) }) },
        })),
      ]);
    expect(state.signoff).toEqual({ subject: 'LISTENING', rule: 'consensus', eligible: [IDS.orgA, IDS.orgB, IDS.orgC], approvals: {}, refusals: {} });
  });

  it('lists every missing piece → 422 LISTENING.INCOMPLETE', () => {
    given(inListening().do(score(IDS.orgB), { actor: partnerB }))
      .when({ type: 'OpenListeningSignoff' })
      .thenThrows(ERROR_CODES.listeningIncomplete, {
        kind: 'rule',
        fields: {
          stakeholders: 'add at least one stakeholder',
          listeningSessions: 'record at least one listening session',
          alignment: 'still to score the goals: org-a, org-c',
        },
      });
  });

  it('refuses a second round while one runs', () => {
    given(listened().do({ type: 'OpenListeningSignoff' })).when({ type: 'OpenListeningSignoff' }).thenThrows(ERROR_CODES.signoffInProgress, { kind: 'conflict' });
  });

  it('is the coordinator’s', () => {
    given(listened()).when({ type: 'OpenListeningSignoff' }, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});

describe('the CONFIRM_LISTENING round (consensus)', () => {
  const opened = () => listened().do({ type: 'OpenListeningSignoff' });

  it('records each confirmation and waits for every organization', () => {
    const s = opened();
    const taskId = s.task('CONFIRM_LISTENING', IDS.orgA).id;
    const { state } = given(s)
      .when(completeTask(taskId), { actor: partnerA })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'SignoffGiven', data: { subject: 'LISTENING', organizationId: IDS.orgA, userId: IDS.partnerA } },
      ]);
    expect(state.signoff?.approvals).toEqual({ [IDS.orgA]: { userId: IDS.partnerA, at: NOW.toISOString() } });
  });

  it('the last confirmation completes the round and advances to ROLE_IDENTIFICATION', () => {
    const s = opened().complete('CONFIRM_LISTENING', IDS.orgA).complete('CONFIRM_LISTENING', IDS.orgB);
    const taskId = s.task('CONFIRM_LISTENING', IDS.orgC).id;
    const { state } = given(s)
      .when(completeTask(taskId), { actor: partnerC })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'SignoffGiven', data: { subject: 'LISTENING', organizationId: IDS.orgC, userId: IDS.partnerC } },
        { type: 'SignoffCompleted', data: { subject: 'LISTENING', outcome: 'approved' } },
        { type: 'StageAdvanced', data: { from: 'LISTENING', to: 'ROLE_IDENTIFICATION' } },
      ]);
    expect(state).toMatchObject({ stage: 'ROLE_IDENTIFICATION', signoff: null, openTasks: [] });
  });

  it('one refusal stops the round, cancels the other tasks and stays in LISTENING', () => {
    const s = opened().complete('CONFIRM_LISTENING', IDS.orgA);
    const taskId = s.task('CONFIRM_LISTENING', IDS.orgB).id;
    const orgC = s.task('CONFIRM_LISTENING', IDS.orgC).id;
    const { state } = given(s)
      .when(completeTask(taskId, 'reject', { comment: 'Our concerns are missing' }), { actor: partnerB })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'reject', comment: 'Our concerns are missing' } },
        { type: 'SignoffRefused', data: { subject: 'LISTENING', organizationId: IDS.orgB, userId: IDS.partnerB, reason: 'Our concerns are missing' } },
        { type: 'TaskCancelled', data: { taskId: orgC, reason: 'the listening sign-off is decided' } },
        { type: 'SignoffCompleted', data: { subject: 'LISTENING', outcome: 'rejected' } },
      ]);
    expect(state).toMatchObject({ stage: 'LISTENING', signoff: null, openTasks: [] });
    // the coordinator can rework the listening and open a new round
    given(s.fork().complete('CONFIRM_LISTENING', IDS.orgB, 'reject', { comment: 'x' }))
      .when(score(IDS.orgB), { actor: coordinator })
      .then([{ type: 'AlignmentScored', data: { organizationId: IDS.orgB, scores: ALIGNED } }]);
  });

  it('a partner answers only for its own organization → 403 TASK.NOT_ASSIGNEE', () => {
    const s = opened();
    given(s).when(completeTask(s.task('CONFIRM_LISTENING', IDS.orgB).id), { actor: partnerA }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
    given(s).when(completeTask(s.task('CONFIRM_LISTENING', IDS.orgA).id), { actor: coordinator }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
  });
});
