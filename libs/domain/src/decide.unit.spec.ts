import { describe, expect, it } from 'vitest';
import { decide, ERROR_CODES, type PartnershipCommand } from './decide.js';
import { DomainError } from './errors.js';
import { fold, type Actor, type Goal, type PartnershipEvent, type PartnershipState } from './partnership.js';
import { DEFAULT_POLICY, type PartnershipPolicy } from './policy.js';
import {
  admin,
  approvalTask,
  auditor,
  awaitingApproval,
  coordinator,
  created,
  createdData,
  EARLIER,
  given,
  goal,
  goalsRecorded,
  IDS,
  NOW,
  otherCoordinator,
  partner,
  SCOPE,
  sponsor,
  stamped,
  submitted,
  system,
  TASK_ID,
} from './spec-helpers.js';

type Create = Extract<PartnershipCommand, { type: 'CreatePartnership' }>;

const createCommand = (overrides: Partial<Omit<Create, 'type'>> = {}): Create => ({
  type: 'CreatePartnership',
  ...createdData(),
  ...overrides,
});

const recordGoals = (goals: Goal[], scope: string = SCOPE): PartnershipCommand => ({ type: 'RecordGoals', goals, scope });
const SUBMIT: PartnershipCommand = { type: 'SubmitPriorities' };
const FIRE: PartnershipCommand = { type: 'FireDueTimers' };
const approve = (taskId: string = TASK_ID, comment?: string | null): PartnershipCommand => ({
  type: 'CompleteTask',
  taskId,
  decision: 'approve',
  ...(comment !== undefined ? { comment } : {}),
});
const reject = (comment?: string | null, taskId: string = TASK_ID): PartnershipCommand => ({
  type: 'CompleteTask',
  taskId,
  decision: 'reject',
  ...(comment !== undefined ? { comment } : {}),
});

const active = (state: PartnershipState) => {
  if (state.status !== 'active') throw new Error('expected an active partnership');
  return state;
};

/** The history after the sponsor approved (stage LISTENING, priorities APPROVED). */
const approvedHistory = (): PartnershipEvent[] => [
  ...awaitingApproval(),
  stamped({ type: 'TaskCompleted', data: { taskId: TASK_ID, decision: 'approve', comment: null } }, EARLIER, sponsor),
  stamped({ type: 'PrioritiesApproved', data: {} }, EARLIER, sponsor),
  stamped({ type: 'StageAdvanced', data: { from: 'PRIORITY_SETTING', to: 'LISTENING' } }, EARLIER, sponsor),
];

/** The history after the sponsor rejected (back to DRAFTING, no open task). */
const rejectedHistory = (reason = 'Targets are too vague'): PartnershipEvent[] => [
  ...awaitingApproval(),
  stamped({ type: 'TaskCompleted', data: { taskId: TASK_ID, decision: 'reject', comment: reason } }, EARLIER, sponsor),
  stamped({ type: 'PrioritiesRejected', data: { reason } }, EARLIER, sponsor),
];

describe('CreatePartnership', () => {
  it('emits PartnershipCreated with the definition', () => {
    const { state } = given([])
      .when(createCommand())
      .then([{ type: 'PartnershipCreated', data: createdData() }]);
    const partnership = active(state);
    expect(partnership.stage).toBe('PRIORITY_SETTING');
    expect(partnership.prioritiesStatus).toBe('DRAFTING');
    expect(partnership.createdAt).toBe(NOW.toISOString());
    expect(partnership.version).toBe(1);
  });

  it('lets an admin create one', () => {
    given([]).when(createCommand(), { actor: admin }).then([{ type: 'PartnershipCreated', data: createdData() }]);
  });

  it('copies the organization list rather than sharing the command array', () => {
    const command = createCommand();
    const [event] = given([]).when(command).events();
    expect(event?.type).toBe('PartnershipCreated');
    if (event?.type !== 'PartnershipCreated') return;
    expect(event.data.organizationIds).toEqual(command.organizationIds);
    expect(event.data.organizationIds).not.toBe(command.organizationIds);
  });

  it.each([
    ['empty', ''],
    ['two characters', 'ab'],
    ['two characters padded with spaces', '   ab   '],
  ])('rejects a name that is %s', (_label, name) => {
    given([])
      .when(createCommand({ name }))
      .thenThrows(ERROR_CODES.invalidDefinition, { kind: 'rule', fields: { name: 'must have at least 3 characters' } });
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
      .thenThrows(ERROR_CODES.invalidDefinition, {
        kind: 'rule',
        fields: { organizationIds: 'a partnership needs at least two organizations' },
      });
  });

  it('rejects an organization listed twice', () => {
    given([])
      .when(createCommand({ organizationIds: [IDS.orgA, IDS.orgB, IDS.orgA] }))
      .thenThrows(ERROR_CODES.invalidDefinition, {
        kind: 'rule',
        fields: { organizationIds: 'must not list an organization twice' },
      });
  });

  it('reports duplicates, not the count, when only one organization is listed twice', () => {
    given([])
      .when(createCommand({ organizationIds: [IDS.orgA, IDS.orgA] }))
      .thenThrows(ERROR_CODES.invalidDefinition, { fields: { organizationIds: 'must not list an organization twice' } });
  });

  it.each<[string, Partial<PartnershipPolicy>, string]>([
    ['taskDue is not a duration', { taskDue: '7D' }, 'policy.taskDue'],
    ['reminderAfter is empty', { reminderAfter: '' }, 'policy.reminderAfter'],
    ['escalationAfter is "P"', { escalationAfter: 'P' }, 'policy.escalationAfter'],
    ['taskDue is under a second', { taskDue: 'PT0.5S' }, 'policy.taskDue'],
    ['reminderAfter is zero', { reminderAfter: 'PT0S' }, 'policy.reminderAfter'],
  ])('rejects a policy where %s', (_label, policy, key) => {
    const error = given([])
      .when(createCommand({ policy: { ...DEFAULT_POLICY, ...policy } }))
      .thenThrows(ERROR_CODES.invalidDefinition, { kind: 'rule', fieldKeys: [key] });
    expect(error.fields?.[key]).toMatch(/ISO-8601|at least one second/);
  });

  it.each([
    ['equals', 'P14D', 'P14D'],
    ['is later than', 'P15D', 'P14D'],
  ])('rejects a policy whose reminderAfter %s escalationAfter', (_label, reminderAfter, escalationAfter) => {
    given([])
      .when(createCommand({ policy: { taskDue: 'P7D', reminderAfter, escalationAfter } }))
      .thenThrows(ERROR_CODES.invalidDefinition, {
        kind: 'rule',
        fields: { 'policy.escalationAfter': 'must be later than reminderAfter' },
      });
  });

  it('accepts a policy in seconds', () => {
    const policy = { taskDue: 'PT20S', reminderAfter: 'PT10S', escalationAfter: 'PT30S' };
    given([]).when(createCommand({ policy })).then([{ type: 'PartnershipCreated', data: createdData({ policy }) }]);
  });

  it('reports every broken rule at once', () => {
    given([])
      .when(createCommand({ name: 'x', organizationIds: [IDS.orgA], policy: { taskDue: 'soon', reminderAfter: 'P2D', escalationAfter: 'P1D' } }))
      .thenThrows(ERROR_CODES.invalidDefinition, {
        kind: 'rule',
        fieldKeys: ['name', 'organizationIds', 'policy.taskDue', 'policy.escalationAfter'],
      });
  });

  it.each<[string, Actor]>([
    ['partner', partner],
    ['sponsor', sponsor],
    ['auditor', auditor],
  ])('forbids a %s to create one', (_label, actor) => {
    given([]).when(createCommand(), { actor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });

  it('refuses to create a partnership that already exists', () => {
    given([created()]).when(createCommand()).thenThrows(ERROR_CODES.alreadyExists, { kind: 'conflict' });
  });
});

describe('commands on a partnership that does not exist', () => {
  it.each<[string, PartnershipCommand, Actor]>([
    ['RecordGoals', recordGoals([goal()]), coordinator],
    ['SubmitPriorities', SUBMIT, coordinator],
    ['CompleteTask', approve(), sponsor],
    ['FireDueTimers', FIRE, system],
  ])('%s → not found', (_label, command, actor) => {
    given([]).when(command, { actor }).thenThrows(ERROR_CODES.notFound, { kind: 'not_found' });
  });
});

describe('RecordGoals', () => {
  const history = () => [created()];

  it('records the goals sorted by rank, with the scope trimmed', () => {
    const first = goal({ rank: 1, title: 'Cut readmissions' });
    const second = goal({ rank: 2, title: 'Raise screening', metric: 'screened (%)', baseline: 40, target: 70 });
    const third = goal({ rank: 3, title: 'Shorten waits', metric: 'days', baseline: 30, target: 10 });
    const { state } = given(history())
      .when(recordGoals([third, first, second], `  ${SCOPE}  `))
      .then([{ type: 'GoalsRecorded', data: { goals: [first, second, third], scope: SCOPE } }]);
    expect(active(state).goals.map((g) => g.rank)).toEqual([1, 2, 3]);
    expect(active(state).scope).toBe(SCOPE);
  });

  it('lets an admin record them', () => {
    given(history())
      .when(recordGoals([goal()]), { actor: admin })
      .then([{ type: 'GoalsRecorded', data: { goals: [goal()], scope: SCOPE } }]);
  });

  it('replaces goals recorded earlier while still drafting', () => {
    const replacement = goal({ title: 'Halve falls', metric: 'falls per month', baseline: 20, target: 10 });
    const { state } = given([created(), goalsRecorded()])
      .when(recordGoals([replacement]))
      .then([{ type: 'GoalsRecorded', data: { goals: [replacement], scope: SCOPE } }]);
    expect(active(state).goals).toEqual([replacement]);
  });

  it('accepts a target below the baseline (a reduction) and a due date tomorrow', () => {
    const tomorrow = goal({ baseline: 10, target: 5, dueDate: '2030-01-16' });
    given(history())
      .when(recordGoals([tomorrow]))
      .then([{ type: 'GoalsRecorded', data: { goals: [tomorrow], scope: SCOPE } }]);
  });

  describe('rejects goals that are not SMART', () => {
    it.each<[string, Goal[], string[]]>([
      ['target equals baseline', [goal({ baseline: 12, target: 12 })], ['goals.0.target']],
      ['due date in the past', [goal({ dueDate: '2029-06-01' })], ['goals.0.dueDate']],
      ['due date today', [goal({ dueDate: '2030-01-15' })], ['goals.0.dueDate']],
      ['title too short', [goal({ title: ' ab ' })], ['goals.0.title']],
      ['blank metric', [goal({ metric: '   ' })], ['goals.0.metric']],
      ['problem in the second goal', [goal({ rank: 1 }), goal({ rank: 2, target: 18 })], ['goals.1.target']],
      ['rank gap (1, 3)', [goal({ rank: 1 }), goal({ rank: 3 })], ['goals']],
      ['rank tie (1, 1)', [goal({ rank: 1 }), goal({ rank: 1 })], ['goals']],
      ['ranks not starting at 1', [goal({ rank: 2 })], ['goals']],
      ['no goals', [], ['goals']],
      [
        'several problems',
        [goal({ rank: 1, target: 18 }), goal({ rank: 1, dueDate: '2020-01-01', title: '' })],
        ['goals', 'goals.0.target', 'goals.1.dueDate', 'goals.1.title'],
      ],
    ])('%s', (_label, goals, fieldKeys) => {
      given(history()).when(recordGoals(goals)).thenThrows(ERROR_CODES.invalidGoals, { kind: 'rule', fieldKeys });
    });

    it('names the rank problem in the goals field', () => {
      given(history())
        .when(recordGoals([goal({ rank: 1 }), goal({ rank: 1 })]))
        .thenThrows(ERROR_CODES.invalidGoals, { fields: { goals: 'ranks must be 1, 2, 3… without gaps or ties' } });
    });

    it('asks for at least one goal when none are given', () => {
      given(history())
        .when(recordGoals([]))
        .thenThrows(ERROR_CODES.invalidGoals, { fields: { goals: 'record at least one goal' } });
    });

    it('needs a scope', () => {
      given(history())
        .when(recordGoals([goal()], '   '))
        .thenThrows(ERROR_CODES.invalidGoals, {
          kind: 'rule',
          fields: { scope: 'describe the scope in which the goals are achievable' },
        });
    });

    it('judges the due date against `now`, not the wall clock', () => {
      const g = goal({ dueDate: '2030-06-01' });
      given(history())
        .when(recordGoals([g]), { now: new Date('2030-06-01T23:59:59.999Z') })
        .thenThrows(ERROR_CODES.invalidGoals, { fieldKeys: ['goals.0.dueDate'] });
      given(history())
        .when(recordGoals([g]), { now: new Date('2030-05-31T23:59:59.999Z') })
        .then([{ type: 'GoalsRecorded', data: { goals: [g], scope: SCOPE } }]);
    });
  });

  it.each<[string, Actor]>([
    ['another coordinator', otherCoordinator],
    ['the sponsor', sponsor],
    ['a partner', partner],
    ['the system', system],
  ])('forbids %s', (_label, actor) => {
    given(history()).when(recordGoals([goal()]), { actor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });

  it('checks the coordinator before the goals', () => {
    given(history()).when(recordGoals([]), { actor: otherCoordinator }).thenThrows(ERROR_CODES.notCoordinator);
  });

  it('refuses once the priorities are submitted', () => {
    given(awaitingApproval()).when(recordGoals([goal()])).thenThrows(ERROR_CODES.alreadySubmitted, { kind: 'conflict' });
  });

  it('refuses outside PRIORITY_SETTING', () => {
    given(approvedHistory()).when(recordGoals([goal()])).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });

  it('is allowed again after a rejection', () => {
    given(rejectedHistory())
      .when(recordGoals([goal({ target: 10 })]))
      .then([{ type: 'GoalsRecorded', data: { goals: [goal({ target: 10 })], scope: SCOPE } }]);
  });
});

describe('SubmitPriorities', () => {
  it('needs recorded goals', () => {
    given([created()])
      .when(SUBMIT)
      .thenThrows(ERROR_CODES.noGoals, { kind: 'rule', fields: { goals: 'record at least one goal' } });
  });

  it('opens an approval task for the sponsor, timed by the policy from `now`', () => {
    const { state } = given([created(), goalsRecorded()])
      .when(SUBMIT)
      .then([
        { type: 'PrioritiesSubmitted', data: {} },
        {
          type: 'TaskOpened',
          data: {
            task: {
              id: 'p-1.4',
              kind: 'APPROVE_PRIORITIES',
              title: 'Approve the priorities of River Valley Health Partnership',
              assigneeUserId: IDS.sponsor,
              openedAt: '2030-01-15T09:00:00.000Z',
              dueAt: '2030-01-22T09:00:00.000Z', // P7D
              remindAt: '2030-01-18T21:00:00.000Z', // P3DT12H
              escalateAt: '2030-01-29T09:00:00.000Z', // P14D
            },
          },
        },
      ]);
    const partnership = active(state);
    expect(partnership.prioritiesStatus).toBe('SUBMITTED');
    expect(partnership.openTasks).toEqual([{ ...approvalTask('p-1.4', NOW), remindedAt: null, escalatedAt: null }]);
    expect(partnership.version).toBe(4);
  });

  it('uses the partnership’s own policy', () => {
    const policy = { taskDue: 'PT20S', reminderAfter: 'PT10S', escalationAfter: 'PT30S' };
    const now = new Date('2030-01-15T09:00:00.250Z');
    const [, opened] = given([created({ policy }), goalsRecorded()]).when(SUBMIT, { now }).events();
    expect(opened?.type).toBe('TaskOpened');
    if (opened?.type !== 'TaskOpened') return;
    expect(opened.data.task).toMatchObject({
      openedAt: '2030-01-15T09:00:00.250Z',
      dueAt: '2030-01-15T09:00:20.250Z',
      remindAt: '2030-01-15T09:00:10.250Z',
      escalateAt: '2030-01-15T09:00:30.250Z',
    });
  });

  it('derives the task id from the partnership id and the TaskOpened sequence', () => {
    const when = given([created(), goalsRecorded()]).when(SUBMIT);
    expect(when.events()).toEqual(when.events());
    // Resubmission after a rejection: versions 1..7 are taken, so the TaskOpened event is the 9th.
    const [, opened] = given([...rejectedHistory(), goalsRecorded()]).when(SUBMIT).events();
    expect(opened?.type === 'TaskOpened' && opened.data.task.id).toBe('p-1.9');
  });

  it('refuses a second submission', () => {
    given(awaitingApproval()).when(SUBMIT).thenThrows(ERROR_CODES.alreadySubmitted, { kind: 'conflict' });
  });

  it('refuses outside PRIORITY_SETTING', () => {
    given(approvedHistory()).when(SUBMIT).thenThrows(ERROR_CODES.wrongStage, { kind: 'conflict' });
  });

  it.each<[string, Actor]>([
    ['the sponsor', sponsor],
    ['another coordinator', otherCoordinator],
    ['the system', system],
  ])('forbids %s', (_label, actor) => {
    given([created(), goalsRecorded()]).when(SUBMIT, { actor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});

describe('CompleteTask', () => {
  it('approve → TaskCompleted, PrioritiesApproved and StageAdvanced to LISTENING', () => {
    const { state } = given(awaitingApproval())
      .when(approve(), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId: TASK_ID, decision: 'approve', comment: null } },
        { type: 'PrioritiesApproved', data: {} },
        { type: 'StageAdvanced', data: { from: 'PRIORITY_SETTING', to: 'LISTENING' } },
      ]);
    const partnership = active(state);
    expect(partnership.stage).toBe('LISTENING');
    expect(partnership.prioritiesStatus).toBe('APPROVED');
    expect(partnership.openTasks).toEqual([]);
  });

  it('keeps a trimmed comment on approval', () => {
    given(awaitingApproval())
      .when(approve(TASK_ID, '  Looks right  '), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId: TASK_ID, decision: 'approve', comment: 'Looks right' } },
        { type: 'PrioritiesApproved', data: {} },
        { type: 'StageAdvanced', data: { from: 'PRIORITY_SETTING', to: 'LISTENING' } },
      ]);
  });

  it.each<[string, string | null | undefined]>([
    ['no comment', undefined],
    ['a null comment', null],
    ['an empty comment', ''],
    ['a blank comment', '   '],
  ])('reject with %s → rule REASON_REQUIRED', (_label, comment) => {
    given(awaitingApproval())
      .when(reject(comment), { actor: sponsor })
      .thenThrows(ERROR_CODES.reasonRequired, { kind: 'rule', fields: { comment: 'say why the priorities are rejected' } });
  });

  it('reject with a comment → PrioritiesRejected, back to DRAFTING with the reason', () => {
    const { state } = given(awaitingApproval())
      .when(reject('  Targets are too vague '), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId: TASK_ID, decision: 'reject', comment: 'Targets are too vague' } },
        { type: 'PrioritiesRejected', data: { reason: 'Targets are too vague' } },
      ]);
    const partnership = active(state);
    expect(partnership.prioritiesStatus).toBe('DRAFTING');
    expect(partnership.lastRejectionReason).toBe('Targets are too vague');
    expect(partnership.stage).toBe('PRIORITY_SETTING');
    expect(partnership.openTasks).toEqual([]);
  });

  it('clears the last rejection reason on a later approval', () => {
    const resubmitted = [...rejectedHistory(), goalsRecorded(), ...submitted('p-1.9')];
    expect(active(fold(resubmitted)).lastRejectionReason).toBe('Targets are too vague');
    const { state } = given(resubmitted)
      .when(approve('p-1.9'), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId: 'p-1.9', decision: 'approve', comment: null } },
        { type: 'PrioritiesApproved', data: {} },
        { type: 'StageAdvanced', data: { from: 'PRIORITY_SETTING', to: 'LISTENING' } },
      ]);
    expect(active(state).lastRejectionReason).toBeNull();
  });

  it.each<[string, Actor]>([
    ['the coordinator', coordinator],
    ['an admin', admin],
    ['a partner', partner],
    ['the system', system],
  ])('forbids %s, who is not the assignee', (_label, actor) => {
    given(awaitingApproval()).when(approve(), { actor }).thenThrows(ERROR_CODES.notAssignee, { kind: 'forbidden' });
  });

  it('an unknown task → conflict TASK.NOT_FOUND', () => {
    given(awaitingApproval())
      .when(approve('p-1.99'), { actor: sponsor })
      .thenThrows(ERROR_CODES.taskNotFound, { kind: 'conflict' });
  });

  it('a task completed already → conflict TASK.NOT_FOUND', () => {
    const { state } = given(awaitingApproval())
      .when(reject('No'), { actor: sponsor })
      .then([
        { type: 'TaskCompleted', data: { taskId: TASK_ID, decision: 'reject', comment: 'No' } },
        { type: 'PrioritiesRejected', data: { reason: 'No' } },
      ]);
    expect(() => decide(state, approve(), { now: NOW, actor: sponsor })).toThrow(
      expect.objectContaining({ code: ERROR_CODES.taskNotFound, kind: 'conflict' }),
    );
  });
});

describe('FireDueTimers', () => {
  // The task in awaitingApproval() opened at EARLIER (2030-01-14T09:00Z) under the default policy.
  const REMIND_AT = new Date('2030-01-17T21:00:00.000Z');
  const ESCALATE_AT = new Date('2030-01-28T09:00:00.000Z');
  const justBefore = (date: Date) => new Date(date.getTime() - 1);

  it.each<[string, Actor]>([
    ['the coordinator', coordinator],
    ['an admin', admin],
    ['the sponsor', sponsor],
  ])('forbids %s', (_label, actor) => {
    given(awaitingApproval()).when(FIRE, { actor, now: ESCALATE_AT }).thenThrows(ERROR_CODES.systemOnly, { kind: 'forbidden' });
  });

  it('emits nothing without open tasks', () => {
    given([created(), goalsRecorded()]).when(FIRE, { actor: system, now: ESCALATE_AT }).then([]);
  });

  it('emits nothing before the reminder is due', () => {
    given(awaitingApproval()).when(FIRE, { actor: system, now: justBefore(REMIND_AT) }).then([]);
  });

  it('reminds the assignee at remindAt', () => {
    const { state } = given(awaitingApproval())
      .when(FIRE, { actor: system, now: REMIND_AT })
      .then([{ type: 'ReminderSent', data: { taskId: TASK_ID, recipientIds: [IDS.sponsor] } }]);
    expect(active(state).openTasks[0]?.remindedAt).toBe(REMIND_AT.toISOString());
    expect(active(state).openTasks[0]?.escalatedAt).toBeNull();
  });

  it('alerts the coordinator and the sponsor at escalateAt', () => {
    const reminded = [...awaitingApproval(), stamped({ type: 'ReminderSent', data: { taskId: TASK_ID, recipientIds: [IDS.sponsor] } }, REMIND_AT, system)];
    given(reminded).when(FIRE, { actor: system, now: justBefore(ESCALATE_AT) }).then([]);
    const { state } = given(reminded)
      .when(FIRE, { actor: system, now: ESCALATE_AT })
      .then([{ type: 'TaskEscalated', data: { taskId: TASK_ID, recipientIds: [IDS.coordinator, IDS.sponsor] } }]);
    expect(active(state).openTasks[0]?.escalatedAt).toBe(ESCALATE_AT.toISOString());
  });

  it('alerts a coordinator who is also the sponsor once', () => {
    const history = [created({ sponsorId: IDS.coordinator }), goalsRecorded(), stamped({ type: 'PrioritiesSubmitted', data: {} })];
    const task = { ...approvalTask(TASK_ID), assigneeUserId: IDS.coordinator };
    given([...history, stamped({ type: 'TaskOpened', data: { task } })])
      .when(FIRE, { actor: system, now: ESCALATE_AT })
      .then([
        { type: 'ReminderSent', data: { taskId: TASK_ID, recipientIds: [IDS.coordinator] } },
        { type: 'TaskEscalated', data: { taskId: TASK_ID, recipientIds: [IDS.coordinator] } },
      ]);
  });

  it('fires an overdue reminder and escalation together, reminder first', () => {
    given(awaitingApproval())
      .when(FIRE, { actor: system, now: new Date('2030-03-01T00:00:00.000Z') })
      .then([
        { type: 'ReminderSent', data: { taskId: TASK_ID, recipientIds: [IDS.sponsor] } },
        { type: 'TaskEscalated', data: { taskId: TASK_ID, recipientIds: [IDS.coordinator, IDS.sponsor] } },
      ]);
  });

  it('fires each timer once', () => {
    const fire = (state: PartnershipState, now: Date) => decide(state, FIRE, { actor: system, now });
    let state = fold(awaitingApproval());

    const reminder = fire(state, REMIND_AT);
    expect(reminder.map((e) => e.type)).toEqual(['ReminderSent']);
    state = fold(reminder, state);
    expect(fire(state, REMIND_AT)).toEqual([]);
    expect(fire(state, justBefore(ESCALATE_AT))).toEqual([]);

    const escalation = fire(state, ESCALATE_AT);
    expect(escalation.map((e) => e.type)).toEqual(['TaskEscalated']);
    state = fold(escalation, state);
    expect(fire(state, ESCALATE_AT)).toEqual([]);
    expect(fire(state, new Date('2031-01-01T00:00:00.000Z'))).toEqual([]);
  });

  it('stops once the task is completed', () => {
    given(approvedHistory()).when(FIRE, { actor: system, now: ESCALATE_AT }).then([]);
  });
});

describe('every event', () => {
  const now = new Date('2030-01-15T09:08:07.654Z');
  const cases: [string, PartnershipEvent[], PartnershipCommand, Actor, Date][] = [
    ['CreatePartnership', [], createCommand(), admin, now],
    ['RecordGoals', [created()], recordGoals([goal({ rank: 2 }), goal({ rank: 1 })]), coordinator, now],
    ['SubmitPriorities', [created(), goalsRecorded()], SUBMIT, coordinator, now],
    ['CompleteTask approve', awaitingApproval(), approve(), sponsor, now],
    ['CompleteTask reject', awaitingApproval(), reject('why'), sponsor, now],
    ['FireDueTimers', awaitingApproval(), FIRE, system, new Date('2030-03-01T00:00:00.123Z')],
  ];

  it.each(cases)('%s carries at = now.toISOString() and the actor', (_label, history, command, actor, at) => {
    const events = given(history).when(command, { actor, now: at }).events();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.at).toBe(at.toISOString());
      expect(event.actor).toEqual(actor);
    }
  });

  it.each(cases)('%s leaves the given state untouched', (_label, history, command, actor, at) => {
    const state = fold(history);
    const before = structuredClone(state);
    decide(state, command, { actor, now: at });
    expect(state).toEqual(before);
  });

  it('is rejected as a DomainError carrying its code in toJSON', () => {
    const error = given([created()]).when(recordGoals([goal({ target: 18 })])).thenThrows(ERROR_CODES.invalidGoals);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.toJSON()).toEqual({
      kind: 'rule',
      code: 'PRIORITIES.INVALID_GOALS',
      message: 'The goals are not SMART',
      fields: { 'goals.0.target': 'must differ from the baseline' },
    });
  });
});
