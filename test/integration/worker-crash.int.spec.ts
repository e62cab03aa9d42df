/**
 * A worker that dies while it stores a command's events: Temporal gives the append to another worker
 * once the dead one's heartbeats stop, the command completes, and the log holds its events once.
 * The append is held in flight by taking the partnership's own advisory lock (the one appendEvents
 * takes), and the worker Temporal names as running it is the one killed, so the kill lands
 * mid-activity every time rather than by luck of timing.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Service } from '@pe/devstack';
import { workflowIdFor } from '@pe/workflows';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, listQuery, login, type Reply } from '../support/http.js';
import { createPartnership, smartGoals } from '../support/partnerships.js';
import { privateSetting, startApi, startWorker } from '../support/private-processes.js';

const services: Service[] = [];
let db: pg.Client | undefined;
let connection: Connection | undefined;

afterAll(async () => {
  await db?.end();
  await connection?.close();
  for (const service of services.reverse()) await service.stop();
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
    await eventually('the append waiting on the lock', async () => {
      const { rows } = await db!.query('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [holder]);
      return rows.length > 0 ? true : undefined;
    });
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
});
