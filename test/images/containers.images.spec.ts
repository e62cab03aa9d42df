/**
 * The container images, run as docker compose runs them: each image's own command (`buildah run`),
 * with the environment docker-compose.yml gives its service, against a stack of its own (embedded
 * PostgreSQL and a Temporal dev server on free ports, 127.0.0.1). The worker image must poll the task
 * queue, the API image must answer /api/health with PostgreSQL, Temporal and that worker up, compose's
 * health check must pass inside the API container, and both must stop cleanly on SIGTERM.
 * `npm run images` builds the images and then runs this file (test/vitest.images.config.ts).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, stackConfigSchema } from '@pe/config';
import {
  IMAGE_NAMES,
  ISOLATION,
  WORKER_READY,
  buildah,
  buildahAvailable,
  discardRootCluster,
  endedCleanly,
  freePort,
  httpOk,
  imageExists,
  resolveTemporalCli,
  runImage,
  startEmbeddedPostgres,
  startTemporalDevServer,
  waitUntil,
  type RunningContainer,
  type RunningPostgres,
  type RunningTemporal,
} from '@pe/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCompose, repoRoot, serviceEnvironment } from '../support/compose.js';

const echo = process.env.STACK_LOGS === '1';
const log = (line: string) => console.log(`[images] ${line}`);
const home = mkdtempSync(join(tmpdir(), 'pe-images-'));
const env = { ...process.env, DATA_DIR: home };
const dataDir = join(home, 'stack');
const compose = readCompose();

let postgres: RunningPostgres | undefined;
let temporal: RunningTemporal | undefined;
const containers: RunningContainer[] = [];
let api: RunningContainer;
let worker: RunningContainer;
let apiUrl: string;
let apiPort: number;

/** The deployer's variables compose substitutes, as the README asks for them: a fresh JWT secret and an Ed25519 key as base64 DER. */
const deployerVariables = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
};

/** Compose's environment for a service, with only the addresses changed: our stack's, and 127.0.0.1 for the API (servers here listen there). */
function containerEnvironment(service: 'api' | 'worker', addresses: Record<string, string>): Record<string, string> {
  const environment = serviceEnvironment(compose.services[service]!, deployerVariables);
  for (const key of Object.keys(addresses)) expect(environment, `compose gives ${service} ${key}`).toHaveProperty(key);
  return { ...environment, ...addresses };
}

beforeAll(async () => {
  if (!buildahAvailable()) throw new Error('buildah is not installed: this test runs the images with it (npm run images)');
  for (const image of Object.values(IMAGE_NAMES)) if (!imageExists(image)) throw new Error(`${image} is not built: npm run images builds it`);
  const config = loadConfig(stackConfigSchema, env);
  postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'partnerships', runtimeDir: config.EMBEDDED_PG_RUNTIME_DIR, echo, log });
  const cli = await resolveTemporalCli({ repoRoot, cliPath: config.TEMPORAL_CLI_PATH, log });
  temporal = await startTemporalDevServer({ cli, dataDir, port: await freePort(), uiPort: await freePort(), namespace: config.TEMPORAL_NAMESPACE, ui: false, echo });
  log(`PostgreSQL at ${new URL(postgres.url).host}, Temporal at ${temporal.address}`);

  const stack = { DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: temporal.address };
  apiPort = await freePort();
  apiUrl = `http://127.0.0.1:${apiPort}`;
  worker = runImage('worker', IMAGE_NAMES.worker, containerEnvironment('worker', stack), { echo, watchFor: [WORKER_READY, 'worker: stopped'] });
  containers.push(worker);
  api = runImage('api', IMAGE_NAMES.api, containerEnvironment('api', { ...stack, HOST: '127.0.0.1', PORT: String(apiPort) }), { echo });
  containers.push(api);
});

afterAll(async () => {
  for (const container of containers) await container.remove().catch((error: unknown) => log(`removing ${container.container}: ${String(error)}`));
  await temporal?.stop();
  await postgres?.stop();
  // As root the cluster lives outside the folder.
  discardRootCluster(dataDir, env);
  rmSync(home, { recursive: true, force: true });
});

describe('the container images', () => {
  it('worker: bundles the workflows and polls the task queue', async () => {
    await waitUntil('the worker image', async () => worker.service.printed(WORKER_READY), 240_000, worker.service);
  });

  it('api: answers /api/health with PostgreSQL, Temporal and the worker up, and serves the console', async () => {
    await waitUntil('the API image', () => httpOk(`${apiUrl}/api/health/live`), 180_000, api.service);
    // The worker probe looks at the task queue's pollers, which Temporal lists once the first polls arrive.
    await waitUntil('a healthy API', () => httpOk(`${apiUrl}/api/health`), 60_000, api.service);
    const health = await fetch(`${apiUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'up', temporal: 'up', worker: 'up' });

    const page = await fetch(`${apiUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it("api: compose's health check passes inside the container", () => {
    const test = compose.services.api!.healthcheck?.test;
    expect(Array.isArray(test) && test[0] === 'CMD', 'healthcheck.test in the ["CMD", ...] form').toBe(true);
    const command = (test as string[]).slice(1).map((word) => word.replace('127.0.0.1:3000/', `127.0.0.1:${apiPort}/`));
    expect(command.join(' '), 'the check asks port 3000, which this test moved').toContain(`127.0.0.1:${apiPort}/`);
    // Throws, naming the exit status, when the check fails.
    buildah(['run', ...ISOLATION, api.container, '--', ...command]);
  });

  it.each([
    ['worker', () => worker],
    ['api', () => api],
  ])('%s: stops cleanly on SIGTERM', async (_name, container) => {
    const { service, signal } = container();
    signal('SIGTERM');
    const status = await service.exited;
    expect(endedCleanly(status), `${service.name} ended with ${JSON.stringify(status)}:\n${service.recentOutput()}`).toBe(true);
    if (service === worker.service) expect(service.printed('worker: stopped')).toBe(true);
  });
});
