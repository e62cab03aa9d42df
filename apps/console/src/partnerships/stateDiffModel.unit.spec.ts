import { describe, expect, it } from 'vitest';
import { changeLines, momentParam, momentProblems, type DiffChange } from './stateDiffModel';

const cora = { sequence: 3, type: 'GoalsRecorded', at: '2026-03-03T12:00:00.000Z', actor: { kind: 'user', userId: 'u-1', role: 'coordinator', organizationId: null }, actorName: 'Cora Coordinator' } as const;
const change = (overrides: Partial<DiffChange>): DiffChange => ({ path: 'goals.2.target', segments: ['goals', '2', 'target'], kind: 'changed', before: 40, after: 35, causedBy: [cora], ...overrides });
const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

describe('the diff of two moments, in words', () => {
  it('given a changed goal target, then reads as the goal, its field, before → after, who and when', () => {
    expect(changeLines({ changes: [change({})] }, { day })).toEqual([{ key: 'goals.2.target', text: 'Goal 2 target 40 → 35 by Cora Coordinator on 3 March', events: '#3 GoalsRecorded' }]);
  });

  it('given items added and removed, then names them by title or name; a KPI by its name', () => {
    const lines = changeLines(
      {
        changes: [
          change({ path: 'goals.3', segments: ['goals', '3'], kind: 'added', before: null, after: { rank: 3, title: 'Cut waiting times' } }),
          change({ path: 'kpis.k-1', segments: ['kpis', 'k-1'], kind: 'removed', before: { id: 'k-1', name: 'Readmissions' }, after: null }),
          change({ path: 'kpis.k-1.target', segments: ['kpis', 'k-1', 'target'] }),
        ],
      },
      { day, kpiName: (id) => (id === 'k-1' ? 'Readmissions' : undefined) },
    );
    expect(lines.map((line) => line.text)).toEqual([
      'Goal 3 added: Cut waiting times by Cora Coordinator on 3 March',
      'KPI Readmissions removed: Readmissions by Cora Coordinator on 3 March',
      'KPI Readmissions target 40 → 35 by Cora Coordinator on 3 March',
    ]);
  });

  it('given plain fields, tasks and several causes, then words the field, quotes text and lists every actor', () => {
    const sponsor = { ...cora, sequence: 4, type: 'PrioritiesSubmitted', at: '2026-03-04T12:00:00.000Z', actorName: 'Sam Sponsor' } as const;
    const system = { ...cora, sequence: 5, type: 'TaskDueDateMoved', actor: { kind: 'system', userId: 'system', role: 'system', organizationId: null }, actorName: null } as const;
    const lines = changeLines(
      {
        changes: [
          change({ path: 'prioritiesStatus', segments: ['prioritiesStatus'], before: 'DRAFTING', after: 'SUBMITTED', causedBy: [cora, sponsor] }),
          change({ path: 'openTasks.p.5.dueAt', segments: ['openTasks', 'p.5', 'dueAt'], before: '', after: null, causedBy: [system] }),
          change({ path: 'organizationIds', segments: ['organizationIds'], before: ['a'], after: ['a', 'b'], causedBy: [] }),
        ],
      },
      { day },
    );
    expect(lines.map((line) => line.text)).toEqual([
      'Priorities status “DRAFTING” → “SUBMITTED” by Cora Coordinator on 3 March, then Sam Sponsor on 4 March',
      'Task due empty → none by the system on 3 March',
      'Organization ids a → a, b',
    ]);
    expect(lines[0]!.events).toBe('#3 GoalsRecorded, #4 PrioritiesSubmitted');
  });

  it('sends an event number as it is and a date and time as an ISO instant; leaves what it cannot read for the API to name', () => {
    expect(momentParam(' #12 ')).toBe('12');
    expect(momentParam('7')).toBe('7');
    expect(momentParam('2026-03-03T10:00:00Z')).toBe('2026-03-03T10:00:00.000Z');
    expect(momentParam('yesterday')).toBe('yesterday');
    expect(momentParam('')).toBe('');
  });
});

describe('problems with the moments', () => {
  it('puts the API’s message under `from` or `to`, and leaves any other failure to the notification', () => {
    expect(momentProblems({ body: { fieldErrors: { from: 'must not come after `to`' } } })).toEqual({ from: 'must not come after `to`' });
    expect(momentProblems({ body: { fieldErrors: { id: 'bad' } } })).toBeNull();
    expect(momentProblems(new Error('offline'))).toBeNull();
  });
});
