/**
 * What takes an API process of this file's own (same database and Temporal as the shared stack):
 * the per-address limit with a low threshold (the shared stack sets it out of reach, since every file
 * signs in from 127.0.0.1), client addresses behind a trusted proxy, the email lockout shared between
 * two API processes, and everything the process prints, read whole, holding no password, hash or token.
 * Requests leave from other loopback addresses (127.0.0.2, …) so the limit meets only this file's.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDirectory } from '../support/directory.js';
import { DEMO, DEMO_PASSWORD, listQuery, request } from '../support/http.js';
import { sharedSetting, startApi, type PrivateApi } from '../support/private-processes.js';

const ADDRESS_LIMIT = 3;
const ADDRESS_WINDOW_SECONDS = 600;
const JWT_SECRET = randomBytes(32).toString('hex');
const directory = testDirectory('sign-in-limits');
let api: PrivateApi;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A JSON request to the private API leaving from a loopback address of our choosing, optionally naming a forwarded client. */
function send(method: string, path: string, options: { from?: string; body?: unknown; token?: string; forwardedFor?: string } = {}): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const url = new URL(path, api.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
        },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text ? JSON.parse(text) : null }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const signIn = (email: string, password: string, options: { from?: string; forwardedFor?: string } = {}) =>
  send('POST', '/api/auth/login', { ...options, body: { email, password } });

function expectRefused(answer: Answer, code: 'AUTH.RATE_LIMITED' | 'AUTH.LOCKED_OUT', maxSeconds: number): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(429);
  expect(answer.body).toMatchObject({ statusCode: 429, code, message: expect.stringContaining('Too many failed sign-ins') });
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(maxSeconds - 60);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
}

beforeAll(async () => {
  api = await startApi(
    sharedSetting({
      JWT_SECRET,
      LOG_LEVEL: 'debug',
      TRUST_PROXY: '1',
      SIGN_IN_IP_MAX_FAILURES: String(ADDRESS_LIMIT),
      SIGN_IN_IP_WINDOW: `${ADDRESS_WINDOW_SECONDS}s`,
    }),
    { name: 'api-sign-in-limits', until: 'ready' },
  );
});
afterAll(async () => {
  await api?.stop();
  await directory.remove();
});

describe('the per-address sign-in limit', () => {
  it('refuses an address after its third failure, whatever the email and password, and no other address', async () => {
    const from = '127.0.0.2';
    expect((await signIn(directory.email('a'), 'guess-1', { from })).status).toBe(401);
    expect((await signIn(directory.email('b'), 'guess-2', { from })).status).toBe(401);
    // Three emails, each far below its own lockout: the address is what is refused.
    expectRefused(await signIn(directory.email('c'), 'guess-3', { from }), 'AUTH.RATE_LIMITED', ADDRESS_WINDOW_SECONDS);
    expectRefused(await signIn(DEMO.auditor, DEMO_PASSWORD, { from }), 'AUTH.RATE_LIMITED', ADDRESS_WINDOW_SECONDS);
    expect((await signIn(DEMO.auditor, DEMO_PASSWORD, { from: '127.0.0.3' })).status).toBe(200);
  });

  it('never counts successful sign-ins', async () => {
    const from = '127.0.0.6';
    for (let attempt = 0; attempt < ADDRESS_LIMIT * 2; attempt++) expect((await signIn(DEMO.auditor, DEMO_PASSWORD, { from })).status).toBe(200);
    expect((await signIn(directory.email('d'), 'guess', { from })).status).toBe(401);
  });

  it('counts the client a trusted proxy names, and records that address', async () => {
    const client = '198.51.100.9';
    for (const [index, from] of ['127.0.0.4', '127.0.0.5', '127.0.0.4'].entries()) {
      const answer = await signIn(directory.email(`proxied-${index}`), 'guess', { from, forwardedFor: client });
      if (index < ADDRESS_LIMIT - 1) expect(answer.status).toBe(401);
      else expectRefused(answer, 'AUTH.RATE_LIMITED', ADDRESS_WINDOW_SECONDS);
    }
    expectRefused(await signIn(DEMO.auditor, DEMO_PASSWORD, { from: '127.0.0.5', forwardedFor: client }), 'AUTH.RATE_LIMITED', ADDRESS_WINDOW_SECONDS);
    expect((await signIn(DEMO.auditor, DEMO_PASSWORD, { from: '127.0.0.4', forwardedFor: '198.51.100.10' })).status).toBe(200);

    const admin = (await signIn(DEMO.admin, DEMO_PASSWORD, { from: '127.0.0.7' })).body.token as string;
    const rows = (await send('GET', `/api/access-log?${listQuery({ action: 'sign-in-rate-limited', email: DEMO.auditor })}`, { token: admin, from: '127.0.0.7' })).body as { ip: string }[];
    expect(rows.map((row) => row.ip)).toContain(client);
  });
});

describe('the email lockout across API processes', () => {
  it('counts failures on both processes together and locks the email on both', async () => {
    const email = directory.email('both');
    const shared = (password: string) => request('POST', '/api/auth/login', { body: { email, password } });
    for (let attempt = 0; attempt < 2; attempt++) expect((await shared('guess')).status).toBe(401);
    for (let attempt = 0; attempt < 2; attempt++) expect((await signIn(email, 'guess', { from: '127.0.0.8' })).status).toBe(401);
    // The fifth failure, on the shared API, locks the email for the private one too (and the other way).
    expect((await shared('guess')).status).toBe(429);
    expectRefused(await signIn(email, 'guess', { from: '127.0.0.9' }), 'AUTH.LOCKED_OUT', 15 * 60);
  });
});

describe('the API’s output', () => {
  it('never holds a password, a password hash or a token, through failed sign-ins, a new user and a password reset', async () => {
    const secrets = {
      failedPassword: `failed-${randomBytes(8).toString('hex')}`,
      createdPassword: `created-${randomBytes(8).toString('hex')}`,
      resetPassword: `reset-${randomBytes(8).toString('hex')}`,
    };
    const from = '127.0.0.10';
    const email = directory.email('quiet');
    const adminSignIn = await signIn(DEMO.admin, DEMO_PASSWORD, { from });
    const adminToken = adminSignIn.body.token as string;
    const created = await send('POST', '/api/users', { from, token: adminToken, body: { email, name: 'Quiet person', role: 'auditor', password: secrets.createdPassword } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await signIn(email, secrets.failedPassword, { from })).toMatchObject({ status: 401 });
    expect(await signIn(directory.email('nobody'), secrets.failedPassword, { from })).toMatchObject({ status: 401 });
    // A malformed create and reset carry the password too, and are refused.
    expect((await send('POST', '/api/users', { from, token: adminToken, body: { email: 'not-an-email', name: '', role: 'auditor', password: secrets.createdPassword } })).status).toBe(400);
    expect((await send('PUT', `/api/users/${created.body.id}/password`, { from, token: adminToken, body: { password: secrets.resetPassword, extra: 1 } })).status).toBe(400);
    expect((await send('PUT', `/api/users/${created.body.id}/password`, { from, token: adminToken, body: { password: secrets.resetPassword } })).status).toBe(204);
    const userToken = (await signIn(email, secrets.resetPassword, { from })).body.token as string;
    expect((await send('GET', '/api/me', { from, token: `${adminToken}x` })).status).toBe(401);
    expect((await send('GET', '/api/me', { from, token: userToken })).status).toBe(200);

    const db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    const hashes = (await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = ANY($1)', [[email, DEMO.admin]])).rows.map((row) => row.password_hash);
    await db.end();
    expect(hashes).toHaveLength(2);

    const output = api.output();
    // The capture works: the process's own lines, at debug level, are there.
    expect(output).toContain(`API and console on ${api.url}`);
    expect(output).toMatch(/Mapped \{\/api\/auth\/login, POST\}/);
    for (const [what, secret] of Object.entries({ ...secrets, adminToken, userToken, jwtSecret: JWT_SECRET, firstHash: hashes[0]!, secondHash: hashes[1]! })) {
      expect(output.includes(secret), `${what} in the API's output`).toBe(false);
    }
    // Nor any piece of a token: its signature is its secret part.
    for (const token of [adminToken, userToken]) expect(output.includes(token.split('.')[2]!)).toBe(false);
  });
});
