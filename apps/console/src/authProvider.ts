/**
 * Sign-in against POST /api/auth/login. The token goes to localStorage for the data provider;
 * the user's role becomes react-admin's "permissions".
 */
import type { AuthProvider } from 'react-admin';
import { API_URL, fetchJson } from './dataProvider';
import { asRole } from './roles';
import { clearSession, readToken, readUser, saveSession, type SessionUser } from './session';

interface LoginResponse {
  token: string;
  user: SessionUser;
}

interface LoginParams {
  /** react-admin's login form calls the field "username"; the API calls it email. */
  username: string;
  password: string;
}

export const authProvider: AuthProvider = {
  async login({ username, password }: LoginParams) {
    // Sign-in must not carry a stale token from an earlier session.
    clearSession();
    const response = await fetchJson(`${API_URL}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: username.trim(), password }),
    });
    const { token, user } = response.json as LoginResponse;
    saveSession(token, user);
  },

  async logout() {
    clearSession();
  },

  async checkAuth() {
    if (readToken() === null) throw new Error('Please sign in');
  },

  async checkError(error: { status?: number }) {
    // 401: the token is missing, expired or revoked. 403 only means "not you": stay signed in.
    if (error.status === 401) {
      clearSession();
      throw new Error('Your session has ended, please sign in again');
    }
  },

  async getIdentity() {
    const user = readUser();
    if (user === null) throw new Error('Please sign in');
    return { id: user.id, fullName: user.name, email: user.email, role: user.role, organizationId: user.organizationId };
  },

  async getPermissions() {
    return asRole(readUser()?.role);
  },
};
