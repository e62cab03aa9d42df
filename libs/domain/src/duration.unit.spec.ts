import { describe, expect, it } from 'vitest';
import { addBusinessDuration, durationInWords, durationMs, isDuration, parseDuration, spanInWords } from './duration.js';

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

describe('addBusinessDuration', () => {
  const at = (iso: string) => Date.parse(iso);
  const add = (from: string, duration: string) => new Date(addBusinessDuration(at(from), duration)).toISOString();

  it.each<[string, string, string, string]>([
    ['Friday + P5D is the next Friday', '2030-01-18T09:00:00.000Z', 'P5D', '2030-01-25T09:00:00.000Z'],
    ['Monday + P5D is the next Monday', '2030-01-14T09:00:00.000Z', 'P5D', '2030-01-21T09:00:00.000Z'],
    ['Friday + P1D is Monday', '2030-01-18T09:00:00.000Z', 'P1D', '2030-01-21T09:00:00.000Z'],
    ['Thursday + P1D is Friday', '2030-01-17T09:00:00.000Z', 'P1D', '2030-01-18T09:00:00.000Z'],
    ['Saturday + P1D is Monday', '2030-01-19T12:00:00.000Z', 'P1D', '2030-01-21T12:00:00.000Z'],
    ['Sunday + P1D is Monday', '2030-01-20T12:00:00.000Z', 'P1D', '2030-01-21T12:00:00.000Z'],
    ['Wednesday + P1W (7 business days) is the Friday after next', '2030-01-16T09:00:00.000Z', 'P1W', '2030-01-25T09:00:00.000Z'],
    ['Friday + P10D is two Fridays later', '2030-01-18T09:00:00.000Z', 'P10D', '2030-02-01T09:00:00.000Z'],
  ])('whole days count business days: %s', (_label, from, duration, expected) => {
    expect(add(from, duration)).toBe(expected);
  });

  it.each<[string, string, string, string]>([
    ['seconds', '2030-01-18T23:59:50.000Z', 'PT30S', '2030-01-19T00:00:20.000Z'],
    ['hours over a weekend', '2030-01-18T20:00:00.000Z', 'PT36H', '2030-01-20T08:00:00.000Z'],
    ['days and hours', '2030-01-18T09:00:00.000Z', 'P1DT1H', '2030-01-19T10:00:00.000Z'],
  ])('anything with a time part is added as is: %s', (_label, from, duration, expected) => {
    expect(add(from, duration)).toBe(expected);
  });

  it('P0D adds nothing', () => {
    expect(add('2030-01-19T12:00:00.000Z', 'P0D')).toBe('2030-01-19T12:00:00.000Z');
  });

  it('throws on a non-duration', () => {
    expect(() => addBusinessDuration(0, 'soon')).toThrow('Not an ISO-8601 duration: soon');
  });
});

describe('durationInWords', () => {
  it.each<[string, string]>([
    ['P30D', '30 days'],
    ['P1D', '1 day'],
    ['P3M', '3 months'],
    ['P1Y6M', '1 year and 6 months'],
    ['P2W', '2 weeks'],
    ['P1DT12H', '1 day and 12 hours'],
    ['PT30S', '30 seconds'],
    ['PT1H30M5S', '1 hour, 30 minutes and 5 seconds'],
    ['PT0.5S', '0.5 seconds'],
    ['P0D', 'no time'],
    ['soon', 'soon'],
  ])('%s → %s', (text, words) => {
    expect(durationInWords(text)).toBe(words);
  });
});

describe('spanInWords', () => {
  it.each<[number, string]>([
    [3 * DAY + 2 * HOUR, '3 days'],
    [DAY, '1 day'],
    [36 * HOUR, '2 days'],
    [5 * HOUR + 10 * 60 * SECOND, '5 hours'],
    [90 * SECOND, '2 minutes'],
    [40 * SECOND, '40 seconds'],
    [-2 * DAY, '2 days'],
  ])('%d ms → %s', (ms, words) => {
    expect(spanInWords(ms)).toBe(words);
  });
});
