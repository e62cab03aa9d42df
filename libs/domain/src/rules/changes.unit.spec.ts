import { describe, expect, it } from 'vitest';
import { flaggedGoalRanks } from '../alignment.js';
import type { PartnershipCommand } from '../commands.js';
import { ERROR_CODES } from '../decide.js';
import type { Actor, ManagementModel } from '../model.js';
import {
  ALIGNED,
  completeTask,
  given,
  IDS,
  inListening,
  inMeasurement,
  listened,
  NAME,
  partnerA,
  partnerB,
  partnerC,
  sessionInput,
  stakeholderInput,
  ROLES,
  type Story,
} from '../spec-helpers.js';

const REASON = 'Goal 2 sits outside Northwind’s mission';
const propose = { type: 'ProposeRenegotiation', reason: REASON } as const;

/** LISTENING where organization B scores goal 2 at 0: the matrix flags it. */
function flagged(): Story {
  const s = inListening()
    .do({ type: 'AddStakeholder', stakeholder: stakeholderInput })
    .do({ type: 'RecordListeningSession', session: sessionInput });
  for (const organizationId of s.state.organizationIds) s.do({ type: 'ScoreAlignment', organizationId, scores: organizationId === IDS.orgB ? { '1': 3, '2': 0 } : ALIGNED });
  return s;
}

/** ROLE_IDENTIFICATION, with goal 2 still flagged and the model chosen. */
function flaggedInRoles(model: ManagementModel): Story {
  const s = flagged().do({ type: 'OpenListeningSignoff' });
  for (const organizationId of s.state.organizationIds) s.complete('CONFIRM_LISTENING', organizationId);
  return s.do({ type: 'DefineRoles', roles: ROLES }).do({ type: 'ChooseManagementModel', model });
}

const agree = (s: Story, organizationId: string) => completeTask(s.task('DECIDE_CHANGE', organizationId).id);

/** The command's events and the state after them. */
function run(s: Story, command: PartnershipCommand, actor?: Actor) {
  const after = s.fork().do(command, actor ? { actor } : {});
  return { events: after.events.slice(s.events.length), state: after.state };
}

describe('the alignment matrix flags', () => {
  it('a goal an organization scores 0, or whose scores average below 1.5', () => {
    expect(flaggedGoalRanks({ goals: [{ rank: 1 }, { rank: 2 }], organizationIds: ['a', 'b'], alignment: { a: { '1': 3, '2': 2 }, b: { '1': 3, '2': 0 } } })).toEqual([2]);
    expect(flaggedGoalRanks({ goals: [{ rank: 1 }, { rank: 2 }], organizationIds: ['a', 'b'], alignment: { a: { '1': 1, '2': 2 }, b: { '1': 1, '2': 2 } } })).toEqual([1]);
    expect(flaggedGoalRanks({ goals: [{ rank: 1 }], organizationIds: ['a', 'b'], alignment: {} })).toEqual([]);
  });
});

describe('ProposeRenegotiation', () => {
  it('opens a round of every partner organization with the reason and the flagged goals', () => {
    const s = flagged();
    const { state, events } = run(s, propose);
    expect(events[0]).toMatchObject({
      type: 'SignoffOpened',
      data: { subject: 'CHANGE', rule: 'consensus', eligible: [IDS.orgA, IDS.orgB, IDS.orgC], proposal: { change: { kind: 'renegotiate_goals', goalRanks: [2] }, reason: REASON } },
    });
    expect(state.signoff?.proposal).toMatchObject({ reason: REASON, change: { kind: 'renegotiate_goals', goalRanks: [2] }, proposedBy: IDS.coordinator });
    expect(state.openTasks.filter((task) => task.kind === 'DECIDE_CHANGE').map((task) => task.title)).toEqual(Array(3).fill(`Agree to renegotiate the goals: ${NAME}`));
  });

  it('once every organization agrees, goes back to PRIORITY_SETTING to redraft the goals', () => {
    const s = flagged().do(propose).complete('DECIDE_CHANGE', IDS.orgA).complete('DECIDE_CHANGE', IDS.orgB);
    const { state, events } = run(s, agree(s, IDS.orgC), partnerC);
    expect(events.map((event) => event.type)).toEqual(['TaskCompleted', 'SignoffGiven', 'SignoffCompleted', 'StageAdvanced']);
    expect(events.at(-1)?.data).toEqual({ from: 'LISTENING', to: 'PRIORITY_SETTING', reason: 'the partners agreed to renegotiate the goals' });
    expect(state).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING', signoff: null });
  });

  it('a refusal under consensus keeps the goals: the round closes and the stage stays', () => {
    const s = flagged().do(propose);
    const { state, events } = run(s, completeTask(s.task('DECIDE_CHANGE', IDS.orgA).id, 'reject', { comment: 'Fix goal 2 in listening instead' }), partnerA);
    expect(events.map((event) => event.type)).toEqual(['TaskCompleted', 'SignoffRefused', 'TaskCancelled', 'TaskCancelled', 'SignoffCompleted']);
    expect(state).toMatchObject({ stage: 'LISTENING', signoff: null });
    expect(state.openTasks.filter((task) => task.kind === 'DECIDE_CHANGE')).toEqual([]);
  });

  it('from ROLE_IDENTIFICATION of an integrated partnership: agreement first, then the vote the coordinator calls', () => {
    const s = flaggedInRoles('integrated').do(propose);
    expect(s.state.signoff).toMatchObject({ subject: 'CHANGE', rule: 'agreement_or_vote' });
    s.complete('DECIDE_CHANGE', IDS.orgA).complete('DECIDE_CHANGE', IDS.orgB);
    expect(s.state.stage).toBe('ROLE_IDENTIFICATION');
    const { state, events } = run(s, { type: 'CallVote' });
    expect(events.find((event) => event.type === 'SignoffCompleted')?.data).toEqual({ subject: 'CHANGE', outcome: 'approved', decidedBy: 'vote' });
    expect(state).toMatchObject({ stage: 'PRIORITY_SETTING' });
  });

  it('from ROLE_IDENTIFICATION of a collaborative partnership, the organizations holding a role decide', () => {
    const s = flaggedInRoles('collaborative').do(propose);
    expect(s.state.signoff).toMatchObject({ subject: 'CHANGE', rule: 'agreement', eligible: [IDS.orgA, IDS.orgB] });
    const { state } = run(s.complete('DECIDE_CHANGE', IDS.orgA), agree(s, IDS.orgB), partnerB);
    expect(state.stage).toBe('PRIORITY_SETTING');
  });

  it('needs a flagged goal, a reason, the coordinator, LISTENING or ROLE_IDENTIFICATION, and no round open', () => {
    given(listened()).when(propose).thenThrows(ERROR_CODES.goalsNotFlagged, { kind: 'rule', fieldKeys: ['goals'] });
    given(flagged()).when({ type: 'ProposeRenegotiation', reason: '  ' }).thenThrows(ERROR_CODES.goalsNotFlagged, { kind: 'rule', fieldKeys: ['reason'] });
    given(flagged()).when(propose, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
    given(inMeasurement()).when(propose).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
    given(flagged().do(propose)).when(propose).thenThrows(ERROR_CODES.signoffInProgress, { kind: 'conflict' });
  });
});
