/**
 * Sign-off rounds meeting membership changes, and the loose ends a review found: a leaver's roles
 * passing to an organization outside the round, an empty round, joining mid-round, an agreement
 * without approved priorities, stale alignment after new goals, and tasks left open by renew.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from './signoff.js';
import { decide } from '../decide.js';
import { ALIGNED, GOALS, IDS, NOW, coordinator, given, goal, inMeasurement, prioritiesDrafted, signing } from '../spec-helpers.js';

describe('an organization leaving mid-round', () => {
  it('waits, once the partners decide membership, until the round in progress is decided', () => {
    given(signing('collaborative')).when({ type: 'RemoveOrganization', organizationId: IDS.orgA, reassignTo: IDS.orgC }).thenThrows('SIGNOFF.IN_PROGRESS', { kind: 'conflict' });
  });

  it("in a run from before joint decisions, brings the organization taking over its roles into an agreement round", () => {
    const s = signing('collaborative');
    expect(s.state.signoff?.eligible).toEqual([IDS.orgA, IDS.orgB]);
    const events = given(s).when({ type: 'RemoveOrganization', organizationId: IDS.orgA, reassignTo: IDS.orgC }, { jointDecisions: false }).events();
    expect(events.map((event) => event.type)).toEqual(['TaskCancelled', 'OrganizationLeft', 'SignoffExtended', 'TaskOpened']);
    const opened = events[3]!;
    expect(opened.type === 'TaskOpened' && opened.data.task).toMatchObject({ kind: 'SIGN_AGREEMENT', assignee: { kind: 'organization', organizationId: IDS.orgC } });
    s.do({ type: 'RemoveOrganization', organizationId: IDS.orgA, reassignTo: IDS.orgC }, { jointDecisions: false });
    expect(s.state.signoff?.eligible).toEqual([IDS.orgB, IDS.orgC]);
    s.complete('SIGN_AGREEMENT', IDS.orgB);
    expect(s.state.stage).toBe('ROLE_IDENTIFICATION');
    s.complete('SIGN_AGREEMENT', IDS.orgC);
    expect(s.state.stage).toBe('MEASUREMENT');
  });

  it('never passes a round with nobody left to sign', () => {
    expect(outcomeOf({ subject: 'AGREEMENT', rule: 'agreement', eligible: [], approvals: {}, refusals: {} })).toBe('pending');
    expect(outcomeOf({ subject: 'AGREEMENT', rule: 'majority', eligible: [], approvals: {}, refusals: {} })).toBe('pending');
  });
});

describe('joining', () => {
  it('waits until a sign-off in progress is decided', () => {
    given(signing()).when({ type: 'AddOrganization', organizationId: IDS.orgD }).thenThrows('SIGNOFF.IN_PROGRESS', { kind: 'conflict' });
  });
});

describe('the agreement', () => {
  it('needs priorities the sponsor approved (a restructure from PRIORITY_SETTING skips them)', () => {
    const s = prioritiesDrafted().do({ type: 'ProposeTermination', option: 'restructure', reason: 'Start from roles' }).complete('APPROVE_TERMINATION', null);
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_TERMINATION', organizationId);
    expect(s.state).toMatchObject({ stage: 'ROLE_IDENTIFICATION', prioritiesStatus: 'DRAFTING' });
    s.do({ type: 'DefineRoles', roles: [{ organizationId: IDS.orgA, goalRank: 1, responsibility: 'accountable' }, { organizationId: IDS.orgB, goalRank: 2, responsibility: 'accountable' }] })
      .do({ type: 'ChooseManagementModel', model: 'cooperative' })
      .do({ type: 'SetGovernance', governance: { pointsOfContact: {}, decisionRule: 'Consensus', escalationPath: 'Sponsor' } })
      .do({ type: 'SetConflictProcess', process: 'Mediation' })
      .do({ type: 'SetTerminationTerms', options: ['exit'], noticePeriod: 'P1M' })
      .do({ type: 'DefineKpi', kpi: { name: 'Readmissions', ownerOrganizationId: IDS.orgA, unit: 'per 1,000', baseline: 40, target: 30, direction: 'decrease', cadence: 'P1M', goalRank: 1 } });
    given(s).when({ type: 'IssueAgreement' }).thenThrows('AGREEMENT.INCOMPLETE', { fieldKeys: ['goals'] });
  });
});

describe('listening after the goals changed', () => {
  it('asks every organization to score every current goal before the sign-off opens', () => {
    const s = prioritiesDrafted().do({ type: 'SubmitPriorities' }).complete('APPROVE_PRIORITIES', null);
    s.do({ type: 'AddStakeholder', stakeholder: { name: 'Forum', organizationId: null, interest: 3, influence: 3 } });
    s.do({ type: 'RecordListeningSession', session: { heldOn: '2030-01-10', participants: ['Forum'], heard: 'Late letters', concerns: [] } });
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.do({ type: 'ScoreAlignment', organizationId, scores: ALIGNED });
    expect(decide(s.state, { type: 'OpenListeningSignoff' }, { now: NOW, actor: coordinator }).map((event) => event.type)[0]).toBe('SignoffOpened');
    // As after revisiting the priorities: a third goal nobody has scored yet.
    const withNewGoal = { ...s.state, goals: [...GOALS, goal({ rank: 3, title: 'Shorter waits' })] };
    expect(() => decide(withNewGoal, { type: 'OpenListeningSignoff' }, { now: NOW, actor: coordinator })).toThrow(
      expect.objectContaining({ code: 'LISTENING.INCOMPLETE', fields: { alignment: `still to score the goals: ${IDS.orgA}, ${IDS.orgB}, ${IDS.orgC}` } }),
    );
  });
});

describe('a change proposed while a termination waits for the sponsor', () => {
  it('gives way to the termination’s sign-off: its tasks are cancelled and it is recorded as not agreed', () => {
    const s = inMeasurement().do({ type: 'ProposeTermination', option: 'exit', reason: 'Goals met' }).do({ type: 'AddOrganization', organizationId: IDS.orgD });
    expect(s.state.signoff?.subject).toBe('CHANGE');
    s.complete('APPROVE_TERMINATION', null);
    expect(s.state.signoff?.subject).toBe('TERMINATION');
    expect(s.state.openTasks.filter((task) => task.kind === 'DECIDE_CHANGE')).toEqual([]);
    expect(s.events.filter((event) => event.type === 'SignoffCompleted').at(-1)?.data).toEqual({ subject: 'CHANGE', outcome: 'rejected' });
    expect(s.state.organizationIds).not.toContain(IDS.orgD);
  });
});

describe('renewal', () => {
  it('leaves no task open (a joining signature opened during the termination is cancelled)', () => {
    const s = inMeasurement().do({ type: 'ProposeTermination', option: 'renew', reason: 'Next round' });
    s.do({ type: 'AddOrganization', organizationId: IDS.orgD }, { jointDecisions: false });
    expect(s.state.openTasks.map((task) => task.kind).sort()).toEqual(['APPROVE_TERMINATION', 'SIGN_AGREEMENT']);
    s.complete('APPROVE_TERMINATION', null);
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC, IDS.orgD]) s.complete('SIGN_TERMINATION', organizationId);
    expect(s.state).toMatchObject({ stage: 'PRIORITY_SETTING', generation: 1, openTasks: [] });
    expect(s.events.at(-2)).toMatchObject({ type: 'TaskCancelled', data: { reason: 'the partnership was renewed' } });
  });
});
