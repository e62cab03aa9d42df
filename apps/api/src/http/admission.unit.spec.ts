import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Admission } from './admission.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a process-wide cap on heavy work', () => {
  it('admits up to its capacity at once and refuses the next when it may not wait', async () => {
    const admission = new Admission(2);
    const first = await admission.enter(0);
    const second = await admission.enter(0);
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(await admission.enter(0)).toBeNull();
    first!();
    expect(await admission.enter(0)).toBeTypeOf('function');
  });

  it('hands a freed turn to the caller waiting longest, and refuses a caller whose wait ran out', async () => {
    const admission = new Admission(1);
    const holder = (await admission.enter(0))!;
    const patient = admission.enter(10_000);
    const hasty = admission.enter(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await hasty).toBeNull();
    holder();
    const turn = await patient;
    expect(turn).toBeTypeOf('function');
    // The turn passed on: nobody else gets in until it is released, and releasing twice frees it once.
    expect(await admission.enter(0)).toBeNull();
    turn!();
    turn!();
    const again = (await admission.enter(0))!;
    expect(await admission.enter(0)).toBeNull();
    again();
  });

  it('refuses at once beyond the callers it lets wait', async () => {
    const admission = new Admission(1, 1);
    await admission.enter(0);
    void admission.enter(10_000);
    expect(await admission.enter(10_000)).toBeNull();
  });
});
