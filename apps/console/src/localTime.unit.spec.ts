import { describe, expect, it } from 'vitest';
import { instantOfInput, instantOfLocalMinute, toLocalInputValue } from './localTime';

describe('local date-time inputs', () => {
  it('read a Date or a local minute as an instant, and nothing else', () => {
    expect(instantOfInput(new Date('2030-02-01T10:00:00.000Z'))).toBe('2030-02-01T10:00:00.000Z');
    expect(instantOfInput('2030-02-01T11:00')).toBe(new Date(2030, 1, 1, 11, 0).toISOString());
    for (const empty of ['', null, undefined, 'someday', 42]) expect(instantOfInput(empty)).toBeNull();
  });

  it('bound a range by whole minutes: "from" at its start, "to" through its last millisecond', () => {
    const start = instantOfLocalMinute('2026-03-01T10:30', 'from');
    const end = instantOfLocalMinute('2026-03-01T10:30', 'to');
    expect(start).toBe(new Date(2026, 2, 1, 10, 30, 0, 0).toISOString());
    expect(end).toBe(new Date(2026, 2, 1, 10, 30, 59, 999).toISOString());
    expect(toLocalInputValue(end)).toBe('2026-03-01T10:30');
    expect(instantOfLocalMinute('', 'from')).toBeNull();
    expect(instantOfLocalMinute('someday', 'to')).toBeNull();
  });

  it('show an instant as the local minute, and nothing for none', () => {
    const value = toLocalInputValue('2030-02-01T10:00:00.000Z');
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(new Date(value).toISOString()).toBe('2030-02-01T10:00:00.000Z');
    expect(toLocalInputValue(null)).toBe('');
  });
});
