import { describe, expect, it } from 'vitest';
import { canMoveDueDate, chasesLabel, deadlineLabel, recipientIds, relativeWhen, toMoveDueDateCommand } from './deadlineModel';

const NOW = new Date('2030-01-15T09:00:00.000Z');

describe('the deadline ledger', () => {
  it('labels each timer', () => {
    expect(deadlineLabel({ purpose: 'reminder', reminder: 2, level: null })).toBe('Reminder 2');
    expect(deadlineLabel({ purpose: 'escalation', reminder: null, level: 2 })).toBe('Escalation (level 2)');
    expect(deadlineLabel({ purpose: 'notice', reminder: 1, level: null })).toBe('Termination notice reminder 1');
    expect(deadlineLabel({ purpose: 'termination', reminder: null, level: null })).toBe('Termination takes effect');
    expect(deadlineLabel({ purpose: 'review', reminder: null, level: null })).toBe('Review cycle opens');
    expect(deadlineLabel({ purpose: 'pulse', reminder: null, level: null })).toBe('Health pulse opens');
  });

  it('says when in words, ahead or behind', () => {
    expect(relativeWhen('2030-01-18T09:00:00.000Z', NOW)).toBe('in 3 days');
    expect(relativeWhen('2030-01-15T07:00:00.000Z', NOW)).toBe('2 hours ago');
    expect(relativeWhen(null, NOW)).toBe('—');
    expect(relativeWhen('soon', NOW)).toBe('—');
  });

  it('names whom a timer chases, looking people and organizations up once', () => {
    const entries = [{ recipients: [{ userId: 'u1' }, { organizationId: 'o1' }] }, { recipients: [{ userId: 'u1' }] }, { recipients: [] }];
    expect(recipientIds(entries)).toEqual({ userIds: ['u1'], organizationIds: ['o1'] });
    const names = { user: (id: string) => (id === 'u1' ? 'Sam Sponsor' : undefined), organization: (id: string) => (id === 'o1' ? 'Northwind' : undefined) };
    expect(chasesLabel(entries[0]!.recipients, names)).toBe('Sam Sponsor, Northwind’s representatives');
    expect(chasesLabel([{ userId: 'u9' }], names)).toBe('a person');
    expect(chasesLabel([], names)).toBe('Nobody (it opens new tasks)');
  });

  it('offers the move only to a coordinator or an admin, and only for a task’s timer', () => {
    expect(canMoveDueDate('coordinator', { taskId: 't' })).toBe(true);
    expect(canMoveDueDate('admin', { taskId: 't' })).toBe(true);
    expect(canMoveDueDate('sponsor', { taskId: 't' })).toBe(false);
    expect(canMoveDueDate('auditor', { taskId: 't' })).toBe(false);
    expect(canMoveDueDate('coordinator', { taskId: null })).toBe(false);
  });

  it('turns the dialog’s value into MoveDueDate, or says what is missing', () => {
    expect(toMoveDueDateCommand('t1', { dueAt: new Date('2030-02-01T10:00:00.000Z') })).toEqual({
      command: { type: 'MoveDueDate', taskId: 't1', dueAt: '2030-02-01T10:00:00.000Z' },
    });
    const local = toMoveDueDateCommand('t1', { dueAt: '2030-02-01T10:00' });
    expect('command' in local && local.command.dueAt).toBe(new Date('2030-02-01T10:00').toISOString());
    expect(toMoveDueDateCommand('t1', { dueAt: '' })).toEqual({ errors: { dueAt: 'Choose the new due date and time' } });
    expect(toMoveDueDateCommand('t1', {})).toHaveProperty('errors.dueAt');
  });
});
