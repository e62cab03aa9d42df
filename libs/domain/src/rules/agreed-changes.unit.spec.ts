/**
 * Issue 11: in MEASUREMENT a KPI or role change is a draft of the next agreement version. What is
 * measured stays the adopted version's until the partners sign a version that carries the change.
 */
import { describe, expect, it } from 'vitest';
import { agreedChanges, draftChanges, signingChanges } from '../agreed-changes.js';
import { agreementHistory } from '../agreement-history.js';
import { ERROR_CODES } from '../decide.js';
import type { Kpi, RoleAssignment } from '../model.js';
import { DEFAULT_POLICY } from '../policy.js';
import { buildContext } from '../task-context.js';
import { given, IDS, inMeasurement, KPI_A, KPI_B, NOW, ROLES, system, type Story, type StepMeta } from '../spec-helpers.js';
import { measuredKpis } from './measurement.js';

const NO_PULSE = { policy: { ...DEFAULT_POLICY, healthPulse: 'P1Y' } };
/** A new KPI owned by orgC, which owns none in the adopted version: it gets a report task only once it is in force. */
const FOLLOW_UP: Omit<Kpi, 'id' | 'definedAt'> = { ...KPI_A, name: 'Follow-up calls', ownerOrganizationId: IDS.orgC, baseline: 10, target: 50, direction: 'increase', goalRank: null };
/** orgC takes goal 2's consulted role. */
const NEW_ROLES: RoleAssignment[] = [...ROLES, { organizationId: IDS.orgC, goalRank: 2, responsibility: 'consulted' }];

const names = (kpis: Kpi[]) => kpis.map((kpi) => kpi.name);
const reportOwners = (s: Story) => s.state.openTasks.filter((task) => task.kind === 'REPORT_MEASUREMENT').map((task) => (task.assignee.kind === 'organization' ? task.assignee.organizationId : null));
/** The next review timer fires: the cycle opens one report task per owner of a KPI measured. */
const nextCycle = (s: Story) => s.do({ type: 'FireDueTimers' }, { now: new Date(s.state.nextReviewAt!), actor: system });
const signAll = (s: Story, meta: StepMeta = {}) => {
  for (const organizationId of s.state.signoff?.eligible ?? []) if (s.state.signoff) s.complete('SIGN_AGREEMENT', organizationId, 'approve', {}, meta);
  return s;
};
const drafted = () => inMeasurement('cooperative', NO_PULSE).do({ type: 'DefineKpi', kpi: FOLLOW_UP }).do({ type: 'DefineRoles', roles: NEW_ROLES });

describe('a KPI or role change in MEASUREMENT is a draft of the next agreement version', () => {
  it('DefineRoles in MEASUREMENT drafts the roles (RolesDrafted since version 1): the roles in force do not change', () => {
    const { state } = given(inMeasurement()).when({ type: 'DefineRoles', roles: NEW_ROLES }).then([{ type: 'RolesDrafted', data: { roles: NEW_ROLES, sinceVersion: 1 } }]);
    expect(state.roles).toEqual(ROLES);
    expect(state.draft).toMatchObject({ sinceVersion: 1, roles: NEW_ROLES, changedAt: NOW.toISOString() });
    expect(names(state.draft!.kpis)).toEqual(['Readmission rate', 'Screening rate']);
  });

  it('still checks the roles it drafts → 422 ROLES.INVALID', () => {
    given(inMeasurement())
      .when({ type: 'DefineRoles', roles: [{ organizationId: IDS.orgD, goalRank: 9, responsibility: 'consulted' }] })
      .thenThrows(ERROR_CODES.invalidRoles, { kind: 'rule', fieldKeys: ['roles.0.organizationId', 'roles.0.goalRank'] });
  });

  it('a drafted KPI is not measured: the next cycle asks only for the adopted version’s KPIs', () => {
    const s = drafted();
    expect(names(measuredKpis(s.state))).toEqual(['Readmission rate', 'Screening rate']);
    expect(names(s.state.draft!.kpis)).toEqual(['Readmission rate', 'Screening rate', 'Follow-up calls']);
    nextCycle(s);
    expect(reportOwners(s)).toEqual([IDS.orgA, IDS.orgB]);
    // orgA reports its adopted KPI only; the drafted one is not asked for.
    const readmissions = s.state.kpis.find((kpi) => kpi.name === 'Readmission rate')!.id;
    s.complete('REPORT_MEASUREMENT', IDS.orgA, 'approve', { data: { values: { [readmissions]: 15 } } });
    expect(s.state.measurements.map((measurement) => measurement.kpiId)).toEqual([readmissions]);
  });

  it('changing a drafted KPI again changes the draft only; an id must be one the next version carries', () => {
    const s = drafted();
    const id = s.state.draft!.kpis.find((kpi) => kpi.name === 'Follow-up calls')!.id;
    const { state } = given(s).when({ type: 'DefineKpi', kpi: { ...FOLLOW_UP, id, target: 60 } }).then([{ type: 'KpiDrafted', data: { kpi: { ...FOLLOW_UP, id, target: 60, definedAt: NOW.toISOString() }, sinceVersion: 1 } }]);
    expect(state.draft!.kpis.find((kpi) => kpi.id === id)?.target).toBe(60);
    expect(state.kpis.some((kpi) => kpi.id === id)).toBe(false);
    given(inMeasurement()).when({ type: 'DefineKpi', kpi: { ...FOLLOW_UP, id } }).thenThrows(ERROR_CODES.invalidKpi, { kind: 'rule', fieldKeys: ['kpi.id'] });
  });

  it('the draft reads as changes since version 1: a KPI added, a role added', () => {
    const changes = draftChanges(drafted().state)!;
    expect(changes.sinceVersion).toBe(1);
    expect(names(changes.kpis.added)).toEqual(['Follow-up calls']);
    expect(changes.kpis.changed).toEqual([]);
    expect(changes.roles).toEqual({ added: [{ organizationId: IDS.orgC, goalRank: 2, responsibility: 'consulted' }], removed: [] });
  });

  it('a changed KPI reads as before and after (when it was defined is no part of the change)', () => {
    const before: Kpi = { ...KPI_B, id: 'kpi-b', definedAt: '2030-01-01T00:00:00.000Z' };
    const after: Kpi = { ...before, target: 80, definedAt: NOW.toISOString() };
    expect(agreedChanges({ roles: [], kpis: [before] }, { roles: [], kpis: [{ ...before, definedAt: NOW.toISOString() }] }, 1).kpis.changed).toEqual([]);
    expect(agreedChanges({ roles: [], kpis: [before] }, { roles: [], kpis: [after] }, 1).kpis.changed).toEqual([{ before, after }]);
  });

  it('IssueAgreement carries the draft as version 2 (draftSince 1); the partners are asked to sign its changes; nothing changes while it is signed', () => {
    const s = drafted();
    const [issued] = given(s).when({ type: 'IssueAgreement' }).events();
    expect(issued).toMatchObject({ type: 'AgreementIssued', data: { version: 2, draftSince: 1 } });
    if (issued?.type !== 'AgreementIssued') throw new Error('expected AgreementIssued');
    expect(names(issued.data.content.kpis)).toEqual(['Readmission rate', 'Screening rate', 'Follow-up calls']);
    expect(issued.data.content.roles).toEqual(NEW_ROLES);
    s.do({ type: 'IssueAgreement' });
    // orgC gains a role, so under the agreement rule it would sign too; consensus asks every partner anyway.
    expect(s.state.signoff?.eligible).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
    expect(names(measuredKpis(s.state))).toEqual(['Readmission rate', 'Screening rate']);
    const task = s.task('SIGN_AGREEMENT', IDS.orgC);
    const context = buildContext('agreement', s.state, task, NOW);
    expect(context).toMatchObject({ kind: 'agreement', changes: { sinceVersion: 1 } });
    expect(names(context.changes!.kpis.added)).toEqual(['Follow-up calls']);
    expect(signingChanges(s.state)?.roles.added).toEqual([{ organizationId: IDS.orgC, goalRank: 2, responsibility: 'consulted' }]);
    const history = agreementHistory(s.events);
    expect(history.map((version) => [version.version, version.changes === null])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(names(history[1]!.changes!.kpis.added)).toEqual(['Follow-up calls']);
  });

  it('the adopted version brings the change into force: the next cycle measures the new KPI', () => {
    const s = signAll(drafted().do({ type: 'IssueAgreement' }));
    expect(s.state).toMatchObject({ agreedVersion: 2, draft: null, roles: NEW_ROLES, agreement: { version: 2, adopted: true } });
    expect(names(measuredKpis(s.state))).toEqual(['Readmission rate', 'Screening rate', 'Follow-up calls']);
    nextCycle(s);
    expect(reportOwners(s)).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
    const followUp = s.state.kpis.find((kpi) => kpi.name === 'Follow-up calls')!.id;
    s.complete('REPORT_MEASUREMENT', IDS.orgC, 'approve', { data: { values: { [followUp]: 20 } } });
    expect(s.state.measurements).toMatchObject([{ kpiId: followUp, value: 20 }]);
  });

  it('a refused version leaves the draft a draft: still not measured, changed again and issued again', () => {
    const s = drafted().do({ type: 'IssueAgreement' }).complete('SIGN_AGREEMENT', IDS.orgA).complete('SIGN_AGREEMENT', IDS.orgB, 'reject', { comment: 'Not this KPI' });
    expect(s.state.signoff).toBeNull();
    expect(s.state).toMatchObject({ agreedVersion: 1, agreement: { version: 2, adopted: false }, roles: ROLES });
    expect(names(s.state.draft!.kpis)).toEqual(['Readmission rate', 'Screening rate', 'Follow-up calls']);
    expect(names(measuredKpis(s.state))).toEqual(['Readmission rate', 'Screening rate']);
    // The coordinator changes the draft, and issues version 3, still against version 1 in force.
    const id = s.state.draft!.kpis.find((kpi) => kpi.name === 'Follow-up calls')!.id;
    given(s).when({ type: 'DefineKpi', kpi: { ...FOLLOW_UP, id, target: 40 } }).then([{ type: 'KpiDrafted', data: { kpi: { ...FOLLOW_UP, id, target: 40, definedAt: NOW.toISOString() }, sinceVersion: 1 } }]);
    s.do({ type: 'DefineKpi', kpi: { ...FOLLOW_UP, id, target: 40 } }).do({ type: 'IssueAgreement' });
    expect(s.events.findLast((event) => event.type === 'AgreementIssued')).toMatchObject({ data: { version: 3, draftSince: 1 } });
    signAll(s);
    expect(s.state.kpis.find((kpi) => kpi.id === id)?.target).toBe(40);
    expect(agreementHistory(s.events).map((version) => version.status)).toEqual(['superseded', 'refused', 'adopted']);
  });

  it('a draft carried out of MEASUREMENT by a revisit becomes the working copy the next version is assembled from', () => {
    const s = nextCycle(drafted());
    const id = (name: string) => s.state.kpis.find((kpi) => kpi.name === name)!.id;
    s.complete('REPORT_MEASUREMENT', IDS.orgA, 'approve', { data: { values: { [id('Readmission rate')]: 15 } } });
    s.complete('REPORT_MEASUREMENT', IDS.orgB, 'approve', { data: { values: { [id('Screening rate')]: 45 } } });
    for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('HEALTH_CHECK', organizationId, 'approve', { data: { strategy: 4, operations: 3, relationship: 5, governance: 2 } });
    // A run from before joint decisions revisits at once (no CHANGE round to agree).
    s.complete('REVIEW', null, 'approve', { data: { outcome: 'revisit_roles', reason: 'Roles again' } }, { jointDecisions: false });
    expect(s.state).toMatchObject({ stage: 'ROLE_IDENTIFICATION', draft: null, roles: NEW_ROLES });
    expect(names(s.state.kpis)).toEqual(['Readmission rate', 'Screening rate', 'Follow-up calls']);
    given(s).when({ type: 'DefineRoles', roles: ROLES }).then([{ type: 'RolesDefined', data: { roles: ROLES } }]);
  });

  it('runs from before agreed changes apply a KPI at once: the next cycle measures it without a new version', () => {
    const legacy = { agreedChanges: false };
    const s = inMeasurement('cooperative', NO_PULSE).do({ type: 'DefineKpi', kpi: FOLLOW_UP }, legacy);
    expect(s.state.draft).toBeNull();
    expect(names(measuredKpis(s.state))).toEqual(['Readmission rate', 'Screening rate', 'Follow-up calls']);
    s.do({ type: 'FireDueTimers' }, { now: new Date(s.state.nextReviewAt!), actor: system, ...legacy });
    expect(reportOwners(s)).toEqual([IDS.orgA, IDS.orgB, IDS.orgC]);
    // And issuing a version there carries no draft.
    const [issued] = given(inMeasurement().do({ type: 'DefineKpi', kpi: FOLLOW_UP }, legacy)).when({ type: 'IssueAgreement' }, legacy).events();
    expect(issued?.type === 'AgreementIssued' && issued.data.draftSince).toBeUndefined();
  });
});

describe('a draft is signed into force, never carried in by another route', () => {
  it('a termination refused by the sponsor returns to MEASUREMENT with the draft still a draft and the adopted KPIs measured', () => {
    const s = drafted().do({ type: 'ProposeTermination', option: 'exit', reason: 'Goals met' });
    expect(s.state.stage).toBe('TERMINATION');
    s.complete('APPROVE_TERMINATION', null, 'reject', { comment: 'Not yet' });
    expect(s.state.stage).toBe('MEASUREMENT');
    expect(names(measuredKpis(s.state))).toEqual(['Readmission rate', 'Screening rate']);
    expect(s.state.draft).toMatchObject({ sinceVersion: 1, roles: NEW_ROLES });
    expect(s.state.roles).toEqual(ROLES);
  });

  it('a restructure back to ROLE_IDENTIFICATION makes the draft the working copy the next version is assembled from', () => {
    const s = drafted().do({ type: 'ProposeTermination', option: 'restructure', reason: 'New roles' });
    s.complete('APPROVE_TERMINATION', null);
    for (const organizationId of s.state.signoff?.eligible ?? []) s.complete('SIGN_TERMINATION', organizationId);
    expect(s.state.stage).toBe('ROLE_IDENTIFICATION');
    expect(s.state.draft).toBeNull();
    expect(s.state.roles).toEqual(NEW_ROLES);
    expect(names(s.state.kpis)).toContain('Follow-up calls');
  });

  it('a version adopted in MEASUREMENT schedules its KPIs reported between reviews at once, not only from the next cycle', () => {
    const s = inMeasurement('cooperative', NO_PULSE).do({ type: 'DefineKpi', kpi: { ...FOLLOW_UP, cadence: 'P1M' } }).do({ type: 'IssueAgreement' });
    expect(s.state.nextKpiReportAt ?? {}).toEqual({});
    signAll(s);
    const id = s.state.kpis.find((kpi) => kpi.name === 'Follow-up calls')!.id;
    expect(Object.keys(s.state.nextKpiReportAt ?? {})).toEqual([id]);
  });

  it('under the agreement rule, an organization with a drafted role only signs the new version, not another round', () => {
    const s = inMeasurement('collaborative', NO_PULSE).do({ type: 'DefineRoles', roles: NEW_ROLES });
    s.do({ type: 'ProposeTermination', option: 'exit', reason: 'Goals met' }).complete('APPROVE_TERMINATION', null);
    expect(s.state.signoff).toMatchObject({ subject: 'TERMINATION', eligible: [IDS.orgA, IDS.orgB] });
    const issued = inMeasurement('collaborative', NO_PULSE).do({ type: 'DefineRoles', roles: NEW_ROLES }).do({ type: 'IssueAgreement' });
    expect(issued.state.signoff).toMatchObject({ subject: 'AGREEMENT', eligible: [IDS.orgA, IDS.orgB, IDS.orgC] });
  });
});
