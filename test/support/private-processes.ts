/**
 * An API or worker process of a test's own, for tests that take a dependency away: the shared stack
 * stays up for the other files. They use the shared PostgreSQL and Temporal unless told otherwise,
 * a task queue of their own, and their own sign-in secret and audit key.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_READY, freePort, httpOk, spawnService, waitUntil, type Service } from '@pe/devstack';
import { inject } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const echo = process.env.STACK_LOGS === '1';

export interface PrivateSetting {
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TASK_QUEUE: string;
  /** The API's command bound. */
  COMMAND_TIMEOUT_MS?: string;
  SEED_DEMO_DATA?: string;
  LOG_LEVEL?: string;
  /** The worker's Prometheus port (none unless set). */
  WORKER_METRICS_PORT?: string;
}

/** The shared servers, a fresh task queue nobody polls yet, and the keys the private processes share. */
export function privateSetting(overrides: Partial<PrivateSetting> = {}): PrivateSetting & Record<string, string> {
  return {
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    TEMPORAL_TASK_QUEUE: `private-${randomUUID()}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    NODE_ENV: 'test',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}

export interface PrivateApi {
  url: string;
  service: Service;
}

const outputs = new WeakMap<Service, string[]>();

/** Everything a private process printed so far, stdout and stderr, exactly as written. */
export function outputOf(service: Service): string {
  return (outputs.get(service) ?? []).join('');
}

/** Keeps the process's whole output from its first byte (it writes nothing before this turn of the event loop ends). */
function captured(service: Service): Service {
  const chunks: string[] = [];
  outputs.set(service, chunks);
  for (const stream of [service.child.stdout, service.child.stderr]) stream?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return service;
}

export async function startApi(setting: PrivateSetting): Promise<PrivateApi> {
  const port = await freePort();
  const service = captured(
    spawnService('private-api', process.execPath, [join(repoRoot, 'apps/api/dist/main.js')], {
      env: { ...process.env, ...setting, HOST: '127.0.0.1', PORT: String(port) },
      echo,
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('the private API', () => httpOk(`${url}/api/health/live`), 60_000, service);
  return { url, service };
}

export async function startWorker(setting: PrivateSetting): Promise<Service> {
  const service = captured(
    spawnService('private-worker', process.execPath, [join(repoRoot, 'apps/worker/dist/main.js')], {
      env: { ...process.env, ...setting },
      echo,
      watchFor: [WORKER_READY],
    }),
  );
  await waitUntil('the private worker', async () => service.printed(WORKER_READY), 120_000, service);
  return service;
}
