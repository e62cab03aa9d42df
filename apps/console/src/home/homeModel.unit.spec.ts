import { ROLES } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { countByStage, homeSectionsFor, myTasksTitle, overdueTasks } from './homeModel';

describe('the home page', () => {
  it('gives every role its sections: the coordinator’s overview, the sponsor’s approvals first, the auditor’s activity', () => {
    expect(homeSectionsFor('coordinator')).toEqual(['stages', 'overdue', 'deadlines', 'escalations', 'myTasks']);
    expect(homeSectionsFor('sponsor')[0]).toBe('myTasks');
    expect(homeSectionsFor('sponsor')).toContain('escalations');
    expect(homeSectionsFor('partner')[0]).toBe('myTasks');
    expect(homeSectionsFor('auditor')[0]).toBe('activity');
    for (const role of ROLES) expect(homeSectionsFor(role).length).toBeGreaterThan(0);
    expect(homeSectionsFor(undefined)).toEqual([]);
    expect(myTasksTitle('sponsor')).toBe('Approvals waiting for you');
    expect(myTasksTitle('partner')).toBe('Your organization’s tasks');
  });

  it('counts partnerships per stage in the method’s order', () => {
    const counts = countByStage([{ stage: 'LISTENING' }, { stage: 'LISTENING' }, { stage: 'MEASUREMENT' }]);
    expect(counts.map(({ stage, count }) => `${stage}:${count}`)).toEqual([
      'PRIORITY_SETTING:0',
      'LISTENING:2',
      'ROLE_IDENTIFICATION:0',
      'MEASUREMENT:1',
      'TERMINATION:0',
      'CLOSED:0',
    ]);
  });

  it('finds the open tasks past due, the longest overdue first', () => {
    const now = new Date('2030-01-15T09:00:00.000Z');
    const tasks = [
      { id: 'a', status: 'open', dueAt: '2030-01-14T09:00:00.000Z' },
      { id: 'b', status: 'open', dueAt: '2030-01-16T09:00:00.000Z' },
      { id: 'c', status: 'completed', dueAt: '2030-01-01T09:00:00.000Z' },
      { id: 'd', status: 'open', dueAt: '2030-01-10T09:00:00.000Z' },
    ];
    expect(overdueTasks(tasks, now).map((task) => task.id)).toEqual(['d', 'a']);
  });
});
