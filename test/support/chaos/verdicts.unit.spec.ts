/** The chaos audit's judgements fail on what they must catch, and only on that. */
import { describe, expect, it } from 'vitest';
import type { AppliedCommand } from './load.js';
import { gapsIn, notExactlyOnce, remindersNotOnce, rowsApart, workflowsApartFromLog } from './verdicts.js';

const P = '11111111-1111-4111-8111-111111111111';
const command = (n: number, sequence: number): AppliedCommand => ({ key: `k${n}`, partnershipId: P, name: `chaos r client 0 command ${n}`, sequence, attempts: 1, latencyMs: 5 });

describe('gapsIn', () => {
  it('accepts a log running 1..n', () => {
    expect(gapsIn([P], new Map([[P, [1, 2, 3]]]))).toEqual([]);
  });

  it.each([
    ['a missing sequence', [1, 2, 4], 'sequence 4 at position 3'],
    ['a log not starting at 1', [2, 3], 'sequence 2 at position 1'],
    ['a repeated sequence', [1, 2, 2, 3], 'sequence 2 at position 3'],
    ['no events at all', [], 'no events'],
  ])('names %s', (_case, sequences, problem) => {
    const [found] = gapsIn([P], new Map([[P, sequences]]));
    expect(found).toContain(problem);
  });
});

describe('notExactlyOnce', () => {
  const applied = [command(1, 4), command(2, 5)];
  const logged = applied.map(({ partnershipId, sequence, name }) => ({ partnershipId, sequence, name }));

  it('accepts each acknowledged command once, where its answer said', () => {
    expect(notExactlyOnce(applied, logged)).toEqual([]);
  });

  it('catches a doubled command, a lost one, one at another sequence, and one nobody was told of', () => {
    expect(notExactlyOnce(applied, [...logged, { ...logged[0]!, sequence: 6 }])).toEqual([`k1: answered as ${P}#4 after 1 attempt(s), in the log 2 time(s) (${P}#4, ${P}#6)`]);
    expect(notExactlyOnce(applied, logged.slice(1))).toEqual([`k1: answered as ${P}#4 after 1 attempt(s), in the log 0 time(s) (nowhere)`]);
    expect(notExactlyOnce(applied, [{ ...logged[0]!, sequence: 7 }, logged[1]!])).toHaveLength(1);
    expect(notExactlyOnce(applied.slice(1), logged)).toEqual(['"chaos r client 0 command 1" is in the log (1×) but no client was told it was applied']);
  });
});

describe('workflowsApartFromLog', () => {
  it('holds each workflow level with its log', () => {
    expect(workflowsApartFromLog(new Map([[P, 3]]), new Map([[P, [1, 2, 3]]]))).toEqual([]);
    expect(workflowsApartFromLog(new Map([[P, 4]]), new Map([[P, [1, 2, 3]]]))).toEqual([`${P}: the workflow is at version 4, the log ends at 3`]);
  });
});

describe('rowsApart', () => {
  const rows = new Map([
    ['a', '{"title":"Approve"}'],
    ['b', '{"title":"Sign"}'],
  ]);

  it('accepts projections equal to the rebuild', () => {
    expect(rowsApart('tasks', rows, new Map(rows))).toEqual([]);
  });

  it('catches a changed row, a row the log does not give, and one never projected', () => {
    expect(rowsApart('tasks', new Map([...rows, ['b', '{"title":"Signed"}']]), rows)).toEqual(['tasks b: projected {"title":"Signed"} but the log gives {"title":"Sign"}']);
    expect(rowsApart('tasks', new Map([...rows, ['c', '{}']]), rows)).toEqual(['tasks c: projected, but the log gives no such row']);
    expect(rowsApart('tasks', new Map([['a', rows.get('a')!]]), rows)).toEqual(['tasks b: the log gives this row but it was never projected']);
  });
});

describe('remindersNotOnce', () => {
  // Reminders at 10 s and 16 s after opening, then an hour after the due time (20 s).
  const policy = { taskDue: 'PT20S', reminderBeforeDue: 'PT4S', overdueReminderEvery: 'PT1H', escalateAfterOverdue: 'PT1H', healthPulse: 'P1D', reviewCycle: 'P2D' };
  const opened = Date.parse('2030-01-01T00:00:00.000Z');
  const task = (sent: number[]) => ({ id: 't', openedAt: new Date(opened).toISOString(), dueAt: new Date(opened + 20_000).toISOString(), policy, sent });
  const now = opened + 60_000;

  it('accepts each due reminder once, and missed ones sent as one', () => {
    expect(remindersNotOnce([task([1, 2])], now)).toEqual([]);
    expect(remindersNotOnce([task([2])], now)).toEqual([]);
    expect(remindersNotOnce([task([1])], opened + 12_000)).toEqual([]);
  });

  it('catches a reminder fired twice, one never fired, and one fired before it was due', () => {
    expect(remindersNotOnce([task([1, 1, 2])], now)).toEqual(['t: 2 reminder(s) due by now, the log sent reminder numbers [1, 1, 2]']);
    expect(remindersNotOnce([task([1])], now)).toEqual(['t: 2 reminder(s) due by now, the log sent reminder numbers [1]']);
    expect(remindersNotOnce([task([])], now)).toHaveLength(1);
    expect(remindersNotOnce([task([1, 2, 3])], now)).toHaveLength(1);
  });
});
