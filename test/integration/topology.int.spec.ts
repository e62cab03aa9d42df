/**
 * The stack these files run against is the topology STACK_TOPOLOGY asks for, so a cluster run cannot
 * quietly test the dev server: `single` is the dev server (SQLite) with one worker and one API;
 * `cluster` is the Temporal server on PostgreSQL, two workers polling the partnerships queue and two
 * APIs, each ready, behind the round-robin the tests talk to.
 */
import type { Connection } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE } from '@pe/config';
import { TEMPORAL_SERVER_VERSION } from '@pe/devstack';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { requestAt } from '../support/http.js';
import { connectTemporal } from '../support/temporal.js';

const cluster = inject('stackTopology') === 'cluster';
let connection: Connection;

beforeAll(async () => {
  ({ connection } = await connectTemporal());
});
afterAll(async () => {
  await connection?.close();
});

describe(`the ${inject('stackTopology')} topology`, () => {
  it('runs the Temporal server version the pinned CLI bundles, keeping its data where the topology says', async () => {
    const info = await connection.workflowService.getClusterInfo({});
    expect(info.serverVersion).toBe(TEMPORAL_SERVER_VERSION.replace(/^v/, ''));
    const store = cluster ? 'postgres12' : 'sqlite';
    expect({ persistence: info.persistenceStore, visibility: info.visibilityStore }).toEqual({ persistence: store, visibility: store });
  });

  it('has as many workers polling the partnerships queue as the topology runs', async () => {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: inject('temporalNamespace'),
      taskQueue: { name: process.env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE },
      taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    expect(new Set(pollers.map((poller) => poller.identity)).size).toBe(cluster ? 2 : 1);
  });

  it('has every API process ready, and the tests reach them through one address', async () => {
    const apiUrls = inject('apiUrls');
    expect(apiUrls).toHaveLength(cluster ? 2 : 1);
    for (const url of apiUrls) expect(await requestAt(url, 'GET', '/api/health/ready')).toMatchObject({ status: 200, body: { status: 'ok', worker: 'up' } });
    // The cluster's APIs sit behind the round-robin; the single API is the address itself.
    expect(apiUrls.includes(inject('apiUrl'))).toBe(!cluster);
    expect((await requestAt(inject('apiUrl'), 'GET', '/api/health/ready')).status).toBe(200);
  });
});
