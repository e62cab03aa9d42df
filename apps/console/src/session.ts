/**
 * The signed-in user's token and profile, kept in localStorage so a reload (or a second tab)
 * stays signed in. Only the auth provider writes here; the data provider only reads the token.
 */
import type { Role } from '@pe/domain';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
}

const TOKEN_KEY = 'pe.token';
const USER_KEY = 'pe.user';

export function readToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function readUser(): SessionUser | null {
  const raw = localStorage.getItem(USER_KEY);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as SessionUser;
  } catch {
    // A corrupt entry is as good as no session: the user signs in again.
    return null;
  }
}

export function saveSession(token: string, user: SessionUser): void {
  localStorage.setItem(TOKEN_KEY, token);
  localStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession(): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(USER_KEY);
}
