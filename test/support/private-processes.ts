/**
 * API and worker processes of a test's own, beside the shared stack's, for tests that take a
 * dependency away or configure an API differently: the shared stack stays up for the other files.
 * They are started as the stack starts its own (@pe/devstack's spawnApi and spawnWorker), with the
 * shared PostgreSQL and Temporal unless the setting says otherwise.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { apiUp, freePort, spawnApi, spawnWorker, workerReady, type ApiReadiness, type Service } from '@pe/devstack';
import { inject } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const echo = process.env.STACK_LOGS === '1';

export interface PrivateSetting {
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  /** Unset: the shared stack's queue, which its workers poll. */
  TEMPORAL_TASK_QUEUE?: string;
  /** The API's command bound. */
  COMMAND_TIMEOUT_MS?: string;
  SEED_DEMO_DATA?: string;
  LOG_LEVEL?: string;
  /** The worker's Prometheus port (none unless set). */
  WORKER_METRICS_PORT?: string;
}

type Setting = PrivateSetting & Record<string, string>;

const common = (): Setting => ({
  DATABASE_URL: inject('databaseUrl'),
  TEMPORAL_ADDRESS: inject('temporalAddress'),
  TEMPORAL_NAMESPACE: inject('temporalNamespace'),
  JWT_SECRET: randomBytes(32).toString('hex'),
  NODE_ENV: 'test',
  SEED_DEMO_DATA: 'false',
  PASSWORD_HASHING: 'cheap-for-tests',
});

/** The shared servers, a fresh task queue nobody polls yet, and an audit key of its own: processes apart from the stack's. */
export function privateSetting(overrides: Partial<Setting> = {}): Setting {
  return {
    ...common(),
    TEMPORAL_TASK_QUEUE: `private-${randomUUID()}`,
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    LOG_LEVEL: 'warn',
    ...overrides,
  } as Setting;
}

/** The shared servers, task queue and audit key (the stack's workers serve it, and its checkpoints verify), and a sign-in secret of its own. */
export function sharedSetting(overrides: Partial<Setting> = {}): Setting {
  return { ...common(), AUDIT_SIGNING_KEY: inject('auditSigningKey'), ...overrides } as Setting;
}

export interface PrivateApi {
  url: string;
  service: Service;
  /** Everything the process printed so far, stdout and stderr, exactly as written (not split into lines). */
  output(): string;
  stop(): Promise<void>;
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

export async function startApi(setting: PrivateSetting, { name = 'private-api', until = 'live' }: { name?: string; until?: ApiReadiness } = {}): Promise<PrivateApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = captured(spawnApi({ repoRoot, name, env: { ...process.env, ...setting, HOST: '127.0.0.1', PORT: String(port) }, echo }));
  await apiUp(service, url, until);
  return { url, service, output: () => outputOf(service), stop: () => service.stop() };
}

export async function startWorker(setting: PrivateSetting, name = 'private-worker'): Promise<Service> {
  const service = captured(spawnWorker({ repoRoot, name, env: { ...process.env, ...setting }, echo }));
  await workerReady(service, 120_000);
  return service;
}
