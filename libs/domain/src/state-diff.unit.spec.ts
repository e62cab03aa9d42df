import { describe, expect, it } from 'vitest';
import { diffStates, type SequencedPartnershipEvent } from './state-diff.js';
import { coordinator, created, EARLIER, GOALS, goal, goalsRecorded, HOUR, IDS, KPI_A, NOW, SCOPE, sponsor, stamped } from './spec-helpers.js';
import type { PartnershipEvent } from './events.js';

const sequenced = (events: PartnershipEvent[]): SequencedPartnershipEvent[] => events.map((event, index) => ({ ...event, sequence: index + 1 }));
const at = (date: Date) => date.toISOString();

/** Goals recorded at EARLIER, goal 2's target lowered an hour later, then submitted by the sponsor at NOW. */
const history = () =>
  sequenced([
    created(),
    goalsRecorded(),
    stamped({ type: 'GoalsRecorded', data: { goals: [GOALS[0]!, { ...GOALS[1]!, target: 65 }], scope: SCOPE } }, new Date(EARLIER.getTime() + HOUR), coordinator),
    stamped({ type: 'PrioritiesSubmitted', data: {} }, NOW, sponsor),
  ]);

describe('diffStates', () => {
  it('given a goal whose target changed, when diffed across the change, then names that field alone and the event that did it', () => {
    const diff = diffStates(history(), { sequence: 2 }, { sequence: 3 });
    expect(diff).toEqual({
      fromSequence: 2,
      toSequence: 3,
      changes: [
        {
          path: 'goals.2.target',
          segments: ['goals', '2', 'target'],
          kind: 'changed',
          before: 70,
          after: 65,
          causedBy: [{ sequence: 3, type: 'GoalsRecorded', at: new Date(EARLIER.getTime() + HOUR).toISOString(), actor: coordinator }],
        },
      ],
    });
  });

  it('given instants, when diffed, then includes the events up to and at each instant', () => {
    const diff = diffStates(history(), { at: at(EARLIER) }, { at: at(NOW) });
    expect(diff.fromSequence).toBe(2);
    expect(diff.toSequence).toBe(4);
    expect(diff.changes.map((change) => [change.path, change.kind, change.before, change.after, change.causedBy.map((cause) => cause.sequence)])).toEqual([
      ['goals.2.target', 'changed', 70, 65, [3]],
      ['prioritiesStatus', 'changed', 'DRAFTING', 'SUBMITTED', [4]],
    ]);
  });

  it('given goals added to none, when diffed, then keys each added goal by its rank, not its place in the list', () => {
    const reordered = sequenced([created(), goalsRecorded([goal({ rank: 3 })]), goalsRecorded([goal({ rank: 1, title: 'New first' }), goal({ rank: 3 })])]);
    expect(diffStates(reordered, { sequence: 1 }, { sequence: 2 }).changes).toEqual([
      { path: 'goals.3', segments: ['goals', '3'], kind: 'added', before: null, after: goal({ rank: 3 }), causedBy: [expect.objectContaining({ sequence: 2 })] },
      { path: 'scope', segments: ['scope'], kind: 'changed', before: '', after: SCOPE, causedBy: [expect.objectContaining({ sequence: 2 })] },
    ]);
    expect(diffStates(reordered, { sequence: 2 }, { sequence: 3 }).changes.map((change) => [change.path, change.kind])).toEqual([['goals.1', 'added']]);
  });

  it('given a goal removed and a KPI defined, when diffed, then reports the removal with its before and keys the KPI by id', () => {
    const events = sequenced([
      created(),
      goalsRecorded(),
      goalsRecorded([GOALS[0]!]),
      stamped({ type: 'KpiDefined', data: { kpi: { ...KPI_A, id: 'kpi-1', definedAt: at(NOW) } } }),
    ]);
    const changes = diffStates(events, { sequence: 2 }, { sequence: 4 }).changes;
    expect(changes.map((change) => [change.path, change.kind, change.causedBy.map((cause) => cause.sequence)])).toEqual([
      ['goals.2', 'removed', [3]],
      ['kpis.kpi-1', 'added', [4]],
    ]);
    expect(changes[0]!.before).toEqual(GOALS[1]);
    expect(changes[0]!.after).toBeNull();
  });

  it('given a value changed and changed back, when diffed across both, then reports nothing', () => {
    const events = sequenced([created(), goalsRecorded(), goalsRecorded([GOALS[0]!, { ...GOALS[1]!, target: 1 }]), goalsRecorded()]);
    expect(diffStates(events, { sequence: 2 }, { sequence: 4 }).changes).toEqual([]);
  });

  it('given the same point twice or no events yet, when diffed, then reports nothing; from the start, then the creation itself', () => {
    expect(diffStates(history(), { sequence: 3 }, { sequence: 3 }).changes).toEqual([]);
    const fromStart = diffStates(history(), { sequence: 0 }, { sequence: 1 });
    expect(fromStart.fromSequence).toBe(0);
    expect(fromStart.changes).toContainEqual(expect.objectContaining({ path: 'status', kind: 'changed', before: 'absent', after: 'active' }));
    expect(fromStart.changes).toContainEqual(expect.objectContaining({ path: 'organizationIds', kind: 'added', after: [IDS.orgA, IDS.orgB, IDS.orgC] }));
    expect(fromStart.changes.some((change) => change.path === 'version' || change.path === 'updatedAt')).toBe(false);
  });

  it('given a task whose id holds a dot, when its due date moves, then the segments keep the id whole', () => {
    const task = { id: 'p-1.5', kind: 'APPROVE_PRIORITIES', title: 'Approve', assignee: { kind: 'user', userId: IDS.sponsor }, openedAt: at(EARLIER), dueAt: at(NOW), cycle: null, purpose: null, detail: null } as const;
    const events = sequenced([created(), stamped({ type: 'TaskOpened', data: { task } }), stamped({ type: 'TaskDueDateMoved', data: { taskId: task.id, from: at(NOW), to: at(new Date(NOW.getTime() + HOUR)) } })]);
    const [moved] = diffStates(events, { sequence: 2 }, { sequence: 3 }).changes;
    expect(moved).toMatchObject({ path: 'openTasks.p-1.5.dueAt', segments: ['openTasks', 'p-1.5', 'dueAt'], before: at(NOW), after: at(new Date(NOW.getTime() + HOUR)) });
  });
});
