import { describe, expect, it } from 'vitest';
import { afterFailure, isSpent, lockedForMs, NO_FAILURES, type FailureLimit, type FailureRecord } from './sign-in-throttle.js';

const MINUTE = 60_000;
const limit: FailureLimit = { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE };
const failAt = (times: number[], record: FailureRecord = NO_FAILURES) => times.reduce((current, at) => afterFailure(current, at, limit), record);

describe('sign-in throttling', () => {
  it('locks at the fifth failure within the window, for the lockout, and not before', () => {
    const four = failAt([0, MINUTE, 2 * MINUTE, 3 * MINUTE]);
    expect(lockedForMs(four, 3 * MINUTE)).toBe(0);
    expect(four.failures).toHaveLength(4);
    const five = afterFailure(four, 4 * MINUTE, limit);
    expect(five.lockedUntil).toBe(19 * MINUTE);
    expect(lockedForMs(five, 4 * MINUTE)).toBe(15 * MINUTE);
    expect(lockedForMs(five, 19 * MINUTE - 1)).toBe(1);
    expect(lockedForMs(five, 19 * MINUTE)).toBe(0);
  });

  it('forgets failures older than the window (a sliding window, not a fixed one)', () => {
    // Four failures early, a fifth just after the first has left the window: no lock.
    const record = failAt([0, 10 * MINUTE, 11 * MINUTE, 12 * MINUTE, 15 * MINUTE]);
    expect(record.lockedUntil).toBeNull();
    expect(record.failures).toEqual([10 * MINUTE, 11 * MINUTE, 12 * MINUTE, 15 * MINUTE]);
    // One more inside the window of the last five: locked.
    expect(afterFailure(record, 16 * MINUTE, limit).lockedUntil).toBe(31 * MINUTE);
  });

  it('counts afresh once a lock has ended', () => {
    const locked = failAt([0, 1, 2, 3, 4]);
    expect(locked.failures).toEqual([]);
    const after = afterFailure(locked, 20 * MINUTE, limit);
    expect(after).toEqual({ failures: [20 * MINUTE], lockedUntil: null });
  });

  it('never shortens a lock when a failure lands during it', () => {
    const locked = failAt([0, 1, 2, 3, 4]);
    const during = afterFailure(locked, MINUTE, limit);
    expect(during.lockedUntil).toBe(locked.lockedUntil);
    expect(lockedForMs(during, MINUTE)).toBe(lockedForMs(locked, MINUTE));
  });

  it('locks at the first failure when one is the limit', () => {
    expect(afterFailure(NO_FAILURES, 1000, { maxFailures: 1, windowMs: MINUTE, lockoutMs: 5000 }).lockedUntil).toBe(6000);
  });

  it('says when a record can be forgotten', () => {
    const one = failAt([0]);
    expect(isSpent(one, 15 * MINUTE - 1, limit)).toBe(false);
    expect(isSpent(one, 15 * MINUTE, limit)).toBe(true);
    const locked = failAt([0, 1, 2, 3, 4]);
    expect(isSpent(locked, 10 * MINUTE, limit)).toBe(false);
    expect(isSpent(locked, 16 * MINUTE, limit)).toBe(true);
  });
});
