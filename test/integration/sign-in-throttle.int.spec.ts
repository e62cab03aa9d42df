/**
 * The per-email sign-in lockout through the real API, on the shared stack (5 failures within 15
 * minutes lock the email for 15 minutes, the defaults): accounts and unknown emails alike, whatever
 * the password once locked, reset by a success, counted atomically under concurrent failures, and
 * every attempt in the access log with the email tried and never the password. Every email here is
 * this file's own, so no other file's account is ever locked.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDataSource, recordSignInFailure } from '@pe/persistence';
import { testDirectory } from '../support/directory.js';
import { DEMO, listQuery, login, request, type Reply, type Session } from '../support/http.js';

const PASSWORD = 'correct horse battery';
const WRONG = 'wrong horse battery';
const LOCKOUT_SECONDS = 15 * 60;
const directory = testDirectory('sign-in');
let admin: Session;
let db: ReturnType<typeof createDataSource>;

const signIn = (email: string, password: string): Promise<Reply> => request('POST', '/api/auth/login', { body: { email, password } });

async function account(): Promise<{ id: string; email: string }> {
  const email = directory.email('person');
  const reply = await admin.post('/api/users', { email, name: 'Sign-in tester', role: 'auditor', password: PASSWORD });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { id: reply.body.id, email };
}

/** The access log's sign-in rows for an email, oldest first. */
async function signInRows(email: string, filter: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
  const reply = await admin.get(`/api/access-log?${listQuery({ email, ...filter }, ['at', 'ASC'])}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

function expectLockedOut(reply: Reply): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(429);
  expect(reply.body).toMatchObject({ statusCode: 429, code: 'AUTH.LOCKED_OUT', message: expect.stringContaining('Too many failed sign-ins') });
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(LOCKOUT_SECONDS - 60);
  expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_SECONDS);
}

beforeAll(async () => {
  admin = await login(DEMO.admin);
  db = await createDataSource(inject('databaseUrl')).initialize();
});
afterAll(async () => {
  await db?.destroy();
  await directory.remove();
});

describe('the sign-in lockout', () => {
  it('locks an email at the fifth failure, then refuses even the right password with Retry-After', async () => {
    const { email } = await account();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const reply = await signIn(email, WRONG);
      expect(reply.status, `attempt ${attempt}`).toBe(401);
      expect(reply.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', message: 'Wrong email or password' });
      expect(reply.headers.get('retry-after')).toBeNull();
    }
    expectLockedOut(await signIn(email, WRONG));
    expectLockedOut(await signIn(email, PASSWORD));
    // The email however it is typed, and nobody else's.
    expectLockedOut(await signIn(` ${email.toUpperCase()} `, PASSWORD));
    expect((await signIn(DEMO.auditor, 'demo-password')).status).toBe(200);
  });

  it('treats an email no account has exactly as an account’s, so it reveals no account', async () => {
    const { email: known } = await account();
    const unknown = directory.email('nobody');
    const outcomes = async (email: string) => {
      const seen: [number, string][] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const reply = await signIn(email, WRONG);
        seen.push([reply.status, reply.body.code]);
      }
      return seen;
    };
    const expected: [number, string][] = [...Array(4).fill([401, 'AUTH.UNAUTHENTICATED']), [429, 'AUTH.LOCKED_OUT'], [429, 'AUTH.LOCKED_OUT']];
    expect(await outcomes(unknown)).toEqual(expected);
    expect(await outcomes(known)).toEqual(expected);
  });

  it('starts the count again after a successful sign-in', async () => {
    const { email } = await account();
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(email, WRONG)).status).toBe(401);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < 4; attempt++) expect((await signIn(email, WRONG)).status, `after the success, failure ${attempt + 1}`).toBe(401);
    expectLockedOut(await signIn(email, WRONG));
  });

  it('counts failures sent at once each, so a burst cannot slip past the limit', async () => {
    const { email } = await account();
    const burst = await Promise.all(Array.from({ length: 5 }, () => signIn(email, WRONG)));
    // However they interleave, four are counted before the lock and the one counted fifth locks the email.
    expect(burst.map((reply) => reply.status).sort()).toEqual([401, 401, 401, 401, 429]);
    expectLockedOut(await signIn(email, PASSWORD));
  });

  it('updates one email’s record atomically in PostgreSQL: twenty concurrent failures count 1 to 20', async () => {
    const email = directory.email('atomic');
    const limit = { maxFailures: 1000, windowMs: 60_000, lockoutMs: 60_000 };
    const now = new Date();
    const records = await Promise.all(Array.from({ length: 20 }, () => recordSignInFailure(db, email, now, limit)));
    expect(records.map((record) => record.failures.length).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });
});

describe('sign-ins in the access log', () => {
  it('records each attempt with the email tried, the account, the address and the outcome, never the password', async () => {
    const user = await account();
    const unknown = directory.email('stranger');
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt++) await signIn(user.email, WRONG);
    await signIn(user.email, PASSWORD);
    await signIn(unknown, WRONG);

    const rows = await signInRows(user.email);
    expect(rows.map((row) => [row.action, row.actorId, row.actorRole, row.detail.reason ?? null, row.detail.locked ?? false])).toEqual([
      ['sign-in', user.id, 'auditor', null, false],
      ...Array(4).fill(['sign-in-failed', user.id, 'auditor', 'credentials', false]),
      ['sign-in-failed', user.id, 'auditor', 'credentials', true],
      ['sign-in-locked', user.id, 'auditor', null, false],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ email: user.email, partnershipId: null, ip: expect.stringMatching(/127\.0\.0\.1$/) });
      expect(JSON.stringify(row)).not.toContain(PASSWORD);
      expect(JSON.stringify(row)).not.toContain(WRONG);
    }
    expect((await signInRows(unknown)).map((row) => [row.action, row.actorId, row.actorName, row.detail])).toEqual([
      ['sign-in-failed', null, null, { email: unknown, reason: 'credentials' }],
    ]);
  });

  it('records a deactivated account’s sign-in with the right password as failed, and does not count it toward a lockout', async () => {
    const user = await account();
    expect((await request('PUT', `/api/users/${user.id}`, { token: admin.token, body: { active: false } })).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt++) {
      const reply = await signIn(user.email, PASSWORD);
      expect(reply.status).toBe(401);
      expect(reply.body.code).toBe('AUTH.DEACTIVATED');
    }
    expect((await signInRows(user.email)).map((row) => [row.action, row.detail.reason])).toEqual(Array(5).fill(['sign-in-failed', 'deactivated']));
  });

  it('is filtered by the kind of sign-in and by the email tried, in any case', async () => {
    const { email } = await account();
    await signIn(email, WRONG);
    await signIn(email, PASSWORD);
    expect((await signInRows(email.toUpperCase(), { action: 'sign-in-failed' })).map((row) => row.action)).toEqual(['sign-in-failed']);
    expect((await signInRows(email, { action: ['sign-in', 'sign-in-locked'] })).map((row) => row.action)).toEqual(['sign-in']);
    expect((await admin.get(`/api/access-log?${listQuery({ action: 'sign-in-maybe' })}`)).status).toBe(400);
  });
});
