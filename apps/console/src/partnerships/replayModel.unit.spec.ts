import { describe, expect, it } from 'vitest';
import { replayHeadline, replayInstant, replayLoadingHeadline, replayPointOf, searchWithReplayPoint, stepsFrom } from './replayModel';

describe('the replay point in the address', () => {
  it('given ?asOf, then reads the event or the instant; without it the page is live', () => {
    expect(replayPointOf('?asOf=12')).toBe('12');
    expect(replayPointOf('?asOf=2026-03-03T10%3A00%3A00.000Z&actor=u-1')).toBe('2026-03-03T10:00:00.000Z');
    expect(replayPointOf('?actor=u-1')).toBeNull();
    expect(replayPointOf('?asOf=%20')).toBeNull();
    expect(replayPointOf('')).toBeNull();
  });

  it('given a new point or none, then sets or removes it and keeps the timeline filter beside it', () => {
    expect(searchWithReplayPoint('?actor=u-1&type=GoalsRecorded', 3)).toBe('?actor=u-1&type=GoalsRecorded&asOf=3');
    expect(searchWithReplayPoint('?asOf=3&actor=u-1', 4)).toBe('?asOf=4&actor=u-1');
    expect(searchWithReplayPoint('?asOf=3&actor=u-1', null)).toBe('?actor=u-1');
    expect(searchWithReplayPoint('?asOf=3', null)).toBe('');
  });
});

describe('stepping through the log', () => {
  it('given a state in the middle, then steps one event either way; at either end, no further', () => {
    expect(stepsFrom(3, 5)).toEqual({ back: 2, forward: 4 });
    expect(stepsFrom(1, 5)).toEqual({ back: null, forward: 2 });
    expect(stepsFrom(5, 5)).toEqual({ back: 4, forward: null });
    expect(stepsFrom(1, 1)).toEqual({ back: null, forward: null });
  });
});

describe('the replay banner', () => {
  it('given an event as the point, then shows the time of that event; given an instant, that instant', () => {
    const record = { updatedAt: '2026-03-03T10:00:00.000Z' };
    expect(replayInstant('3', record)).toBe('2026-03-03T10:00:00.000Z');
    expect(replayInstant('2026-03-04T08:00:00.000Z', record)).toBe('2026-03-04T08:00:00.000Z');
  });

  it('says when and which event of how many', () => {
    expect(replayHeadline('2026-03-03T10:00:00.000Z', 3, 5, (iso) => iso.slice(0, 10))).toBe('As of 2026-03-03 — event #3 of 5');
  });

  it('while the next point loads, says which one rather than the one still on screen', () => {
    expect(replayLoadingHeadline('4')).toBe('Loading event #4…');
    expect(replayLoadingHeadline('2026-03-04T08:00:00.000Z', (iso) => iso.slice(0, 10))).toBe('Loading 2026-03-04…');
  });
});
