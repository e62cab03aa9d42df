import { describe, expect, it } from 'vitest';
import type { PartnershipCommand } from './commands.js';
import { decide, ERROR_CODES } from './decide.js';
import { DomainError } from './errors.js';
import type { Actor, Goal } from './model.js';
import { fold } from './partnership.js';
import { DEFAULT_POLICY, type PartnershipPolicy } from './policy.js';
import {
  active,
  admin,
  auditor,
  closedStory,
  completeTask,
  coordinator,
  created,
  createdData,
  EARLIER,
  given,
  goal,
  GOALS,
  goalsRecorded,
  IDS,
  NAME,
  NOW,
  otherCoordinator,
  partnerA,
  partnerB,
  person,
  prioritiesDrafted,
  SCOPE,
  sponsor,
  stamped,
  story,
  system,
  taskAt,
} from './spec-helpers.js';

type Create = Extract<PartnershipCommand, { type: 'CreatePartnership' }>;

const createCommand = (overrides: Partial<Omit<Create, 'type'>> = {}): Create => ({ type: 'CreatePartnership', ...createdData(), ...overrides });
const recordGoals = (goals: Goal[], scope: string = SCOPE): PartnershipCommand => ({ type: 'RecordGoals', goals, scope });
const SUBMIT: PartnershipCommand = { type: 'SubmitPriorities' };

/** The APPROVE_PRIORITIES task SubmitPriorities opens after created() and goalsRecorded(): event 4. */
const APPROVAL_ID = `${IDS.partnership}.4`;
const submittedStory = () => prioritiesDrafted().do(SUBMIT);

/** Every command, for the guards that apply to all of them. */
const EVERY_COMMAND: PartnershipCommand[] = [
  { type: 'RecordGoals', goals: GOALS, scope: SCOPE },
  { type: 'SubmitPriorities' },
  { type: 'AddStakeholder', stakeholder: { name: 'Forum', organizationId: null, interest: 3, influence: 3 } },
  { type: 'RecordListeningSession', session: { heldOn: '2030-01-10', participants: ['x'], heard: 'y', concerns: [] } },
  { type: 'ScoreAlignment', organizationId: IDS.orgA, scores: { '1': 3 } },
  { type: 'OpenListeningSignoff' },
  { type: 'DefineRoles', roles: [] },
  { type: 'CommitResources', resources: [] },
  { type: 'ChooseManagementModel', model: 'integrated' },
  { type: 'SetGovernance', governance: { pointsOfContact: {}, decisionRule: 'x', escalationPath: 'y' } },
  { type: 'SetConflictProcess', process: 'talk' },
  { type: 'SetTerminationTerms', options: ['exit'], noticePeriod: 'P1M' },
  { type: 'DefineKpi', kpi: { name: 'k', ownerOrganizationId: IDS.orgA, unit: '%', baseline: 1, target: 2, direction: 'increase', cadence: 'P1M', goalRank: null } },
  { type: 'IssueAgreement' },
  { type: 'ProposeTermination', option: 'exit', reason: 'done' },
  { type: 'PutOnHold', reason: 'pause' },
  { type: 'Resume' },
  { type: 'AddOrganization', organizationId: IDS.orgD },
  { type: 'RemoveOrganization', organizationId: IDS.orgC },
  { type: 'MoveDueDate', taskId: 'p-1.4', dueAt: '2030-03-01T00:00:00.000Z' },
  { type: 'CompleteTask', taskId: 'p-1.4', decision: 'approve' },
  { type: 'FireDueTimers' },
];

describe('CreatePartnership', () => {
  it('emits PartnershipCreated with the definition; the partnership starts in PRIORITY_SETTING, generation 0', () => {
    const { state } = given([]).when(createCommand()).then([{ type: 'PartnershipCreated', data: createdData() }]);
    expect(state).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING', generation: 0, cycle: 0, hold: null, version: 1, createdAt: NOW.toISOString() });
  });

  it('lets an admin create one', () => {
    given([]).when(createCommand(), { actor: admin }).then([{ type: 'PartnershipCreated', data: createdData() }]);
  });

  it('lets the workflow (system) create one', () => {
    given([]).when(createCommand(), { actor: system }).then([{ type: 'PartnershipCreated', data: createdData() }]);
  });

  it('copies the organization and steering-group lists rather than sharing the command arrays', () => {
    const command = createCommand();
    const [event] = given([]).when(command).events();
    if (event?.type !== 'PartnershipCreated') throw new Error('expected PartnershipCreated');
    expect(event.data.organizationIds).toEqual(command.organizationIds);
    expect(event.data.organizationIds).not.toBe(command.organizationIds);
    expect(event.data.steeringGroupIds).not.toBe(command.steeringGroupIds);
  });

  it.each([
    ['empty', ''],
    ['two characters padded with spaces', '   ab   '],
  ])('rejects a name that is %s', (_label, name) => {
    given([]).when(createCommand({ name })).thenThrows(ERROR_CODES.invalidDefinition, { kind: 'rule', fields: { name: 'must have at least 3 characters' } });
  });

  it('accepts a three-character name', () => {
    given([]).when(createCommand({ name: 'RVH' })).then([{ type: 'PartnershipCreated', data: createdData({ name: 'RVH' }) }]);
  });

  it.each([
    ['none', []],
    ['one', [IDS.orgA]],
  ])('needs at least two organizations (%s given)', (_label, organizationIds) => {
    given([])
      .when(createCommand({ organizationIds }))
      .thenThrows(ERROR_CODES.invalidDefinition, { kind: 'rule', fields: { organizationIds: 'a partnership needs at least two organizations' } });
  });

  it('rejects an organization listed twice', () => {
    given([])
      .when(createCommand({ organizationIds: [IDS.orgA, IDS.orgA] }))
      .thenThrows(ERROR_CODES.invalidDefinition, { fields: { organizationIds: 'must not list an organization twice' } });
  });

  it.each<[keyof PartnershipPolicy, string, string]>([
    ['taskDue', '7D', 'must be an ISO-8601 duration such as P7D or PT30S, got "7D"'],
    ['reminderBeforeDue', '', 'must be an ISO-8601 duration such as P7D or PT30S, got ""'],
    ['overdueReminderEvery', 'P', 'must be an ISO-8601 duration such as P7D or PT30S, got "P"'],
    ['escalateAfterOverdue', 'PT0.5S', 'must be at least one second'],
    ['healthPulse', 'PT0S', 'must be at least one second'],
    ['reviewCycle', 'six months', 'must be an ISO-8601 duration such as P7D or PT30S, got "six months"'],
  ])('rejects a policy whose %s is %j', (key, value, message) => {
    given([])
      .when(createCommand({ policy: { ...DEFAULT_POLICY, [key]: value } }))
      .thenThrows(ERROR_CODES.invalidDefinition, { kind: 'rule', fields: { [`policy.${key}`]: message } });
  });

  it('accepts a policy in seconds', () => {
    const policy = { taskDue: 'PT20S', reminderBeforeDue: 'PT5S', overdueReminderEvery: 'PT10S', escalateAfterOverdue: 'PT30S', healthPulse: 'PT1M', reviewCycle: 'PT2M' };
    given([]).when(createCommand({ policy })).then([{ type: 'PartnershipCreated', data: createdData({ policy }) }]);
  });

  it('reports every broken rule at once', () => {
    given([])
      .when(createCommand({ name: 'x', organizationIds: [IDS.orgA], policy: { ...DEFAULT_POLICY, taskDue: 'soon' } }))
      .thenThrows(ERROR_CODES.invalidDefinition, { kind: 'rule', fieldKeys: ['name', 'organizationIds', 'policy.taskDue'] });
  });

  it.each<[string, Actor]>([
    ['partner', partnerA],
    ['sponsor', sponsor],
    ['auditor', auditor],
  ])('forbids a %s to create one', (_label, actor) => {
    given([]).when(createCommand(), { actor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });

  it('refuses to create a partnership that already exists', () => {
    given([created()]).when(createCommand()).thenThrows(ERROR_CODES.alreadyExists, { kind: 'conflict' });
  });
});

describe('guards every command passes first', () => {
  it.each(EVERY_COMMAND.map((command) => [command.type, command] as const))('%s on a partnership that does not exist → 404 PARTNERSHIP.NOT_FOUND', (_type, command) => {
    given([]).when(command, { actor: command.type === 'FireDueTimers' ? system : coordinator }).thenThrows(ERROR_CODES.notFound, { kind: 'not_found' });
  });

  it.each(EVERY_COMMAND.map((command) => [command.type, command] as const))('%s by an auditor → 403 PARTNERSHIP.READ_ONLY_ROLE', (_type, command) => {
    given(submittedStory()).when(command, { actor: auditor }).thenThrows(ERROR_CODES.readOnly, { kind: 'forbidden' });
  });

  it('an auditor is refused as read-only even on a closed or held partnership', () => {
    given(closedStory()).when({ type: 'Resume' }, { actor: auditor }).thenThrows(ERROR_CODES.readOnly, { kind: 'forbidden' });
    given(prioritiesDrafted().do({ type: 'PutOnHold', reason: 'Audit' }))
      .when({ type: 'Resume' }, { actor: auditor })
      .thenThrows(ERROR_CODES.readOnly, { kind: 'forbidden' });
  });

  it.each(EVERY_COMMAND.map((command) => [command.type, command] as const))('%s on a CLOSED partnership → 409 PARTNERSHIP.CLOSED', (_type, command) => {
    given(closedStory())
      .when(command, { actor: command.type === 'FireDueTimers' ? system : coordinator })
      .thenThrows(ERROR_CODES.closed, { kind: 'conflict' });
  });

  it('FireDueTimers is for the workflow only → 403 COMMAND.SYSTEM_ONLY', () => {
    given(submittedStory()).when({ type: 'FireDueTimers' }, { actor: coordinator }).thenThrows(ERROR_CODES.systemOnly, { kind: 'forbidden' });
    given(submittedStory()).when({ type: 'FireDueTimers' }, { actor: admin }).thenThrows(ERROR_CODES.systemOnly, { kind: 'forbidden' });
  });

  it('a DomainError carries its kind, code and fields in toJSON', () => {
    const error = given([created()]).when(recordGoals([])).thenThrows(ERROR_CODES.invalidGoals);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.toJSON()).toEqual({ kind: 'rule', code: 'PRIORITIES.INVALID_GOALS', message: 'The goals are not SMART', fields: { goals: 'record at least one goal' } });
    expect(DomainError.isShape(error.toJSON())).toBe(true);
  });

  it('decide is pure: the same state and command give the same events and leave the state untouched', () => {
    const state = fold(submittedStory().events);
    const snapshot = structuredClone(state);
    const command = completeTask(APPROVAL_ID);
    expect(decide(state, command, { now: NOW, actor: sponsor })).toEqual(decide(state, command, { now: NOW, actor: sponsor }));
    expect(state).toEqual(snapshot);
  });
});

describe('RecordGoals', () => {
  it('records the goals sorted by rank, with the scope trimmed', () => {
    const [first, second] = GOALS as [Goal, Goal];
    const third = goal({ rank: 3, title: 'Shorten waits', metric: 'days', baseline: 30, target: 10 });
    const { state } = given([created()])
      .when(recordGoals([third, first, second], `  ${SCOPE}  `))
      .then([{ type: 'GoalsRecorded', data: { goals: [first, second, third], scope: SCOPE } }]);
    expect(state.goals.map((g) => g.rank)).toEqual([1, 2, 3]);
  });

  it('lets an admin record them and replaces goals recorded earlier while drafting', () => {
    const replacement = goal({ title: 'Halve falls', metric: 'falls per month', baseline: 20, target: 10 });
    const { state } = given([created(), goalsRecorded()])
      .when(recordGoals([replacement]), { actor: admin })
      .then([{ type: 'GoalsRecorded', data: { goals: [replacement], scope: SCOPE } }]);
    expect(state.goals).toEqual([replacement]);
  });

  it('accepts a reduction target and a due date tomorrow', () => {
    const tomorrow = goal({ baseline: 10, target: 5, dueDate: '2030-01-16' });
    given([created()]).when(recordGoals([tomorrow])).then([{ type: 'GoalsRecorded', data: { goals: [tomorrow], scope: SCOPE } }]);
  });

  it.each<[string, Goal[], Record<string, string>]>([
    ['target equals baseline', [goal({ baseline: 12, target: 12 })], { 'goals.0.target': 'must differ from the baseline' }],
    ['due date today', [goal({ dueDate: '2030-01-15' })], { 'goals.0.dueDate': 'must be a date in the future' }],
    ['due date in the past', [goal({ dueDate: '2029-06-01' })], { 'goals.0.dueDate': 'must be a date in the future' }],
    ['title too short', [goal({ title: ' ab ' })], { 'goals.0.title': 'say specifically what the goal is' }],
    ['blank metric', [goal({ metric: '   ' })], { 'goals.0.metric': 'name the metric that measures it' }],
    ['a problem in the second goal', [goal({ rank: 1 }), goal({ rank: 2, target: 18 })], { 'goals.1.target': 'must differ from the baseline' }],
    ['a rank gap', [goal({ rank: 1 }), goal({ rank: 3 })], { goals: 'ranks must be 1, 2, 3… without gaps or ties' }],
    ['a rank tie', [goal({ rank: 1 }), goal({ rank: 1 })], { goals: 'ranks must be 1, 2, 3… without gaps or ties' }],
    ['no goals', [], { goals: 'record at least one goal' }],
  ])('rejects goals that are not SMART: %s', (_label, goals, fields) => {
    given([created()]).when(recordGoals(goals)).thenThrows(ERROR_CODES.invalidGoals, { kind: 'rule', fields });
  });

  it('needs a scope', () => {
    given([created()])
      .when(recordGoals(GOALS, '   '))
      .thenThrows(ERROR_CODES.invalidGoals, { kind: 'rule', fields: { scope: 'describe the scope in which the goals are achievable' } });
  });

  it('judges the due date against `now`', () => {
    given([created()])
      .when(recordGoals([goal({ dueDate: '2030-01-16' })]), { now: new Date('2030-01-16T08:00:00Z') })
      .thenThrows(ERROR_CODES.invalidGoals, { fields: { 'goals.0.dueDate': 'must be a date in the future' } });
  });

  it.each<[string, Actor]>([
    ['another coordinator', otherCoordinator],
    ['a partner', partnerA],
    ['the sponsor', sponsor],
  ])('is the coordinator’s: %s → 403 PARTNERSHIP.NOT_COORDINATOR', (_label, actor) => {
    given([created()]).when(recordGoals(GOALS), { actor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });

  it('checks the coordinator before the goals', () => {
    given([created()]).when(recordGoals([]), { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator);
  });

  it('refuses once the priorities are submitted → 409 PRIORITIES.ALREADY_SUBMITTED', () => {
    given(submittedStory()).when(recordGoals(GOALS)).thenThrows(ERROR_CODES.alreadySubmitted, { kind: 'conflict' });
  });

  it('refuses outside PRIORITY_SETTING → 409 PARTNERSHIP.WRONG_STAGE', () => {
    given(submittedStory().complete('APPROVE_PRIORITIES', null)).when(recordGoals(GOALS)).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });
});

describe('SubmitPriorities', () => {
  it('opens an APPROVE_PRIORITIES task for the sponsor, due after the policy’s taskDue', () => {
    const { state } = given([created(), goalsRecorded()])
      .when(SUBMIT)
      .then([
        { type: 'PrioritiesSubmitted', data: {} },
        { type: 'TaskOpened', data: { task: taskAt({ id: APPROVAL_ID, kind: 'APPROVE_PRIORITIES', title: `Approve the priorities of ${NAME}`, assignee: person(IDS.sponsor) }) } },
      ]);
    expect(state.prioritiesStatus).toBe('SUBMITTED');
    expect(state.openTasks).toEqual([{ ...taskAt({ id: APPROVAL_ID, kind: 'APPROVE_PRIORITIES', title: `Approve the priorities of ${NAME}`, assignee: person(IDS.sponsor) }), remindersSent: 0, escalationLevel: 0 }]);
  });

  it('uses the partnership’s own policy for the due date', () => {
    const [, task] = given([created({ policy: { ...DEFAULT_POLICY, taskDue: 'PT20S' } }), goalsRecorded()]).when(SUBMIT).events();
    expect(task?.type === 'TaskOpened' && task.data.task.dueAt).toBe('2030-01-15T09:00:20.000Z');
  });

  it('needs recorded goals → 422 PRIORITIES.NO_GOALS', () => {
    given([created()]).when(SUBMIT).thenThrows(ERROR_CODES.noGoals, { kind: 'rule', fields: { goals: 'record at least one goal' } });
  });

  it('refuses a second submission', () => {
    given(submittedStory()).when(SUBMIT).thenThrows(ERROR_CODES.alreadySubmitted, { kind: 'conflict' });
  });

  it('is the coordinator’s', () => {
    given([created(), goalsRecorded()]).when(SUBMIT, { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});

describe('the sponsor’s APPROVE_PRIORITIES task', () => {
  it('approve → TaskCompleted, PrioritiesApproved, StageAdvanced to LISTENING', () => {
    const { state } = given(submittedStory())
      .when(completeTask(APPROVAL_ID, 'approve', { comment: '  Good  ' }), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId: APPROVAL_ID, decision: 'approve', comment: 'Good' } },
        { type: 'PrioritiesApproved', data: {} },
        { type: 'StageAdvanced', data: { from: 'PRIORITY_SETTING', to: 'LISTENING' } },
      ]);
    expect(state).toMatchObject({ stage: 'LISTENING', prioritiesStatus: 'APPROVED', openTasks: [] });
  });

  it('reject with a reason → PrioritiesRejected, back to drafting with the reason kept', () => {
    const { state } = given(submittedStory())
      .when(completeTask(APPROVAL_ID, 'reject', { comment: ' Too vague ' }), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId: APPROVAL_ID, decision: 'reject', comment: 'Too vague' } },
        { type: 'PrioritiesRejected', data: { reason: 'Too vague' } },
      ]);
    expect(state).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING', lastRejectionReason: 'Too vague', openTasks: [] });
    given(submittedStory().complete('APPROVE_PRIORITIES', null, 'reject', { comment: 'Too vague' }))
      .when(recordGoals(GOALS))
      .then([{ type: 'GoalsRecorded', data: { goals: GOALS, scope: SCOPE } }]);
  });

  it.each([undefined, null, '   '])('a rejection without a reason (%j) → 422 TASK.REASON_REQUIRED', (comment) => {
    given(submittedStory())
      .when(completeTask(APPROVAL_ID, 'reject', { comment }), { actor: sponsor })
      .thenThrows(ERROR_CODES.reasonRequired, { kind: 'rule', fields: { comment: 'say why' } });
  });

  it.each<[string, Actor]>([
    ['the coordinator', coordinator],
    ['an admin', admin],
    ['a partner', partnerB],
  ])('only the assignee completes it: %s → 403 TASK.NOT_ASSIGNEE', (_label, actor) => {
    given(submittedStory()).when(completeTask(APPROVAL_ID), { actor }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
  });

  it('an unknown or already completed task → 409 TASK.NOT_FOUND', () => {
    given(submittedStory()).when(completeTask('p-1.99'), { actor: sponsor }).thenThrows(ERROR_CODES.taskNotFound, { kind: 'conflict' });
    given(submittedStory().complete('APPROVE_PRIORITIES', null))
      .when(completeTask(APPROVAL_ID), { actor: sponsor })
      .thenThrows(ERROR_CODES.taskNotFound, { kind: 'conflict' });
  });

  it('a later approval clears the last rejection reason', () => {
    const s = submittedStory().complete('APPROVE_PRIORITIES', null, 'reject', { comment: 'Vague' }).do(SUBMIT);
    expect(s.state.lastRejectionReason).toBe('Vague');
    const taskId = s.task('APPROVE_PRIORITIES').id;
    const { state } = given(s)
      .when(completeTask(taskId), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'PrioritiesApproved', data: {} },
        { type: 'StageAdvanced', data: { from: 'PRIORITY_SETTING', to: 'LISTENING' } },
      ]);
    expect(state.lastRejectionReason).toBeNull();
  });
});

describe('story helpers', () => {
  it('number tasks by their TaskOpened event', () => {
    expect(submittedStory().task('APPROVE_PRIORITIES').id).toBe(APPROVAL_ID);
    expect(active(fold(story().events)).version).toBe(1);
  });

  it('stamp history at EARLIER by the coordinator', () => {
    expect(stamped({ type: 'PrioritiesSubmitted', data: {} })).toEqual({ type: 'PrioritiesSubmitted', data: {}, at: EARLIER.toISOString(), actor: coordinator });
  });
});
