import { HttpStatus } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, ApiError } from '../http/api-error.js';
import { ExportSlots } from './export-slots.js';

/** Work that finishes only when the test says so. */
function pending() {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { work: () => promise, finish, fail };
}

const busyOf = async (attempt: Promise<unknown>) => {
  const error = await attempt.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).getResponse();
};

describe('export slots', () => {
  it('runs as many exports at once as its capacity and refuses the next with 503 SERVER.BUSY', async () => {
    const slots = new ExportSlots(2);
    const [first, second] = [pending(), pending()];
    const running = [slots.run(first.work), slots.run(second.work)];
    expect(await busyOf(slots.run(async () => 'third'))).toMatchObject({ statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: API_ERROR_CODES.busy });
    first.finish('one');
    second.finish('two');
    expect(await Promise.all(running)).toEqual(['one', 'two']);
    expect(await slots.run(async () => 'after')).toBe('after');
  });

  it('frees the slot of an export that fails', async () => {
    const slots = new ExportSlots(1);
    const failing = pending();
    const attempt = slots.run(failing.work);
    expect(await busyOf(slots.run(async () => 'meanwhile'))).toMatchObject({ code: API_ERROR_CODES.busy });
    failing.fail(new Error('the database went away'));
    await expect(attempt).rejects.toThrow('the database went away');
    expect(await slots.run(async () => 'after')).toBe('after');
  });
});
