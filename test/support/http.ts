/** A small HTTP client for tests: JSON in, status, headers and JSON out. */
import { inject } from 'vitest';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export const DEMO_PASSWORD = 'demo-password';
export const DEMO = {
  admin: 'admin@demo.test',
  coordinator: 'coordinator@demo.test',
  partnerRiverside: 'partner.riverside@demo.test',
  partnerNorthwind: 'partner.northwind@demo.test',
  sponsor: 'sponsor@demo.test',
  auditor: 'auditor@demo.test',
} as const;

type RequestOptions = { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string };

/** A request to the shared stack's API. */
export function request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
  return requestAt<T>(inject('apiUrl'), method, path, options);
}

/** A request to the API at `baseUrl` (a test's private API process). */
export async function requestAt<T = any>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

export interface Session {
  token: string;
  user: { id: string; role: string; organizationId: string | null; name: string; email: string };
  get<T = any>(path: string): Promise<Reply<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
}

/** Signs in at the shared API, or at the API at `baseUrl`. */
export async function login(email: string, { password = DEMO_PASSWORD, baseUrl = inject('apiUrl') }: { password?: string; baseUrl?: string } = {}): Promise<Session> {
  const reply = await requestAt(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
  if (reply.status !== 200) throw new Error(`login ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  const { token, user } = reply.body;
  return {
    token,
    user,
    get: (path) => requestAt(baseUrl, 'GET', path, { token }),
    post: (path, body, headers) => requestAt(baseUrl, 'POST', path, { token, body: body ?? {}, headers }),
  };
}

/** Polls until `probe` returns a value (not undefined) or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const listQuery = (filter: Record<string, unknown>, sort: [string, 'ASC' | 'DESC'] = ['id', 'ASC'], range: [number, number] = [0, 99]) =>
  `filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent(JSON.stringify(sort))}&range=${encodeURIComponent(JSON.stringify(range))}`;
