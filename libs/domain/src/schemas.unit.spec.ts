import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy.js';
import {
  accessLogFilterSchema,
  CLIENT_COMMAND_TYPES,
  clientCommandSchema,
  completeTaskSchema,
  createPartnershipSchema,
  deadlineFilterSchema,
  diffQuerySchema,
  fieldErrors,
  markNotificationsReadSchema,
  policySchema,
} from './schemas.js';

const UUID_A = '0b0c7d4e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const UUID_B = '1c1d8e5f-2a3b-4c4d-9e5f-6a7b8c9d0e1f';

const validGoal = { rank: 1, title: 'Cut readmissions', metric: 'rate', baseline: 18, target: 12, dueDate: '2030-12-31' };
const validKpi = { name: 'Readmission rate', ownerOrganizationId: UUID_A, unit: '%', baseline: 18, target: 12, direction: 'decrease', cadence: 'P1M', goalRank: 1 };

/** One valid example of every client command, and what it parses to (defaults applied, text trimmed). */
const EXAMPLES: [Record<string, unknown>, Record<string, unknown>?][] = [
  [{ type: 'RecordGoals', goals: [validGoal], scope: '  here  ' }, { type: 'RecordGoals', goals: [validGoal], scope: 'here' }],
  [{ type: 'SubmitPriorities' }],
  [
    { type: 'AddStakeholder', stakeholder: { name: 'Forum', interest: 5, influence: 3 } },
    { type: 'AddStakeholder', stakeholder: { name: 'Forum', organizationId: null, interest: 5, influence: 3 } },
  ],
  [
    { type: 'RecordListeningSession', session: { heldOn: '2030-01-10', participants: ['Ward staff'], heard: 'Letters are late' } },
    { type: 'RecordListeningSession', session: { heldOn: '2030-01-10', participants: ['Ward staff'], heard: 'Letters are late', concerns: [] } },
  ],
  [{ type: 'ScoreAlignment', organizationId: UUID_A, scores: { '1': 3, '2': 0 } }],
  [{ type: 'OpenListeningSignoff' }],
  [{ type: 'CallVote' }],
  [{ type: 'ProposeRenegotiation', reason: 'Goal 2 fits nobody' }],
  [{ type: 'SetAgreementTerm', term: { duration: 'P2Y' } }, { type: 'SetAgreementTerm', term: { duration: 'P2Y', remindBefore: ['P90D', 'P60D', 'P30D'] } }],
  [{ type: 'SetAgreementTerm', term: null }],
  [
    { type: 'RaiseConflict', title: 'Fuel costs', organizationIds: [UUID_A], severity: 'high' },
    { type: 'RaiseConflict', title: 'Fuel costs', description: '', organizationIds: [UUID_A], severity: 'high' },
  ],
  [{ type: 'DefineRoles', roles: [{ organizationId: UUID_A, goalRank: 1, responsibility: 'accountable' }] }],
  [
    { type: 'CommitResources', resources: [{ organizationId: UUID_A, description: 'Two nurses' }] },
    { type: 'CommitResources', resources: [{ organizationId: UUID_A, description: 'Two nurses', amount: null, unit: null }] },
  ],
  [{ type: 'ChooseManagementModel', model: 'integrated' }],
  [{ type: 'SetGovernance', governance: { pointsOfContact: { [UUID_A]: UUID_B }, decisionRule: 'Consensus', escalationPath: 'Sponsor' } }],
  [{ type: 'SetGovernance', governance: { pointsOfContact: {}, decisionRule: 'Consensus', escalationPath: 'Sponsor', communicationPlan: { cadence: 'P14D', channel: 'Video call', organizationIds: [UUID_A] } } }],
  [{ type: 'SetConflictProcess', process: 'Mediation' }],
  [{ type: 'SetTerminationTerms', options: ['renew', 'exit'], noticePeriod: 'P3M' }],
  [{ type: 'DefineKpi', kpi: validKpi }],
  [{ type: 'DefineKpi', kpi: { ...validKpi, id: 'kpi-12', goalRank: undefined } }, { type: 'DefineKpi', kpi: { ...validKpi, id: 'kpi-12', goalRank: null } }],
  [{ type: 'IssueAgreement' }],
  [{ type: 'ProposeTermination', option: 'hand_over', reason: 'A county service takes over' }],
  [{ type: 'PutOnHold', reason: 'Funding review' }],
  [{ type: 'Resume' }],
  [{ type: 'AddOrganization', organizationId: UUID_B }],
  [{ type: 'RemoveOrganization', organizationId: UUID_B }, { type: 'RemoveOrganization', organizationId: UUID_B, reassignTo: null }],
  [{ type: 'RemoveOrganization', organizationId: UUID_B, reassignTo: UUID_A }],
  [{ type: 'MoveDueDate', taskId: 'p-1.4', dueAt: '2030-03-01T10:00:00+01:00' }],
];

describe('clientCommandSchema', () => {
  it.each(EXAMPLES.map(([input, output]) => [input.type as string, input, output ?? input] as const))('accepts %s', (_type, input, output) => {
    expect(clientCommandSchema.parse(input)).toEqual(output);
  });

  it('the examples cover every client command type', () => {
    expect(new Set(EXAMPLES.map(([input]) => input.type))).toEqual(new Set(CLIENT_COMMAND_TYPES));
    expect(CLIENT_COMMAND_TYPES).toHaveLength(24);
  });

  it.each(['CreatePartnership', 'CompleteTask', 'FireDueTimers', 'Nope'])('rejects the type %s (workflow-only or unknown)', (type) => {
    const result = clientCommandSchema.safeParse({ type });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(['type']);
  });

  it.each(EXAMPLES.map(([input]) => [input.type as string, input] as const))('rejects an extra field on %s', (_type, input) => {
    const result = clientCommandSchema.safeParse({ ...input, force: true });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.code).toBe('unrecognized_keys');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an extra field on a goal', { type: 'RecordGoals', goals: [{ ...validGoal, owner: 'me' }], scope: 's' }, 'goals.0'],
    ['an extra field on a KPI', { type: 'DefineKpi', kpi: { ...validKpi, weight: 2 } }, 'kpi'],
    ['an unknown responsibility', { type: 'DefineRoles', roles: [{ organizationId: UUID_A, goalRank: 1, responsibility: 'owner' }] }, 'roles.0.responsibility'],
    ['an unknown management model', { type: 'ChooseManagementModel', model: 'federated' }, 'model'],
    ['an unknown termination option', { type: 'ProposeTermination', option: 'merge', reason: 'x' }, 'option'],
    ['a non-uuid organization', { type: 'AddOrganization', organizationId: 'org-b' }, 'organizationId'],
    ['a goal rank key that is not a number', { type: 'ScoreAlignment', organizationId: UUID_A, scores: { first: 3 } }, 'scores.first'],
    ['a fractional alignment score', { type: 'ScoreAlignment', organizationId: UUID_A, scores: { '1': 1.5 } }, 'scores.1'],
    ['a due date without offset', { type: 'MoveDueDate', taskId: 'p-1.4', dueAt: '2030-03-01' }, 'dueAt'],
    ['a listening date that is no date', { type: 'RecordListeningSession', session: { heldOn: 'yesterday', participants: [], heard: '' } }, 'session.heldOn'],
    ['an unknown KPI direction', { type: 'DefineKpi', kpi: { ...validKpi, direction: 'up' } }, 'kpi.direction'],
  ])('rejects %s, keyed by its dotted path', (_label, input, key) => {
    const result = clientCommandSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual([key]);
  });
});

describe('fieldErrors', () => {
  it('keys each problem by its dotted path, first message per path', () => {
    const result = clientCommandSchema.safeParse({ type: 'RecordGoals', goals: [validGoal, { ...validGoal, rank: 0, dueDate: '31/12/2030', title: '   ' }], scope: 42 });
    expect(result.success).toBe(false);
    if (result.success) return;
    const fields = fieldErrors(result.error);
    expect(Object.keys(fields).sort()).toEqual(['goals.1.dueDate', 'goals.1.rank', 'goals.1.title', 'scope']);
    for (const message of Object.values(fields)) expect(message).toEqual(expect.any(String));
  });

  it('uses "_" for a problem at the root', () => {
    const result = completeTaskSchema.safeParse('approve');
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(['_']);
  });
});

describe('policySchema', () => {
  it('defaults every field to DEFAULT_POLICY', () => {
    expect(policySchema.parse({})).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toEqual({ taskDue: 'P7D', reminderBeforeDue: 'P1D', overdueReminderEvery: 'P2D', escalateAfterOverdue: 'P5D', healthPulse: 'P2M', reviewCycle: 'P6M' });
  });

  it('keeps the given fields and fills the rest', () => {
    expect(policySchema.parse({ taskDue: 'PT20S', reviewCycle: 'PT2M' })).toEqual({ ...DEFAULT_POLICY, taskDue: 'PT20S', reviewCycle: 'PT2M' });
  });

  it('rejects unknown fields (the old reminderAfter / escalationAfter among them)', () => {
    const result = policySchema.safeParse({ reminderAfter: 'P1D', escalationAfter: 'P2D' });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('createPartnershipSchema', () => {
  const input = { name: '  River Valley  ', sponsorId: UUID_A, organizationIds: [UUID_A, UUID_B] };

  it('applies the default policy and description', () => {
    const parsed = createPartnershipSchema.parse(input);
    expect(parsed).toEqual({ name: 'River Valley', description: '', sponsorId: UUID_A, organizationIds: [UUID_A, UUID_B], policy: DEFAULT_POLICY });
  });

  it('fills the missing policy fields from the default and leaves duration checks to the decider', () => {
    expect(createPartnershipSchema.parse({ ...input, policy: { taskDue: 'soon' } }).policy).toEqual({ ...DEFAULT_POLICY, taskDue: 'soon' });
  });

  it('rejects extra policy fields and non-uuid ids with dotted paths', () => {
    const result = createPartnershipSchema.safeParse({ ...input, organizationIds: [UUID_A, 'org-b'], policy: { grace: 'P1D' } });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error)).sort()).toEqual(['organizationIds.1', 'policy']);
  });
});

describe('completeTaskSchema', () => {
  it('takes approve or reject with an optional trimmed comment; data is checked by kind later', () => {
    expect(completeTaskSchema.parse({ decision: 'reject', comment: '  vague ' })).toEqual({ decision: 'reject', comment: 'vague' });
    expect(completeTaskSchema.parse({ decision: 'approve', data: { anything: 1 } })).toEqual({ decision: 'approve', data: { anything: 1 } });
    expect(completeTaskSchema.safeParse({ decision: 'maybe' }).success).toBe(false);
    expect(completeTaskSchema.safeParse({ decision: 'approve', extra: 1 }).success).toBe(false);
  });
});

describe('deadlineFilterSchema', () => {
  it('takes the ledger’s filters, each purpose, kind or partnership as one value or a list', () => {
    const filter = { partnershipId: [UUID_A], purpose: 'escalation', kind: ['REVIEW', 'HEALTH_CHECK'], assigneeUserId: UUID_B };
    expect(deadlineFilterSchema.parse(filter)).toEqual(filter);
    expect(deadlineFilterSchema.parse({})).toEqual({});
  });

  it('finds ids written in upper case, since they are stored in lower case', () => {
    expect(deadlineFilterSchema.parse({ partnershipId: UUID_A.toUpperCase(), recipientUserId: UUID_B.toUpperCase() })).toEqual({ partnershipId: UUID_A, recipientUserId: UUID_B });
  });

  it('names the bad field: an unknown purpose or kind, a partnership that is no uuid, an unknown filter', () => {
    const errors = (value: unknown) => {
      const result = deadlineFilterSchema.safeParse(value);
      return result.success ? {} : fieldErrors(result.error);
    };
    expect(Object.keys(errors({ purpose: 'nap' }))).toEqual(['purpose']);
    expect(Object.keys(errors({ kind: ['REVIEW', 'NAP'] }))).toEqual(['kind']);
    expect(Object.keys(errors({ partnershipId: 'p-1' }))).toEqual(['partnershipId']);
    expect(errors({ mine: true })).toHaveProperty('_');
  });
});

describe('markNotificationsReadSchema', () => {
  it('takes either a list of ids or all: true', () => {
    expect(markNotificationsReadSchema.parse({ ids: ['12', '13'] })).toEqual({ ids: ['12', '13'] });
    expect(markNotificationsReadSchema.parse({ all: true })).toEqual({ all: true });
  });

  it.each([{}, { ids: [] }, { ids: ['x'] }, { ids: ['1'], all: true }, { all: false }, { ids: ['1'], read: true }])('refuses %j', (body) => {
    expect(markNotificationsReadSchema.safeParse(body).success).toBe(false);
  });
});

describe('diffQuerySchema', () => {
  const problems = (query: unknown) => {
    const parsed = diffQuerySchema.safeParse(query);
    return parsed.success ? {} : fieldErrors(parsed.error);
  };

  it('takes sequence numbers and instants, in either field', () => {
    expect(diffQuerySchema.parse({ from: '0', to: '2026-11-23T10:00:00+01:00' })).toEqual({ from: { sequence: 0 }, to: { at: '2026-11-23T09:00:00.000Z' } });
  });

  it('names the field that is malformed or missing, and `from` when it comes after `to`', () => {
    expect(Object.keys(problems({ from: 'yesterday', to: '3' }))).toEqual(['from']);
    expect(Object.keys(problems({ from: '3', to: '-1' }))).toEqual(['to']);
    expect(Object.keys(problems({ from: '3' }))).toEqual(['to']);
    expect(problems({ from: '5', to: '3' })).toEqual({ from: 'must not come after `to`' });
    expect(problems({ from: '2026-11-24T00:00:00Z', to: '2026-11-23T00:00:00Z' })).toEqual({ from: 'must not come after `to`' });
    expect(problems({ from: '5', to: '2026-11-23T00:00:00Z' })).toEqual({});
  });
});

describe('instants', () => {
  it('take only what PostgreSQL can store: the years 0001 to 9999 once turned to UTC', () => {
    const move = (dueAt: string) => clientCommandSchema.safeParse({ type: 'MoveDueDate', taskId: 't-1', dueAt });
    expect(move('2030-02-01T10:00:00+02:00').success).toBe(true);
    for (const dueAt of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-01:00']) {
      const parsed = move(dueAt);
      expect(parsed.success, dueAt).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).toContain('years 0001 to 9999');
    }
    expect(accessLogFilterSchema.safeParse({ since: '9999-12-31T23:59:59-01:00' }).success).toBe(false);
  });
});
