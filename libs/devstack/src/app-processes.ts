/**
 * The product's own processes, as built: the worker (apps/worker/dist/main.js) and the API
 * (apps/api/dist/main.js). The stack and the tests that run processes of their own start them here,
 * so there is one way to start each.
 */
import { join } from 'node:path';
import { httpAnswers, httpOk, spawnService, waitUntil, type Service } from './processes.js';

/** What apps/worker/src/main.ts prints once it has bundled the workflows and polls its task queue. */
export const WORKER_READY = 'worker: polling task queue';

export interface AppProcessOptions {
  repoRoot: string;
  /** The prefix of its output lines, e.g. "worker" or "api-2". */
  name: string;
  /** Its whole environment (libs/config validates what it reads). */
  env: NodeJS.ProcessEnv;
  echo?: boolean;
}

export function spawnWorker({ repoRoot, name, env, echo }: AppProcessOptions): Service {
  return spawnService(name, process.execPath, [join(repoRoot, 'apps/worker/dist/main.js')], { env, echo, watchFor: [WORKER_READY] });
}

/** Resolves once the worker has bundled the workflows and polls its task queue. */
export function workerReady(worker: Service, timeoutMs = 180_000): Promise<void> {
  return waitUntil(worker.name, async () => worker.printed(WORKER_READY), timeoutMs, worker);
}

/** The API on `env.HOST`:`env.PORT`. */
export function spawnApi({ repoRoot, name, env, echo }: AppProcessOptions): Service {
  return spawnService(name, process.execPath, [join(repoRoot, 'apps/api/dist/main.js')], { env, echo });
}

/**
 * How far an API must have come: `live`, it answers /api/health/live (it listens only after
 * migrating); `ready`, /api/health answers 200 (PostgreSQL and Temporal answer, a worker polls);
 * `listening`, /api/health answers at all — a PostgreSQL or Temporal that is down is theirs to report.
 */
export type ApiReadiness = 'live' | 'ready' | 'listening';

/** Resolves once the API at `url` is as far as `until` says. */
export function apiUp(api: Service, url: string, until: ApiReadiness = 'live', timeoutMs = 90_000): Promise<void> {
  const probe = until === 'live' ? () => httpOk(`${url}/api/health/live`) : until === 'ready' ? () => httpOk(`${url}/api/health`) : () => httpAnswers(`${url}/api/health`);
  return waitUntil(api.name, probe, timeoutMs, api);
}
