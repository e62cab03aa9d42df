/**
 * Honest, fast answers when something is down: a command answers 503 within its bound, naming what
 * is down, with Retry-After; the health endpoints say which dependency is missing; a retry with the
 * same Idempotency-Key after a 503 has one effect, also when the first attempt was applied after
 * its answer was given. Each case takes its dependency away from private processes (an API pointed at
 * a closed port, one on a task queue no worker polls, one on a PostgreSQL that is stopped), so the
 * shared stack stays whole.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, stackConfigSchema } from '@pe/config';
import { discardRootCluster, freePort, startEmbeddedPostgres, type RunningPostgres, type Service } from '@pe/devstack';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, eventually, listQuery, login, request, requestAt, type Reply, type Session } from '../support/http.js';
import { SLOW_POLICY, createPartnership, directory, openTaskOf, smartGoals, submitGoals } from '../support/partnerships.js';
import { privateSetting, startApi, startWorker, type PrivateSetting } from '../support/private-processes.js';

/** A small bound, so a test waits seconds; the API answers within it plus what the request takes besides. */
const BOUND_MS = 2000;
/** The HTTP round trip and the API's own queries before it reaches Temporal. */
const REQUEST_OVERHEAD_MS = 1000;

const services: Service[] = [];
let privatePostgres: { dataDir: string; server?: RunningPostgres } | undefined;

afterAll(async () => {
  for (const service of services.reverse()) await service.stop();
  if (privatePostgres) {
    await privatePostgres.server?.stop();
    discardRootCluster(privatePostgres.dataDir);
    rmSync(privatePostgres.dataDir, { recursive: true, force: true });
  }
});

async function api(setting: PrivateSetting) {
  const started = await startApi(setting);
  services.push(started.service);
  return started.url;
}

async function worker(setting: PrivateSetting) {
  const started = await startWorker(setting);
  services.push(started);
  return started;
}

async function timed<T>(call: () => Promise<Reply<T>>): Promise<Reply<T> & { elapsedMs: number }> {
  const started = Date.now();
  const reply = await call();
  return { ...reply, elapsedMs: Date.now() - started };
}

/** The one error format, a 503 naming what is down, Retry-After, and an answer within the bound. */
function expectUnavailable(reply: Reply & { elapsedMs: number }, code: string) {
  console.log(`${code}: answered in ${reply.elapsedMs} ms (bound ${BOUND_MS} ms)`);
  expect(reply.status).toBe(503);
  expect(reply.body).toEqual({ statusCode: 503, code, message: expect.any(String) });
  expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(reply.elapsedMs).toBeLessThan(BOUND_MS + REQUEST_OVERHEAD_MS);
}

const newPartnership = async (coordinator: Session, name: string) => {
  const { organizationIds, sponsorId } = await directory(coordinator);
  return { name, description: 'Hospitals and carriers', sponsorId, organizationIds: organizationIds.slice(0, 2), policy: SLOW_POLICY };
};

const eventsOf = async (session: Session, partnershipId: string) =>
  (await session.get(`/api/events?${listQuery({ partnershipId }, ['sequence', 'ASC'])}`)).body as { sequence: number; type: string }[];

describe('the shared stack', () => {
  it('is live and ready, with a worker polling its task queue', async () => {
    expect(await request('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await request('GET', '/api/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', database: 'up', temporal: 'up', worker: 'up' } });
    expect((await request('GET', '/api/health')).body).toEqual(ready.body);
  });
});

describe('Temporal unreachable', () => {
  it('answers every command 503 TEMPORAL.UNAVAILABLE at once, reads still work, and readiness says so', async () => {
    const setting = privateSetting({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, COMMAND_TIMEOUT_MS: String(BOUND_MS) });
    const url = await api(setting);
    const [coordinator, sponsor] = await Promise.all([login(DEMO.coordinator, { baseUrl: url }), login(DEMO.sponsor, { baseUrl: url })]);
    // A partnership waiting on the sponsor's approval, made through the shared stack.
    const shared = await login(DEMO.coordinator);
    const { id } = await createPartnership(shared);
    await submitGoals(shared, id);
    const task = await eventually('the approval task', () => openTaskOf(sponsor, id));

    expectUnavailable(await timed(async () => coordinator.post('/api/partnerships', await newPartnership(coordinator, `Unreached ${randomUUID()}`))), 'TEMPORAL.UNAVAILABLE');
    expectUnavailable(await timed(() => coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'audit' })), 'TEMPORAL.UNAVAILABLE');
    expectUnavailable(await timed(() => sponsor.post(`/api/tasks/${task.id}/complete`, { decision: 'approve' })), 'TEMPORAL.UNAVAILABLE');

    expect((await coordinator.get(`/api/partnerships/${id}`)).body).toMatchObject({ id, prioritiesStatus: 'SUBMITTED' });
    expect(await requestAt(url, 'GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await requestAt(url, 'GET', '/api/health/ready');
    expect(ready).toMatchObject({ status: 503, body: { status: 'degraded', database: 'up', temporal: 'down', worker: 'unknown' } });
    expect(Number(ready.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await requestAt(url, 'GET', '/api/health')).status).toBe(503);
  });
});

describe('no worker on the task queue', () => {
  it('answers 503 WORKER.UNAVAILABLE within the bound; once a worker runs, the same key answers what the first attempt did, and the log holds it once', async () => {
    const setting = privateSetting({ COMMAND_TIMEOUT_MS: String(BOUND_MS) });
    const url = await api(setting);
    const coordinator = await login(DEMO.coordinator, { baseUrl: url });
    const notReady = await requestAt(url, 'GET', '/api/health/ready');
    expect(notReady).toMatchObject({ status: 503, body: { database: 'up', temporal: 'up', worker: 'down' } });

    // Create: the update waits in Temporal for a worker that is not there.
    const name = `Waits for a worker ${randomUUID()}`;
    const definition = await newPartnership(coordinator, name);
    const createKey = `create-${randomUUID()}`;
    expectUnavailable(await timed(() => coordinator.post('/api/partnerships', definition, { 'Idempotency-Key': createKey })), 'WORKER.UNAVAILABLE');
    expect((await coordinator.get(`/api/partnerships?${listQuery({ q: name })}`)).body).toEqual([]);

    let running = await worker(setting);
    await eventually('readiness with the worker', async () => ((await requestAt(url, 'GET', '/api/health/ready')).status === 200 ? true : undefined));
    // The first attempt is applied by the worker that came later, with nobody waiting for it …
    const [created] = await eventually('the partnership the first attempt created', async () => {
      const rows = (await coordinator.get(`/api/partnerships?${listQuery({ q: name })}`)).body as { id: string }[];
      return rows.length > 0 ? rows : undefined;
    });
    // … and the retry answers that partnership rather than making a second.
    const retried = await coordinator.post('/api/partnerships', definition, { 'Idempotency-Key': createKey });
    expect(retried).toMatchObject({ status: 201, body: { id: created!.id, name } });
    expect((await coordinator.get(`/api/partnerships?${listQuery({ q: name })}`)).body).toHaveLength(1);
    const id = created!.id;
    expect((await eventsOf(coordinator, id)).map((event) => event.type)).toEqual(['PartnershipCreated']);

    // A command: the worker stops, the command times out, the worker comes back.
    await running.stop();
    const commandKey = `goals-${randomUUID()}`;
    const goals = { type: 'RecordGoals', goals: smartGoals(), scope: 'The eastern region' };
    expectUnavailable(await timed(() => coordinator.post(`/api/partnerships/${id}/commands`, goals, { 'Idempotency-Key': commandKey })), 'WORKER.UNAVAILABLE');
    running = await worker(setting);
    const stored = await eventually('the goals the first attempt recorded', async () => {
      const events = await eventsOf(coordinator, id);
      return events.some((event) => event.type === 'GoalsRecorded') ? events : undefined;
    });
    const answer = await coordinator.post(`/api/partnerships/${id}/commands`, goals, { 'Idempotency-Key': commandKey });
    const recorded = stored.filter((event) => event.type === 'GoalsRecorded');
    expect(recorded).toHaveLength(1);
    expect(answer).toMatchObject({ status: 200, body: { version: recorded[0]!.sequence, events: [{ sequence: recorded[0]!.sequence, type: 'GoalsRecorded' }] } });
    expect((await coordinator.post(`/api/partnerships/${id}/commands`, goals, { 'Idempotency-Key': commandKey })).body).toEqual(answer.body);
    expect((await eventsOf(coordinator, id)).map((event) => event.type)).toEqual(['PartnershipCreated', 'GoalsRecorded']);
    expect((await coordinator.get(`/api/partnerships/${id}/verify`)).body).toMatchObject({ valid: true, events: 2 });
  });
});

describe('PostgreSQL down', () => {
  it('answers reads, sign-in and commands 503 DATABASE.UNAVAILABLE at once, and serves again once it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fail-fast-pg-'));
    privatePostgres = { dataDir };
    const port = await freePort();
    const runtimeDir = loadConfig(stackConfigSchema).EMBEDDED_PG_RUNTIME_DIR;
    const startPostgres = () => startEmbeddedPostgres({ dataDir, port, database: 'partnerships', runtimeDir });
    privatePostgres.server = await startPostgres();
    // The private API migrates its own database and seeds the demo directory into it.
    const setting = privateSetting({ DATABASE_URL: privatePostgres.server.url, SEED_DEMO_DATA: 'true', COMMAND_TIMEOUT_MS: String(BOUND_MS) });
    const url = await api(setting);
    const coordinator = await login(DEMO.coordinator, { baseUrl: url });
    const definition = await newPartnership(coordinator, `Without a database ${randomUUID()}`);
    expect((await coordinator.get('/api/partnerships')).status).toBe(200);

    await privatePostgres.server.stop();
    expectUnavailable(await timed(() => coordinator.get('/api/partnerships')), 'DATABASE.UNAVAILABLE');
    expectUnavailable(await timed(() => coordinator.get(`/api/tasks?${listQuery({ mine: true })}`)), 'DATABASE.UNAVAILABLE');
    expectUnavailable(await timed(() => coordinator.post('/api/partnerships', definition)), 'DATABASE.UNAVAILABLE');
    expectUnavailable(await timed(() => requestAt(url, 'POST', '/api/auth/login', { body: { email: DEMO.coordinator, password: 'demo-password' } })), 'DATABASE.UNAVAILABLE');
    expect(await requestAt(url, 'GET', '/api/health/live')).toMatchObject({ status: 200 });
    expect(await requestAt(url, 'GET', '/api/health/ready')).toMatchObject({ status: 503, body: { status: 'degraded', database: 'down', temporal: 'up' } });

    privatePostgres.server = await startPostgres();
    await eventually('reads once PostgreSQL is back', async () => ((await coordinator.get('/api/partnerships')).status === 200 ? true : undefined));
    expect((await requestAt(url, 'GET', '/api/health/ready')).body).toMatchObject({ database: 'up', temporal: 'up' });
  });
});
