import { describe, expect, it } from 'vitest';
import { eventsAsOf } from './as-of.js';
import type { PartnershipEvent } from './events.js';
import { created, EARLIER, GOALS, goalsRecorded, HOUR, NOW, SCOPE, sponsor, stamped } from './spec-helpers.js';
import type { SequencedPartnershipEvent } from './state-diff.js';

const sequenced = (events: PartnershipEvent[]): SequencedPartnershipEvent[] => events.map((event, index) => ({ ...event, sequence: index + 1 }));
const AN_HOUR_LATER = new Date(EARLIER.getTime() + HOUR);

/** Created and goals recorded at EARLIER, a target lowered an hour later, submitted at NOW. */
const log = () =>
  sequenced([
    created(),
    goalsRecorded(),
    stamped({ type: 'GoalsRecorded', data: { goals: [GOALS[0]!, { ...GOALS[1]!, target: 65 }], scope: SCOPE } }, AN_HOUR_LATER),
    stamped({ type: 'PrioritiesSubmitted', data: {} }, NOW, sponsor),
  ]);
const sequencesOf = (answer: ReturnType<typeof eventsAsOf>) => ('events' in answer ? answer.events.map((event) => event.sequence) : answer);

describe('eventsAsOf', () => {
  it('given a sequence, then includes the events up to it and stands for the time of that event', () => {
    const answer = eventsAsOf(log(), { sequence: 3 }, NOW);
    expect(sequencesOf(answer)).toEqual([1, 2, 3]);
    expect(answer).toMatchObject({ instant: AN_HOUR_LATER.toISOString() });
  });

  it('given an instant, then includes every event up to and at it and stands for that instant', () => {
    const between = new Date(AN_HOUR_LATER.getTime() + 1).toISOString();
    expect(eventsAsOf(log(), { at: between }, NOW)).toMatchObject({ instant: between });
    expect(sequencesOf(eventsAsOf(log(), { at: between }, NOW))).toEqual([1, 2, 3]);
    // Two events at the same instant: both are part of the state as of it.
    expect(sequencesOf(eventsAsOf(log(), { at: EARLIER.toISOString() }, NOW))).toEqual([1, 2]);
  });

  it('given the point before the first event, then includes nothing and stands for no time', () => {
    expect(eventsAsOf(log(), { sequence: 0 }, NOW)).toEqual({ events: [], instant: null });
    expect(eventsAsOf(log(), { at: new Date(EARLIER.getTime() - 1).toISOString() }, NOW)).toMatchObject({ events: [] });
  });

  it('given a sequence past the newest event or an instant after now, then says what is wrong', () => {
    expect(eventsAsOf(log(), { sequence: 5 }, NOW)).toEqual({ problem: 'there is no event 5; the newest is 4' });
    const later = new Date(NOW.getTime() + 1).toISOString();
    expect(eventsAsOf(log(), { at: later }, NOW)).toEqual({ problem: `${later} is still to come; give an instant up to now` });
    expect(eventsAsOf([], { sequence: 1 }, NOW)).toEqual({ problem: 'there is no event 1; the newest is 0' });
  });
});
