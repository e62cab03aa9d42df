import { describe, expect, it } from 'vitest';
import type { PartnershipCommand } from '../commands.js';
import { ERROR_CODES } from '../decide.js';
import type { AgreementContent, Kpi } from '../model.js';
import {
  CONFLICT_PROCESS,
  EARLIER,
  GOALS,
  given,
  GOVERNANCE,
  IDS,
  inMeasurement,
  inRoles,
  KPI_A,
  KPI_B,
  listened,
  NAME,
  NOW,
  agreedAssignee,
  partnerA,
  RESOURCES,
  ROLES,
  rolesReady,
  SCOPE,
  signing,
  sponsor,
  taskAt,
} from '../spec-helpers.js';

const SIGN_TITLE = `Sign the partnering agreement: ${NAME}`;
const kpiCommand = (kpi: Partial<Omit<Kpi, 'definedAt'>> = {}): PartnershipCommand => ({ type: 'DefineKpi', kpi: { ...KPI_A, ...kpi } });

describe('the ROLE_IDENTIFICATION commands share their guards', () => {
  const commands: PartnershipCommand[] = [
    { type: 'DefineRoles', roles: ROLES },
    { type: 'CommitResources', resources: RESOURCES },
    { type: 'ChooseManagementModel', model: 'collaborative' },
    { type: 'SetGovernance', governance: GOVERNANCE },
    { type: 'SetConflictProcess', process: CONFLICT_PROCESS },
    { type: 'SetTerminationTerms', options: ['exit'], noticePeriod: 'P3M' },
    kpiCommand(),
    { type: 'IssueAgreement' },
  ];

  it.each(commands.map((command) => [command.type, command] as const))('%s is the coordinator’s', (_type, command) => {
    given(rolesReady()).when(command, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });

  it.each(commands.map((command) => [command.type, command] as const))('%s is refused in LISTENING → 409 PARTNERSHIP.WRONG_STAGE', (_type, command) => {
    given(listened()).when(command).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });

  it.each(commands.map((command) => [command.type, command] as const))('%s is refused while the agreement is being signed → 409 SIGNOFF.IN_PROGRESS', (_type, command) => {
    given(signing()).when(command).thenThrows(ERROR_CODES.signoffInProgress, { kind: 'conflict' });
  });

  it.each(commands.slice(1, 6).map((command) => [command.type, command] as const))('%s is refused in MEASUREMENT (roles are revisited through a review)', (_type, command) => {
    given(inMeasurement()).when(command).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });

  it('DefineRoles is refused in MEASUREMENT in runs from before agreed changes (roles were revisited through a review only)', () => {
    given(inMeasurement()).when({ type: 'DefineRoles', roles: ROLES }, { agreedChanges: false }).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });
});

describe('DefineRoles', () => {
  it('records the roles', () => {
    const { state } = given(inRoles()).when({ type: 'DefineRoles', roles: ROLES }).then([{ type: 'RolesDefined', data: { roles: ROLES } }]);
    expect(state.roles).toEqual(ROLES);
  });

  it('rejects a non-member, an unknown goal and two responsibilities for one organization and goal → 422 ROLES.INVALID', () => {
    given(inRoles())
      .when({
        type: 'DefineRoles',
        roles: [
          { organizationId: IDS.orgD, goalRank: 1, responsibility: 'accountable' },
          { organizationId: IDS.orgA, goalRank: 3, responsibility: 'informed' },
          { organizationId: IDS.orgB, goalRank: 2, responsibility: 'accountable' },
          { organizationId: IDS.orgB, goalRank: 2, responsibility: 'consulted' },
        ],
      })
      .thenThrows(ERROR_CODES.invalidRoles, {
        kind: 'rule',
        fields: {
          'roles.0.organizationId': 'roles.0.organizationId: org-d is not a member of this partnership',
          'roles.1.goalRank': 'no goal has this rank',
          roles: 'give each organization one responsibility per goal',
        },
      });
  });
});

describe('CommitResources', () => {
  it('records the resources', () => {
    given(inRoles()).when({ type: 'CommitResources', resources: RESOURCES }).then([{ type: 'ResourcesCommitted', data: { resources: RESOURCES } }]);
  });

  it('accepts a resource without an amount', () => {
    const resources = [{ organizationId: IDS.orgB, description: 'Meeting rooms', amount: null, unit: null }];
    given(inRoles()).when({ type: 'CommitResources', resources }).then([{ type: 'ResourcesCommitted', data: { resources } }]);
  });

  it('rejects a non-member, a blank description and a negative amount → 422 ROLES.INVALID_RESOURCES', () => {
    given(inRoles())
      .when({ type: 'CommitResources', resources: [{ organizationId: IDS.orgD, description: ' ', amount: -1, unit: 'EUR' }] })
      .thenThrows(ERROR_CODES.invalidResources, {
        kind: 'rule',
        fields: {
          'resources.0.organizationId': 'resources.0.organizationId: org-d is not a member of this partnership',
          'resources.0.description': 'say what is committed',
          'resources.0.amount': 'must not be negative',
        },
      });
  });
});

describe('ChooseManagementModel', () => {
  it.each(['cooperative', 'collaborative', 'integrated'] as const)('records %s', (model) => {
    const { state } = given(inRoles()).when({ type: 'ChooseManagementModel', model }).then([{ type: 'ManagementModelChosen', data: { model } }]);
    expect(state.managementModel).toBe(model);
  });
});

describe('SetGovernance', () => {
  it('records the governance', () => {
    given(inRoles()).when({ type: 'SetGovernance', governance: GOVERNANCE }).then([{ type: 'GovernanceSet', data: { governance: GOVERNANCE } }]);
  });

  it('rejects a point of contact for a non-member and blank rules → 422 ROLES.INVALID_GOVERNANCE', () => {
    given(inRoles())
      .when({ type: 'SetGovernance', governance: { pointsOfContact: { [IDS.orgD]: IDS.partnerD }, decisionRule: ' ', escalationPath: '' } })
      .thenThrows(ERROR_CODES.invalidGovernance, {
        kind: 'rule',
        fields: {
          'governance.pointsOfContact.org-d': 'governance.pointsOfContact: org-d is not a member of this partnership',
          'governance.decisionRule': 'say how decisions are made',
          'governance.escalationPath': 'say how disputes escalate',
        },
      });
  });
});

describe('SetConflictProcess', () => {
  it('records the process trimmed', () => {
    given(inRoles()).when({ type: 'SetConflictProcess', process: `  ${CONFLICT_PROCESS} ` }).then([{ type: 'ConflictProcessSet', data: { process: CONFLICT_PROCESS } }]);
  });

  it('rejects a blank process → 422 ROLES.INVALID_GOVERNANCE', () => {
    given(inRoles())
      .when({ type: 'SetConflictProcess', process: '  ' })
      .thenThrows(ERROR_CODES.invalidGovernance, { kind: 'rule', fields: { process: 'describe how conflicts are resolved' } });
  });
});

describe('SetTerminationTerms', () => {
  it('records the options and notice period', () => {
    const { state } = given(inRoles())
      .when({ type: 'SetTerminationTerms', options: ['hand_over', 'exit'], noticePeriod: 'P3M' })
      .then([{ type: 'TerminationTermsSet', data: { options: ['hand_over', 'exit'], noticePeriod: 'P3M' } }]);
    expect(state).toMatchObject({ terminationOptions: ['hand_over', 'exit'], noticePeriod: 'P3M' });
  });

  it.each<[string, PartnershipCommand, Record<string, string>]>([
    ['no option', { type: 'SetTerminationTerms', options: [], noticePeriod: 'P3M' }, { options: 'agree at least one termination option' }],
    ['an option twice', { type: 'SetTerminationTerms', options: ['exit', 'exit'], noticePeriod: 'P3M' }, { options: 'list each option once' }],
    ['a notice period that is no duration', { type: 'SetTerminationTerms', options: ['exit'], noticePeriod: 'three months' }, { noticePeriod: 'must be an ISO-8601 duration such as P3M' }],
  ])('rejects %s → 422 ROLES.INVALID_TERMINATION_TERMS', (_label, command, fields) => {
    given(inRoles()).when(command).thenThrows(ERROR_CODES.invalidTerms, { kind: 'rule', fields });
  });
});

describe('DefineKpi', () => {
  it('defines a KPI with an id from the event sequence and definedAt = now', () => {
    const s = inRoles();
    const kpi: Kpi = { ...KPI_A, id: `kpi-${s.state.version + 1}`, definedAt: NOW.toISOString() };
    const { state } = given(s).when(kpiCommand()).then([{ type: 'KpiDefined', data: { kpi } }]);
    expect(state.kpis).toEqual([kpi]);
  });

  it('redefines an existing KPI by id, in place of the old one', () => {
    const s = rolesReady();
    const [first, second] = s.state.kpis as [Kpi, Kpi];
    const kpi: Kpi = { ...KPI_A, id: first.id, target: 10, definedAt: NOW.toISOString() };
    const { state } = given(s)
      .when(kpiCommand({ id: first.id, target: 10 }))
      .then([{ type: 'KpiDefined', data: { kpi } }]);
    expect(state.kpis).toEqual([second, kpi]);
  });

  it('may be defined in MEASUREMENT as a draft of the next agreement version', () => {
    const s = inMeasurement();
    given(s)
      .when(kpiCommand({ name: 'Follow-up calls', goalRank: null }))
      .then([{ type: 'KpiDrafted', data: { kpi: { ...KPI_A, name: 'Follow-up calls', goalRank: null, id: `kpi-${s.state.version + 1}`, definedAt: NOW.toISOString() }, sinceVersion: 1 } }]);
  });

  it('was defined in MEASUREMENT at once in runs from before agreed changes', () => {
    const s = inMeasurement();
    given(s)
      .when(kpiCommand({ name: 'Follow-up calls', goalRank: null }), { agreedChanges: false })
      .then([{ type: 'KpiDefined', data: { kpi: { ...KPI_A, name: 'Follow-up calls', goalRank: null, id: `kpi-${s.state.version + 1}`, definedAt: NOW.toISOString() } } }]);
  });

  it.each<[string, Partial<Omit<Kpi, 'definedAt'>>, Record<string, string>]>([
    ['an owner outside the partnership', { ownerOrganizationId: IDS.orgD }, { 'kpi.ownerOrganizationId': 'kpi.ownerOrganizationId: org-d is not a member of this partnership' }],
    ['a blank name', { name: ' ' }, { 'kpi.name': 'name the KPI' }],
    ['a target equal to the baseline', { target: 18 }, { 'kpi.target': 'must differ from the baseline' }],
    ['a decrease labelled increase', { direction: 'increase' }, { 'kpi.direction': 'a target below the baseline means direction "decrease"' }],
    ['an increase labelled decrease', { baseline: 10, target: 20 }, { 'kpi.direction': 'a target above the baseline means direction "increase"' }],
    ['a cadence that is no duration', { cadence: 'monthly' }, { 'kpi.cadence': 'must be an ISO-8601 duration such as P1M' }],
    ['an unknown goal', { goalRank: 7 }, { 'kpi.goalRank': 'no goal has this rank' }],
    ['an unknown id', { id: 'kpi-999' }, { 'kpi.id': 'no KPI has this id (leave it out to define a new one)' }],
  ])('rejects %s → 422 KPI.INVALID', (_label, change, fields) => {
    given(inRoles()).when(kpiCommand(change)).thenThrows(ERROR_CODES.invalidKpi, { kind: 'rule', fields });
  });
});

describe('IssueAgreement', () => {
  it('assembles version 1 from what was recorded and opens a SIGN_AGREEMENT task per organization (cooperative: consensus)', () => {
    const s = rolesReady();
    const content: AgreementContent = {
      organizationIds: [IDS.orgA, IDS.orgB, IDS.orgC],
      goals: GOALS,
      scope: SCOPE,
      roles: ROLES,
      resources: RESOURCES,
      managementModel: 'cooperative',
      governance: GOVERNANCE,
      conflictProcess: CONFLICT_PROCESS,
      terminationOptions: ['renew', 'restructure', 'hand_over', 'exit'],
      noticePeriod: 'P3M',
      kpis: [
        { ...KPI_A, id: 'kpi-31', definedAt: EARLIER.toISOString() },
        { ...KPI_B, id: 'kpi-32', definedAt: EARLIER.toISOString() },
      ],
    };
    const first = s.state.version + 3;
    const { state } = given(s)
      .when({ type: 'IssueAgreement' })
      .then([
        { type: 'AgreementIssued', data: { version: 1, content } },
        { type: 'SignoffOpened', data: { subject: 'AGREEMENT', rule: 'consensus', eligible: [IDS.orgA, IDS.orgB, IDS.orgC] } },
        ...[IDS.orgA, IDS.orgB, IDS.orgC].map((organizationId, index) => ({
          type: 'TaskOpened' as const,
          data: { task: taskAt({ id: `p-1.${first + index}`, kind: 'SIGN_AGREEMENT', title: SIGN_TITLE, assignee: agreedAssignee(organizationId) }) },
        })),
      ]);
    expect(state.agreement).toEqual({ version: 1, issuedAt: NOW.toISOString(), content, signatures: {}, adopted: false });
  });

  it('lists every missing piece → 422 AGREEMENT.INCOMPLETE', () => {
    given(inRoles())
      .when({ type: 'IssueAgreement' })
      .thenThrows(ERROR_CODES.agreementIncomplete, {
        kind: 'rule',
        fields: {
          managementModel: 'choose a management model',
          governance: 'set the governance',
          conflictProcess: 'describe the conflict-resolution process',
          terminationOptions: 'agree the termination options and notice period',
          kpis: 'define at least one KPI',
          'roles.goal1': 'goal 1 needs exactly one accountable organization',
          'roles.goal2': 'goal 2 needs exactly one accountable organization',
        },
      });
  });

  it('needs exactly one accountable organization per goal (two are too many)', () => {
    given(rolesReady().do({ type: 'DefineRoles', roles: [...ROLES, { organizationId: IDS.orgC, goalRank: 1, responsibility: 'accountable' }] }))
      .when({ type: 'IssueAgreement' })
      .thenThrows(ERROR_CODES.agreementIncomplete, { kind: 'rule', fields: { 'roles.goal1': 'goal 1 needs exactly one accountable organization' } });
  });

  it('issues version 2 in MEASUREMENT, including a KPI defined since', () => {
    const s = inMeasurement().do(kpiCommand({ name: 'Follow-up calls', goalRank: null }));
    const [event] = given(s).when({ type: 'IssueAgreement' }).events();
    if (event?.type !== 'AgreementIssued') throw new Error('expected AgreementIssued');
    expect(event.data.version).toBe(2);
    expect(event.data.content.kpis.map((kpi) => kpi.name)).toEqual(['Readmission rate', 'Screening rate', 'Follow-up calls']);
  });

  it('is the coordinator’s', () => {
    given(rolesReady()).when({ type: 'IssueAgreement' }, { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});
