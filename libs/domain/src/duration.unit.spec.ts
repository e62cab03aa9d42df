import { describe, expect, it } from 'vitest';
import { durationMs, isDuration, parseDuration } from './duration.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['P7D', 7 * DAY],
    ['PT2S', 2 * SECOND],
    ['P3DT12H', 3 * DAY + 12 * HOUR],
    ['PT0.5S', 500],
    ['PT0,5S', 500],
    ['P1W', 7 * DAY],
    ['PT30M', 30 * 60 * SECOND],
    ['P1DT1H1M1S', DAY + HOUR + 60 * SECOND + SECOND],
    ['P1M', 30 * DAY],
    ['P1Y', 365 * DAY],
    ['PT1M', 60 * SECOND],
    ['P0D', 0],
    ['PT1.0005S', 1001],
  ])('%s → %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['7D', 'P', 'PT', '', 'P1DT', 'PT1', 'P1H', 'T1H', 'p7d', 'P7D ', ' P7D', 'P-1D', 'P1.D', 'PT1S2M', 'P1D1W'])(
    '%j → null',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});

describe('isDuration / durationMs', () => {
  it('agree with parseDuration', () => {
    expect(isDuration('P7D')).toBe(true);
    expect(isDuration('7D')).toBe(false);
    expect(durationMs('PT2S')).toBe(2000);
  });

  it('durationMs throws on a non-duration', () => {
    expect(() => durationMs('soon')).toThrow('Not an ISO-8601 duration: soon');
  });
});
