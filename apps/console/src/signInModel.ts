/** What the sign-in page says when a sign-in does not go through: why, and for a lockout when to try again. */
import { errorBodyOf } from './apiError';

export interface SignInProblem {
  /** A refusal that ends by itself (429: too many failures) is a warning; a wrong password an error. */
  severity: 'warning' | 'error';
  title: string;
  /** The API's own words (which say whether the email or the address is refused, and for how long). */
  message: string;
  /** When a sign-in is taken again (from Retry-After), or null when that is not the issue. */
  tryAgainAt: Date | null;
}

export function signInProblem(error: unknown, now: Date): SignInProblem {
  const body = errorBodyOf(error);
  if (body === null) {
    return { severity: 'error', title: 'Could not sign in', message: 'The server could not be reached: check your connection and try again.', tryAgainAt: null };
  }
  if (body.statusCode === 429) {
    const tryAgainAt = body.retryAfterSeconds === undefined ? null : new Date(now.getTime() + body.retryAfterSeconds * 1000);
    return { severity: 'warning', title: 'Sign-in refused for now', message: body.message, tryAgainAt };
  }
  return { severity: 'error', title: 'Could not sign in', message: body.message, tryAgainAt: null };
}

/** "You can try again at 14:32." in the reader's own clock (with seconds when it is less than two minutes away). */
export function tryAgainSentence(at: Date, now: Date): string {
  const soon = at.getTime() - now.getTime() < 2 * 60_000;
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', ...(soon ? { second: '2-digit' } : {}) });
  return `You can try again at ${time}.`;
}
