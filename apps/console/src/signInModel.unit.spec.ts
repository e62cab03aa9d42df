import { describe, expect, it } from 'vitest';
import { toHttpError } from './apiError';
import { signInProblem, tryAgainSentence } from './signInModel';

const now = new Date('2026-03-02T10:00:00Z');

describe('what the sign-in page says when a sign-in is refused', () => {
  it('warns of a lockout in the API’s words, with the time Retry-After names', () => {
    const lockedOut = toHttpError(429, 'Too Many Requests', { statusCode: 429, message: 'Too many failed sign-ins for this email' }, '900');
    expect(signInProblem(lockedOut, now)).toEqual({
      severity: 'warning',
      title: 'Sign-in refused for now',
      message: 'Too many failed sign-ins for this email',
      tryAgainAt: new Date('2026-03-02T10:15:00Z'),
    });
  });

  it('says a 429 without a usable Retry-After without inventing a time', () => {
    for (const header of [null, 'Wed, 21 Oct 2026 07:28:00 GMT', '-3']) {
      const refused = toHttpError(429, 'Too Many Requests', { statusCode: 429, message: 'Too many failed sign-ins from your network address' }, header);
      expect(signInProblem(refused, now)).toMatchObject({ severity: 'warning', tryAgainAt: null });
    }
  });

  it('shows a wrong password or a deactivated account as an error, and an unreachable server as such', () => {
    expect(signInProblem(toHttpError(401, 'Unauthorized', { statusCode: 401, message: 'Wrong email or password' }), now)).toEqual({
      severity: 'error',
      title: 'Could not sign in',
      message: 'Wrong email or password',
      tryAgainAt: null,
    });
    expect(signInProblem(new TypeError('Failed to fetch'), now)).toMatchObject({ severity: 'error', message: expect.stringContaining('could not be reached') });
  });

  it('names the time to try again, to the second when it is close', () => {
    expect(tryAgainSentence(new Date(now.getTime() + 15 * 60_000), now)).toMatch(/^You can try again at \d{1,2}[:.]\d{2}( [AP]M)?\.$/);
    expect(tryAgainSentence(new Date(now.getTime() + 40_000), now)).toMatch(/^You can try again at \d{1,2}[:.]\d{2}[:.]\d{2}( [AP]M)?\.$/);
  });
});
