import { describe, expect, it } from 'vitest';
import { evolve, fold, initialState, type PartnershipEvent, type PartnershipState } from './partnership.js';
import { DEFAULT_POLICY } from './policy.js';
import { EARLIER, IDS, NOW, SCOPE, created, goal, goalsRecorded, stamped, submitted, TASK_ID } from './spec-helpers.js';

const active = (state: PartnershipState) => {
  if (state.status !== 'active') throw new Error('expected an active partnership');
  return state;
};

describe('initialState', () => {
  it('is absent at version 0', () => {
    expect(initialState()).toEqual({ status: 'absent', version: 0 });
  });
});

describe('evolve', () => {
  it('creates the partnership from PartnershipCreated', () => {
    expect(evolve(initialState(), created())).toEqual({
      status: 'active',
      id: IDS.partnership,
      name: 'River Valley Health Partnership',
      description: 'Better outcomes for the valley',
      coordinatorId: IDS.coordinator,
      sponsorId: IDS.sponsor,
      organizationIds: [IDS.orgA, IDS.orgB],
      policy: DEFAULT_POLICY,
      stage: 'PRIORITY_SETTING',
      goals: [],
      scope: '',
      prioritiesStatus: 'DRAFTING',
      lastRejectionReason: null,
      openTasks: [],
      createdAt: EARLIER.toISOString(),
      updatedAt: EARLIER.toISOString(),
      version: 1,
    });
  });

  it('ignores events before creation', () => {
    const events: PartnershipEvent[] = [goalsRecorded(), ...submitted()];
    for (const event of events) expect(evolve(initialState(), event)).toEqual({ status: 'absent', version: 0 });
    expect(fold(events)).toEqual(initialState());
  });

  it('increments the version and moves updatedAt with every event', () => {
    const later = stamped({ type: 'GoalsRecorded', data: { goals: [goal()], scope: SCOPE } }, NOW);
    const state = active(fold([created(), later]));
    expect(state.version).toBe(2);
    expect(state.createdAt).toBe(EARLIER.toISOString());
    expect(state.updatedAt).toBe(NOW.toISOString());
  });

  it('does not mutate the state it is given', () => {
    const before = fold([created(), goalsRecorded()]);
    const snapshot = structuredClone(before);
    evolve(before, submitted()[0]!);
    expect(before).toEqual(snapshot);
  });

  it('does not share the organization list with the event', () => {
    const event = created();
    const state = active(evolve(initialState(), event));
    if (event.type !== 'PartnershipCreated') throw new Error('unexpected event');
    expect(state.organizationIds).not.toBe(event.data.organizationIds);
  });
});

describe('fold', () => {
  it('is evolve applied in order; the version counts the events', () => {
    const events = [created(), goalsRecorded(), ...submitted()];
    const state = active(fold(events));
    expect(state.version).toBe(events.length);
    expect(state.prioritiesStatus).toBe('SUBMITTED');
    expect(state.openTasks.map((task) => task.id)).toEqual([TASK_ID]);
    expect(state.openTasks[0]).toMatchObject({ remindedAt: null, escalatedAt: null });
  });

  it('continues from a given state', () => {
    const [first, ...rest] = [created(), goalsRecorded(), ...submitted()];
    expect(fold(rest, fold([first!]))).toEqual(fold([first!, ...rest]));
  });

  it('of nothing is the initial state', () => {
    expect(fold([])).toEqual(initialState());
  });
});
