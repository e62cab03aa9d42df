import { describe, expect, it } from 'vitest';
import { fieldErrors } from '@pe/domain';
import { VERIFICATION_PAGE, verificationQuerySchema } from './verification-query.js';

describe('verificationQuerySchema', () => {
  it('starts at the first page of the default size, and takes a cursor and a size within bounds', () => {
    expect(verificationQuerySchema.parse({})).toEqual({ limit: VERIFICATION_PAGE.default });
    const after = '0F0E0D0C-0000-4000-8000-00000000000A';
    expect(verificationQuerySchema.parse({ after, limit: String(VERIFICATION_PAGE.max) })).toEqual({ after: after.toLowerCase(), limit: VERIFICATION_PAGE.max });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: String(VERIFICATION_PAGE.max + 1) }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ after: 'the start' }, 'after'],
  ])('refuses %j, naming the field', (query, field) => {
    const result = verificationQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrors(result.error!))).toEqual([field]);
  });

  it('refuses a parameter it does not know', () => {
    expect(verificationQuerySchema.safeParse({ page: '2' }).success).toBe(false);
  });
});
