import { describe, expect, it } from 'vitest';
import { fold, initialState, type PartnershipEvent, type Task } from './partnership.js';
import { approvalTask, created, goalsRecorded, stamped, system, TASK_ID } from './spec-helpers.js';
import { deadlines, dueTimerEvents, nextDeadline } from './timers.js';

const ms = (iso: string) => Date.parse(iso);

const task = (id: string, remindAt: string, escalateAt: string): Task => ({ ...approvalTask(id), remindAt, escalateAt });
const opened = (t: Task): PartnershipEvent => stamped({ type: 'TaskOpened', data: { task: t } });
const reminded = (taskId: string, at: string): PartnershipEvent =>
  stamped({ type: 'ReminderSent', data: { taskId, recipientIds: ['u-sponsor'] } }, new Date(at), system);
const escalated = (taskId: string, at: string): PartnershipEvent =>
  stamped({ type: 'TaskEscalated', data: { taskId, recipientIds: ['u-coordinator', 'u-sponsor'] } }, new Date(at), system);

const A = task('p-1.3', '2030-01-17T21:00:00.000Z', '2030-01-28T09:00:00.000Z');
const B = task('p-1.4', '2030-01-16T12:00:00.000Z', '2030-01-30T00:00:00.000Z');

describe('nextDeadline', () => {
  it('is null before the partnership exists', () => {
    expect(nextDeadline(initialState())).toBeNull();
  });

  it('is null when no task is open', () => {
    expect(nextDeadline(fold([created(), goalsRecorded()]))).toBeNull();
  });

  it('is null once the only task is completed', () => {
    const state = fold([
      created(),
      opened(A),
      stamped({ type: 'TaskCompleted', data: { taskId: A.id, decision: 'approve', comment: null } }),
    ]);
    expect(nextDeadline(state)).toBeNull();
  });

  it('is the reminder first, then the escalation, then nothing', () => {
    const history = [created(), opened(A)];
    expect(nextDeadline(fold(history))).toBe(ms(A.remindAt));
    history.push(reminded(A.id, A.remindAt));
    expect(nextDeadline(fold(history))).toBe(ms(A.escalateAt));
    history.push(escalated(A.id, A.escalateAt));
    expect(nextDeadline(fold(history))).toBeNull();
  });

  it('is the earliest pending timer across tasks, whatever the order they opened in', () => {
    expect(nextDeadline(fold([created(), opened(A), opened(B)]))).toBe(ms(B.remindAt));
    expect(nextDeadline(fold([created(), opened(B), opened(A)]))).toBe(ms(B.remindAt));
    expect(nextDeadline(fold([created(), opened(A), opened(B), reminded(B.id, B.remindAt)]))).toBe(ms(A.remindAt));
    expect(
      nextDeadline(fold([created(), opened(A), opened(B), reminded(B.id, B.remindAt), reminded(A.id, A.remindAt)])),
    ).toBe(ms(A.escalateAt));
  });

  it('counts an escalation that is pending even though the reminder is too', () => {
    const early = task('p-1.5', '2030-02-01T00:00:00.000Z', '2030-01-20T00:00:00.000Z');
    expect(nextDeadline(fold([created(), opened(early)]))).toBe(ms('2030-01-20T00:00:00.000Z'));
  });
});

describe('deadlines', () => {
  it('lists every pending timer, earliest first', () => {
    expect(deadlines(fold([created(), opened(A), opened(B)]))).toEqual([
      { at: B.remindAt, taskId: B.id, purpose: 'reminder' },
      { at: A.remindAt, taskId: A.id, purpose: 'reminder' },
      { at: A.escalateAt, taskId: A.id, purpose: 'escalation' },
      { at: B.escalateAt, taskId: B.id, purpose: 'escalation' },
    ]);
  });
});

describe('dueTimerEvents', () => {
  it('returns the due ones across tasks in deadline order', () => {
    const state = fold([created(), opened(A), opened(B)]);
    if (state.status !== 'active') throw new Error('expected an active partnership');
    expect(dueTimerEvents(state, new Date(A.remindAt))).toEqual([
      { type: 'ReminderSent', data: { taskId: B.id, recipientIds: ['u-sponsor'] } },
      { type: 'ReminderSent', data: { taskId: A.id, recipientIds: ['u-sponsor'] } },
    ]);
    expect(dueTimerEvents(state, new Date(ms(B.remindAt) - 1))).toEqual([]);
  });

  it('keeps the default task id in sync with the helpers', () => {
    expect(approvalTask(TASK_ID).id).toBe('p-1.4');
  });
});
