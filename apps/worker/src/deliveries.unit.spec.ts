import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '@pe/observability';
import { keepDigestSchedule } from './deliveries.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('keepDigestSchedule', () => {
  it('tries again each minute while Temporal refuses, warning each time, and stops once it worked', async () => {
    vi.useFakeTimers();
    const warnings: string[] = [];
    const logger = { warn: (line: string) => warnings.push(line) } as unknown as Logger;
    let calls = 0;
    const ensure = vi.fn(async () => {
      calls += 1;
      if (calls < 3) throw new Error('schedules unavailable');
    });
    keepDigestSchedule(ensure, logger);
    await vi.advanceTimersByTimeAsync(0);
    expect(ensure).toHaveBeenCalledTimes(1);
    expect(warnings).toEqual([expect.stringContaining('schedules unavailable')]);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ensure).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(ensure).toHaveBeenCalledTimes(3);
    expect(warnings).toHaveLength(2);
  });

  it('stops trying once the worker stops', async () => {
    vi.useFakeTimers();
    const ensure = vi.fn(async () => {
      throw new Error('down');
    });
    const digest = keepDigestSchedule(ensure, { warn: () => undefined } as unknown as Logger);
    await vi.advanceTimersByTimeAsync(0);
    digest.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(ensure).toHaveBeenCalledTimes(1);
  });
});
