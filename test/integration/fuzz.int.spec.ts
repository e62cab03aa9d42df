/**
 * Malformed requests, generated: every operation of the served OpenAPI document is called with
 * hostile path ids, query strings, headers and bodies, by every role and by nobody. Whatever comes
 * in, the answer is never a 5xx, an error is always the one error format, and a refused request
 * leaves no trace (the directory and a partnership of this file's own are compared before and after).
 * The run is reproducible: set FUZZ_SEED to the seed a failure prints; FUZZ_RUNS sets its length.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, listQuery, login, type Session } from '../support/http.js';
import { createPartnership, submitGoals } from '../support/partnerships.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string;
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let operations: Operation[];
let sessions: (Session | null)[];
let validIds: string[];
let coordinator: Session;
let admin: Session;
let partnershipId: string;

beforeAll(async () => {
  const document = (await (await fetch(`${inject('apiUrl')}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((method): method is Method => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({ method, path })),
  );
  [admin, coordinator] = await Promise.all([login(DEMO.admin), login(DEMO.coordinator)]);
  const others = await Promise.all([DEMO.partnerRiverside, DEMO.sponsor, DEMO.auditor].map((email) => login(email)));
  sessions = [null, admin, coordinator, ...others];
  ({ id: partnershipId } = await createPartnership(coordinator));
  await submitGoals(coordinator, partnershipId);
  const task = ((await coordinator.get(`/api/tasks?${listQuery({ partnershipId })}`)).body as { id: string }[])[0]!;
  validIds = [partnershipId, task.id, admin.user.id, coordinator.user.organizationId ?? partnershipId, `${partnershipId}:1`];
});

/** What a refused request must not have changed: the directory and this file's own partnership. */
async function snapshot(): Promise<string> {
  const [users, organizations, partnership, tasks] = await Promise.all([
    admin.get(`/api/users?${listQuery({}, ['id', 'ASC'], [0, 499])}`),
    admin.get(`/api/organizations?${listQuery({}, ['id', 'ASC'], [0, 499])}`),
    coordinator.get(`/api/partnerships/${partnershipId}`),
    coordinator.get(`/api/tasks?${listQuery({ partnershipId }, ['id', 'ASC'])}`),
  ]);
  return JSON.stringify([users.body, organizations.body, partnership.body.version, partnership.body.goals, tasks.body]);
}

const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'constructor',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '9'.repeat(400),
  '-1',
  '1e309',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-01:00',
  'NaN',
  '\uD800',
  'ü'.repeat(3000),
);
const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** A path segment: a real id, a near miss, or something hostile; sometimes sent without encoding. */
const pathValue = fc.oneof(
  fc.constantFrom(...['00000000-0000-0000-0000-000000000000', 'not-an-id']).map((value) => ({ value, raw: false })),
  fc.integer({ min: 0, max: 4 }).map((index) => ({ value: `valid:${index}`, raw: false })),
  text.map((value) => ({ value, raw: false })),
  fc.constantFrom('%00', '%', '%E0%A4%A', '%2e%2e', '%ZZ', '%ED%A0%80', '%C0%AF').map((value) => ({ value, raw: true })),
);

const deep = fc.integer({ min: 65, max: 50_000 }).map((depth) => `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
/** Bodies that are not what any endpoint accepts, including raw text that is not JSON at all. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ raw: JSON.stringify(value) })),
  fc.dictionary(fc.constantFrom('type', 'name', 'email', 'password', 'decision', 'data', 'goals', 'policy', 'role', 'active', 'organizationIds', 'sponsorId', 'ids'), fc.oneof(text, fc.jsonValue({ maxDepth: 3 }))).map((value) => ({ raw: JSON.stringify(value) })),
  deep.map((raw) => ({ raw })),
  fc.constantFrom('{"a":', '[', 'null', '"\\u0000"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '1e999', '{"type":"RecordGoals","goals":[{"title":"\\u0000"}]}').map((raw) => ({ raw })),
  fc.constant(null),
);

/** List filters with hostile values for the keys the lists know, so a value reaches SQL rather than an unknown-filter 400. */
const listFilter = fc
  .dictionary(fc.constantFrom('occurredFrom', 'occurredTo', 'since', 'until', 'actorId', 'partnershipId', 'type', 'q', 'action', 'status'), fc.oneof(text, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 2 })
  .map((filter) => JSON.stringify(filter));
const query = fc.dictionary(
  fc.constantFrom('filter', 'sort', 'range', 'at', 'from', 'to', 'format', 'sequence', 'q', 'x', 'after', 'limit'),
  fc.oneof(text, listFilter, fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value))),
  { maxKeys: 4 },
);
const contentType = fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16');
const idempotencyKey = fc.option(text, { nil: undefined });

interface Attempt {
  operation: Operation;
  path: { value: string; raw: boolean }[];
  query: Record<string, string>;
  body: { raw: string } | null;
  contentType: string;
  idempotencyKey: string | undefined;
  session: number;
}

/** Replaces lone surrogates with U+FFFD (String.prototype.toWellFormed, which this TypeScript lib does not declare). */
const wellFormed = (value: string) => value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function urlOf(attempt: Attempt): string {
  let segment = 0;
  const path = attempt.operation.path.replace(/\{[^}]+\}/g, () => {
    const { value, raw } = attempt.path[segment++ % attempt.path.length]!;
    const resolved = value.startsWith('valid:') ? validIds[Number(value.slice(6))]! : value;
    // A lone surrogate cannot be percent-encoded; the raw list sends its UTF-8 form (%ED%A0%80) instead.
    return raw ? resolved : encodeURIComponent(wellFormed(resolved));
  });
  const search = new URLSearchParams(attempt.query).toString();
  return `${inject('apiUrl')}${path}${search ? `?${search}` : ''}`;
}

async function send(attempt: Attempt): Promise<{ status: number; body: unknown; text: string }> {
  const headers: Record<string, string> = {};
  const session = sessions[attempt.session];
  if (session) headers.authorization = `Bearer ${session.token}`;
  const method = attempt.operation.method.toUpperCase();
  // fetch sends no body with a GET.
  const sent = method === 'GET' ? undefined : attempt.body?.raw;
  if (sent !== undefined) headers['content-type'] = attempt.contentType;
  if (attempt.idempotencyKey !== undefined) headers['idempotency-key'] = attempt.idempotencyKey.replace(/[^\t\x20-\x7e]/g, '');
  const response = await fetch(urlOf(attempt), { method, headers, body: sent });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

const ERROR_CODE = /^[A-Z_]+\.[A-Z_]+$/;

describe('generated malformed requests to every endpoint', () => {
  it('covers every operation the OpenAPI document lists', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations).toContainEqual({ method: 'post', path: '/api/partnerships/{id}/commands' });
  });

  it('never earn a 5xx, always answer errors in the one format, and change nothing when refused', async () => {
    const attempts = fc.record({
      operation: fc.integer({ min: 0, max: 10_000 }).map((index) => operations[index % operations.length]!),
      path: fc.array(pathValue, { minLength: 1, maxLength: 3 }),
      query,
      body,
      contentType,
      idempotencyKey,
      session: fc.integer({ min: 0, max: 5 }),
    });
    let before = await snapshot();
    await fc.assert(
      fc.asyncProperty(attempts, async (attempt) => {
        const reply = await send(attempt);
        const where = `${attempt.operation.method.toUpperCase()} ${urlOf(attempt).slice(0, 300)} → ${reply.status} ${reply.text.slice(0, 300)}`;
        expect(reply.status, where).toBeLessThan(500);
        if (reply.status < 400) {
          // The generator can stumble on a valid request; what it changed is the new baseline.
          before = await snapshot();
          return;
        }
        // The console's static files answer the API's unknown paths outside /api; everything under /api is JSON.
        expect(reply.body, where).toMatchObject({ statusCode: reply.status, code: expect.stringMatching(ERROR_CODE), message: expect.any(String) });
        const errors = (reply.body as { errors?: unknown }).errors;
        if (errors !== undefined) expect(Object.values(errors as object).every((message) => typeof message === 'string'), where).toBe(true);
        if (attempt.operation.method !== 'get') expect(await snapshot(), `${where}\nchanged state`).toBe(before);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
    );
  });

  it.each([
    ['deep nesting', 'POST', '/api/auth/login', `{"email":"a@b.test","password":"x","z":${'['.repeat(40_000)}${']'.repeat(40_000)}}`],
    ['a NUL in a path id', 'GET', '/api/tasks/%00', undefined],
    ['a NUL in a partnership path id', 'GET', '/api/partnerships/%00/state', undefined],
    ['a NUL in a filter value', 'GET', `/api/organizations?filter=${encodeURIComponent(JSON.stringify({ q: 'a\u0000b' }))}`, undefined],
    ['a malformed percent-encoding in the path', 'GET', '/api/tasks/%E0%A4%A', undefined],
  ])('answers %s with 400 in the one format', async (_name, method, path, raw) => {
    const response = await fetch(`${inject('apiUrl')}${path}`, {
      method,
      headers: { authorization: `Bearer ${coordinator.token}`, ...(raw ? { 'content-type': 'application/json' } : {}) },
      body: raw,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'REQUEST.MALFORMED', message: expect.any(String), errors: expect.any(Object) });
  });

  it('answers a request line too large for the HTTP parser with 431 in the one format', async () => {
    const response = await fetch(`${inject('apiUrl')}/api/partnerships?filter=${'a'.repeat(20_000)}`, { headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(response.status).toBe(431);
    expect(await response.json()).toMatchObject({ statusCode: 431, code: 'REQUEST.TOO_LARGE', message: expect.stringContaining('too large') });
  });
});
