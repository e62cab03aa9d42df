import { describe, expect, it } from 'vitest';
import type { PartnershipEvent } from './events.js';
import { fold, initialState } from './partnership.js';
import { DEFAULT_POLICY, type PartnershipPolicy } from './policy.js';
import {
  active,
  closedStory,
  completeTask,
  created,
  DAY,
  EARLIER,
  given,
  goalsRecorded,
  HOUR,
  IDS,
  inMeasurement,
  prioritiesDrafted,
  SECOND,
  sponsor,
  stamped,
  system,
  taskAt,
  person,
} from './spec-helpers.js';
import { deadlines, escalationAt, escalationDue, escalationRecipients, nextDeadline, reminderAt, remindersDue } from './timers.js';
import type { OpenTask } from './tasks.js';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);
const window = (openedAt: string, dueAt: string) => ({ openedAt, dueAt });
const policy = (overrides: Partial<PartnershipPolicy> = {}): PartnershipPolicy => ({ ...DEFAULT_POLICY, ...overrides });
/** The approval task after created() + goalsRecorded() + SubmitPriorities at EARLIER (Monday 2030-01-14 09:00), due Monday 2030-01-21 09:00. */
const submitted = (overrides: Partial<PartnershipPolicy> = {}) => prioritiesDrafted({ policy: policy(overrides) }).do({ type: 'SubmitPriorities' });
const TASK = 'p-1.4';
const FIRE = { type: 'FireDueTimers' } as const;
const openTask = (openedAt: string, dueAt: string, sent = 0, level = 0): OpenTask => ({
  ...taskAt({ id: 'p-1.9', kind: 'REVIEW', title: 't', assignee: person(IDS.coordinator) }),
  openedAt,
  dueAt,
  remindersSent: sent,
  escalationLevel: level,
});

describe('reminderAt', () => {
  const w = window('2030-01-14T09:00:00.000Z', '2030-01-21T09:00:00.000Z');

  it('first at half the window, then reminderBeforeDue before due, then every overdueReminderEvery after due', () => {
    expect([0, 1, 2, 3, 4].map((n) => iso(reminderAt(w, DEFAULT_POLICY, n)))).toEqual([
      '2030-01-17T21:00:00.000Z',
      '2030-01-20T09:00:00.000Z',
      '2030-01-23T09:00:00.000Z',
      '2030-01-25T09:00:00.000Z',
      '2030-01-27T09:00:00.000Z',
    ]);
  });

  it('skips the before-due reminder when it would come before the first', () => {
    const short = window('2030-01-14T09:00:00.000Z', '2030-01-15T09:00:00.000Z');
    expect([0, 1, 2].map((n) => iso(reminderAt(short, policy({ reminderBeforeDue: 'PT13H' }), n)))).toEqual([
      '2030-01-14T21:00:00.000Z',
      '2030-01-17T09:00:00.000Z',
      '2030-01-19T09:00:00.000Z',
    ]);
  });

  it('skips it too when it falls exactly on the first', () => {
    const short = window('2030-01-14T09:00:00.000Z', '2030-01-15T09:00:00.000Z');
    expect(iso(reminderAt(short, policy({ reminderBeforeDue: 'PT12H' }), 1))).toBe('2030-01-17T09:00:00.000Z');
  });

  it('works in seconds', () => {
    const quick = window('2030-01-14T09:00:00.000Z', '2030-01-14T09:00:20.000Z');
    const p = policy({ reminderBeforeDue: 'PT5S', overdueReminderEvery: 'PT10S' });
    expect([0, 1, 2, 3].map((n) => reminderAt(quick, p, n) - at(quick.openedAt))).toEqual([10 * SECOND, 15 * SECOND, 30 * SECOND, 40 * SECOND]);
  });
});

describe('escalationAt', () => {
  it('counts whole days as business days: due on a Friday + P5D lands on the next Friday', () => {
    const friday = { dueAt: '2030-01-18T09:00:00.000Z' };
    expect([1, 2, 3].map((level) => iso(escalationAt(friday, DEFAULT_POLICY, level)))).toEqual([
      '2030-01-25T09:00:00.000Z',
      '2030-02-01T09:00:00.000Z',
      '2030-02-08T09:00:00.000Z',
    ]);
  });

  it('skips the weekend for a single business day: due Friday + P1D is Monday', () => {
    expect(iso(escalationAt({ dueAt: '2030-01-18T09:00:00.000Z' }, policy({ escalateAfterOverdue: 'P1D' }), 1))).toBe('2030-01-21T09:00:00.000Z');
  });

  it('adds durations with hours as they are', () => {
    const due = { dueAt: '2030-01-18T09:00:00.000Z' };
    expect(iso(escalationAt(due, policy({ escalateAfterOverdue: 'PT30S' }), 2))).toBe('2030-01-18T09:01:00.000Z');
    expect(iso(escalationAt(due, policy({ escalateAfterOverdue: 'P1DT1H' }), 1))).toBe('2030-01-19T10:00:00.000Z');
  });
});

describe('remindersDue / escalationDue', () => {
  const task = openTask('2030-01-14T09:00:00.000Z', '2030-01-21T09:00:00.000Z');

  it('count every reminder of the schedule due by now', () => {
    expect(remindersDue(task, DEFAULT_POLICY, at('2030-01-17T20:59:59.999Z'))).toBe(0);
    expect(remindersDue(task, DEFAULT_POLICY, at('2030-01-17T21:00:00.000Z'))).toBe(1);
    expect(remindersDue(task, DEFAULT_POLICY, at('2030-01-24T09:00:00.000Z'))).toBe(3);
    expect(remindersDue({ ...task, remindersSent: 3 }, DEFAULT_POLICY, at('2030-01-24T09:00:00.000Z'))).toBe(3);
  });

  it('reach the highest level due, and no further than 3', () => {
    expect(escalationDue(task, DEFAULT_POLICY, at('2030-01-28T08:59:59.999Z'))).toBe(0);
    expect(escalationDue(task, DEFAULT_POLICY, at('2030-02-05T00:00:00.000Z'))).toBe(2);
    expect(escalationDue(task, DEFAULT_POLICY, at('2031-01-01T00:00:00.000Z'))).toBe(3);
  });
});

describe('escalationRecipients', () => {
  const state = active(fold([created({ steeringGroupIds: [IDS.sponsor, IDS.steering] })]));

  it('level 1 the coordinator, level 2 the sponsor, level 3 every sponsor of the steering group (once each)', () => {
    expect(escalationRecipients(state, 1)).toEqual([{ userId: IDS.coordinator }]);
    expect(escalationRecipients(state, 2)).toEqual([{ userId: IDS.sponsor }]);
    expect(escalationRecipients(state, 3)).toEqual([{ userId: IDS.sponsor }, { userId: IDS.steering }]);
  });
});

describe('deadlines / nextDeadline', () => {
  it('nothing before the partnership exists or without open tasks', () => {
    expect(nextDeadline(initialState())).toBeNull();
    expect(deadlines(fold([created(), goalsRecorded()]))).toEqual([]);
  });

  it('an open task has its next reminder and its next escalation, earliest first', () => {
    expect(deadlines(submitted().state)).toEqual([
      { at: at('2030-01-17T21:00:00.000Z'), purpose: 'reminder', taskId: TASK, reminder: 1 },
      { at: at('2030-01-28T09:00:00.000Z'), purpose: 'escalation', taskId: TASK, level: 1 },
    ]);
    expect(nextDeadline(submitted().state)).toBe(at('2030-01-17T21:00:00.000Z'));
  });

  it('follow the task’s progress: after the first reminder, the second; after level 3, no escalation', () => {
    const s = submitted();
    const events: PartnershipEvent[] = [
      ...s.events,
      stamped({ type: 'ReminderSent', data: { taskId: TASK, reminder: 1, recipients: [{ userId: IDS.sponsor }] } }, EARLIER, system),
      stamped({ type: 'TaskEscalated', data: { taskId: TASK, level: 3, recipients: [] } }, EARLIER, system),
    ];
    expect(deadlines(fold(events))).toEqual([{ at: at('2030-01-20T09:00:00.000Z'), purpose: 'reminder', taskId: TASK, reminder: 2 }]);
  });

  it('nothing once the task is completed', () => {
    expect(nextDeadline(submitted().complete('APPROVE_PRIORITIES', null).state)).toBeNull();
  });

  it('review and pulse deadlines in MEASUREMENT only', () => {
    const s = inMeasurement();
    expect(deadlines(s.state)).toEqual([
      { at: EARLIER.getTime() + 60 * DAY, purpose: 'pulse' },
      { at: EARLIER.getTime() + 180 * DAY, purpose: 'review' },
    ]);
    const terminating = s.fork().do({ type: 'ProposeTermination', option: 'exit', reason: 'x' });
    expect(terminating.state.nextReviewAt).not.toBeNull();
    expect(deadlines(terminating.state).map((deadline) => deadline.purpose)).toEqual(['reminder', 'escalation']);
  });

  it('nothing on a closed partnership', () => {
    expect(nextDeadline(closedStory().state)).toBeNull();
  });
});

describe('FireDueTimers', () => {
  it('nothing before the first reminder', () => {
    given(submitted()).when(FIRE, { actor: system, now: new Date(at('2030-01-17T21:00:00.000Z') - 1) }).then([]);
  });

  it('reminds the assignee at half the window', () => {
    const { state } = given(submitted())
      .when(FIRE, { actor: system, now: new Date('2030-01-17T21:00:00.000Z') })
      .then([{ type: 'ReminderSent', data: { taskId: TASK, reminder: 1, recipients: [{ userId: IDS.sponsor }] } }]);
    expect(state.openTasks[0]?.remindersSent).toBe(1);
    expect(nextDeadline(state)).toBe(at('2030-01-20T09:00:00.000Z'));
  });

  it('one ReminderSent catches up the missed reminders (reminder = how many are due)', () => {
    given(submitted())
      .when(FIRE, { actor: system, now: new Date('2030-01-25T10:00:00.000Z') })
      .then([{ type: 'ReminderSent', data: { taskId: TASK, reminder: 4, recipients: [{ userId: IDS.sponsor }] } }]);
  });

  it('escalates to the coordinator five business days after due', () => {
    const s = submitted().do(FIRE, { actor: system, now: new Date('2030-01-27T09:00:00.000Z') });
    expect(s.state.openTasks[0]?.remindersSent).toBe(5);
    given(s)
      .when(FIRE, { actor: system, now: new Date('2030-01-28T09:00:00.000Z') })
      .then([{ type: 'TaskEscalated', data: { taskId: TASK, level: 1, recipients: [{ userId: IDS.coordinator }] } }]);
  });

  it('one TaskEscalated at the highest level due, after the catch-up reminder', () => {
    given(submitted())
      .when(FIRE, { actor: system, now: new Date('2030-02-05T09:00:00.000Z') })
      .then([
        { type: 'ReminderSent', data: { taskId: TASK, reminder: 9, recipients: [{ userId: IDS.sponsor }] } },
        { type: 'TaskEscalated', data: { taskId: TASK, level: 2, recipients: [{ userId: IDS.sponsor }] } },
      ]);
  });

  it('level 3 reaches the whole steering group', () => {
    const [, escalated] = given(submitted()).when(FIRE, { actor: system, now: new Date('2030-02-11T09:00:00.000Z') }).events();
    expect(escalated?.data).toEqual({ taskId: TASK, level: 3, recipients: [{ userId: IDS.sponsor }, { userId: IDS.steering }] });
  });

  it('fires each timer once', () => {
    const now = new Date('2030-02-05T09:00:00.000Z');
    given(submitted().do(FIRE, { actor: system, now })).when(FIRE, { actor: system, now }).then([]);
  });

  it('reminds an organization’s task to the organization', () => {
    const s = inMeasurement().admit(IDS.orgD);
    const task = s.task('SIGN_AGREEMENT', IDS.orgD);
    const [event] = given(s).when(FIRE, { actor: system, now: new Date(Date.parse(task.openedAt) + 3.5 * DAY) }).events();
    expect(event?.data).toEqual({ taskId: task.id, reminder: 1, recipients: [{ organizationId: IDS.orgD }] });
  });

  it('second-scale policies work the same way', () => {
    const s = submitted({ taskDue: 'PT20S', reminderBeforeDue: 'PT5S', overdueReminderEvery: 'PT10S', escalateAfterOverdue: 'PT30S' });
    const opened = EARLIER.getTime();
    given(s)
      .when(FIRE, { actor: system, now: new Date(opened + 51 * SECOND) })
      .then([
        { type: 'ReminderSent', data: { taskId: TASK, reminder: 5, recipients: [{ userId: IDS.sponsor }] } },
        { type: 'TaskEscalated', data: { taskId: TASK, level: 1, recipients: [{ userId: IDS.coordinator }] } },
      ]);
  });

  it('after completion nothing more fires', () => {
    const s = submitted().do(completeTask(TASK), { actor: sponsor });
    given(s).when(FIRE, { actor: system, now: new Date(EARLIER.getTime() + 100 * DAY + HOUR) }).then([]);
  });
});
