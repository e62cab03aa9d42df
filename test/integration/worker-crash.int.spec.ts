/**
 * A worker that dies while it stores a command's events: Temporal gives the append to another worker
 * once the dead one's heartbeats stop, the command completes, and the log holds its events once.
 * The append is held in flight by taking the partnership's own advisory lock (the one appendEvents
 * takes), and the worker Temporal names as running it is the one killed, so the kill lands
 * mid-activity every time rather than by luck of timing.
 *
 * The narrowest window is a worker that dies after its append committed and before Temporal heard
 * of it: that worker reaches Temporal through a relay which holds every byte from the moment the
 * append is released, so its report never arrives, and it is killed once the rows are in the log.
 * The events must be those Temporal recorded, and stored once.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { freePort, type Service } from '@pe/devstack';
import { workflowIdFor } from '@pe/workflows';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, listQuery, login, type Reply } from '../support/http.js';
import { createPartnership, smartGoals } from '../support/partnerships.js';
import { privateSetting, startApi, startWorker } from '../support/private-processes.js';
import { onceReplayed } from '../support/proof.js';
import { temporalRelay } from '../support/temporal-relay.js';

const services: Service[] = [];
let db: pg.Client | undefined;
let connection: Connection | undefined;
const relays: ReturnType<typeof temporalRelay>[] = [];

afterAll(async () => {
  await db?.end();
  await connection?.close();
  for (const service of services.reverse()) await service.stop();
  for (const relay of relays) await relay.cut();
});

/** Waits until an append of the partnership waits on the advisory lock the test client holds. */
const appendWaitingOn = (client: pg.Client, holder: number) =>
  eventually('the append waiting on the lock', async () => {
    const { rows } = await client.query('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [holder]);
    return rows.length > 0 ? true : undefined;
  });

describe('a worker killed while it stores events', () => {
  it('has the append retried on another worker; the command completes and its events are stored once', async () => {
    const setting = privateSetting();
    const [api, ...workers] = await Promise.all([startApi(setting), startWorker(setting), startWorker(setting)]);
    services.push(api.service, ...workers);
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const temporal = new Client({ connection, namespace: inject('temporalNamespace') });
    const coordinator = await login(DEMO.coordinator, { baseUrl: api.url });
    const { id } = await createPartnership(coordinator);
    const workflow = temporal.workflow.getHandle(workflowIdFor(id));

    db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    const holder = ((await db.query('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }])[0].pid;
    await db.query('SELECT pg_advisory_lock(hashtext($1))', [id]);

    const key = `goals-${randomUUID()}`;
    const goals = { type: 'RecordGoals', goals: smartGoals(), scope: 'The eastern region' };
    const send = () => coordinator.post(`/api/partnerships/${id}/commands`, goals, { 'Idempotency-Key': key });
    const first = send();
    await appendWaitingOn(db, holder);
    // A worker's identity is "<pid>@<host>": the one running the append is the one to kill.
    const runningOn = await eventually('the worker running the append', async () => {
      const [pending] = (await workflow.describe()).raw.pendingActivities ?? [];
      return pending?.lastWorkerIdentity || undefined;
    });
    const doomed = workers.find((worker) => runningOn.startsWith(`${worker.child.pid}@`));
    const survivor = workers.find((worker) => worker !== doomed);
    expect(doomed, `the append runs on ${runningOn}`).toBeDefined();
    doomed!.child.kill('SIGKILL');
    await doomed!.exited;
    const killedAt = Date.now();
    await db.query('SELECT pg_advisory_unlock(hashtext($1))', [id]);

    // The first answer may be a 503 (the bound passed while the append was retried): retry with the key, as a client would.
    let answer: Reply = await first;
    while (answer.status === 503) {
      expect(answer.body.code).toBe('WORKER.UNAVAILABLE');
      answer = await send();
    }
    console.log(`the command completed ${Date.now() - killedAt} ms after the worker running its append was killed (first answer ${(await first).status})`);
    expect(answer).toMatchObject({ status: 200, body: { version: 2, events: [{ sequence: 2, type: 'GoalsRecorded' }] } });

    // The append that stored the events was a retry, run by the surviving worker.
    const history = (await workflow.fetchHistory()).events ?? [];
    const lastStart = history.filter((event) => event.activityTaskStartedEventAttributes).at(-1)?.activityTaskStartedEventAttributes;
    expect(lastStart?.attempt).toBeGreaterThan(1);
    expect(lastStart?.identity).toMatch(new RegExp(`^${survivor!.child.pid}@`));

    const events = (await coordinator.get(`/api/events?${listQuery({ partnershipId: id }, ['sequence', 'ASC'])}`)).body as { type: string }[];
    expect(events.map((event) => event.type)).toEqual(['PartnershipCreated', 'GoalsRecorded']);
    expect((await coordinator.get(`/api/partnerships/${id}/verify`)).body).toMatchObject({ valid: true, events: 2 });
  });

  it('stores the events Temporal recorded, once, when the worker dies after its append committed and before Temporal heard of it', async () => {
    const setting = privateSetting();
    const relay = temporalRelay(inject('temporalAddress'));
    relays.push(relay);
    const relayPort = await freePort();
    await relay.listen(relayPort);
    // Only the doomed worker polls until it is dead, so it is the one that runs the command and its append.
    const [api, doomed] = await Promise.all([startApi(setting), startWorker({ ...setting, TEMPORAL_ADDRESS: `127.0.0.1:${relayPort}` }, 'doomed-worker')]);
    services.push(api.service, doomed);
    connection ??= await Connection.connect({ address: inject('temporalAddress') });
    const temporal = new Client({ connection, namespace: inject('temporalNamespace') });
    const coordinator = await login(DEMO.coordinator, { baseUrl: api.url });
    const { id } = await createPartnership(coordinator);

    const locker = new pg.Client({ connectionString: inject('databaseUrl') });
    await locker.connect();
    try {
      const holder = ((await locker.query('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }])[0].pid;
      await locker.query('SELECT pg_advisory_lock(hashtext($1))', [id]);
      const key = `goals-${randomUUID()}`;
      const goals = { type: 'RecordGoals', goals: smartGoals(), scope: 'The western region' };
      const send = () => coordinator.post(`/api/partnerships/${id}/commands`, goals, { 'Idempotency-Key': key });
      const first = send();
      await appendWaitingOn(locker, holder);

      // From here on nothing the doomed worker says reaches Temporal; then its append may commit.
      relay.hold();
      await locker.query('SELECT pg_advisory_unlock(hashtext($1))', [id]);
      await eventually('the append committed', async () => {
        const { rows } = await locker.query('SELECT 1 FROM partnership_events WHERE partnership_id = $1 AND sequence = 2', [id]);
        return rows.length > 0 ? true : undefined;
      });
      await eventually('the doomed worker reporting to Temporal (held)', async () => (relay.heldChunks() > 0 ? true : undefined));
      doomed.child.kill('SIGKILL');
      await doomed.exited;
      const killedAt = Date.now();
      const survivor = await startWorker(setting, 'surviving-worker');
      services.push(survivor);

      let answer: Reply = await first;
      while (answer.status === 503) {
        expect(answer.body.code).toBe('WORKER.UNAVAILABLE');
        answer = await send();
      }
      console.log(`the command completed ${Date.now() - killedAt} ms after the worker whose report was lost was killed (first answer ${(await first).status})`);
      expect(answer).toMatchObject({ status: 200, body: { version: 2, events: [{ sequence: 2, type: 'GoalsRecorded' }] } });

      const events = (await coordinator.get(`/api/events?${listQuery({ partnershipId: id }, ['sequence', 'ASC'])}`)).body as { type: string }[];
      expect(events.map((event) => event.type)).toEqual(['PartnershipCreated', 'GoalsRecorded']);
      // The row the lost report left is the one Temporal recorded: the cross-check finds each row's cause, unchanged.
      const proof = await onceReplayed(async () => (await coordinator.get(`/api/partnerships/${id}/verify`)).body);
      expect(proof).toMatchObject({
        valid: true,
        events: 2,
        checks: { chain: 'passed', crossCheck: 'passed', determinism: 'passed' },
        temporal: { missing: [], withoutCause: [], different: [] },
      });
      const state = await temporal.workflow.getHandle(workflowIdFor(id)).query<{ version: number }>('state');
      expect(state.version).toBe(2);
    } finally {
      await locker.end();
    }
  });
});
