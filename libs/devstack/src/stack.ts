/**
 * The whole product on one machine: PostgreSQL (embedded unless DATABASE_URL), Temporal (dev server
 * unless TEMPORAL_ADDRESS), the worker and the API serving the console. `npm start` and the test
 * bootstrap both use this, so tests run against exactly what a person runs.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, stackConfigSchema } from '@pe/config';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from './postgres.js';
import { removeLinkedCluster } from './root-runtime.js';
import { assertPortFree, freePort, httpOk, spawnService, waitUntil, type Service } from './processes.js';
import { startComponent } from './start-error.js';
import { resolveTemporalCli } from './temporal-cli.js';
import { startTemporalDevServer, type RunningTemporal } from './temporal-server.js';

/** What apps/worker/src/main.ts prints once it has bundled the workflows and polls its task queue. */
export const WORKER_READY = 'worker: polling task queue';

export interface StackOptions {
  repoRoot: string;
  /** dev: fixed ports, demo data, data kept under DATA_DIR. test: free ports, a fresh data folder. */
  mode: 'dev' | 'test';
  /** Sub-folder of DATA_DIR for this stack's data (test mode: "test", wiped at start). */
  dataFolder?: string;
  /** Wipe the data folder first (default: true in test mode, never in dev mode). */
  fresh?: boolean;
  env?: NodeJS.ProcessEnv;
  echo?: boolean;
  log?: (line: string) => void;
}

export interface RunningStack {
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string | null;
  jwtSecret: string;
  /** The stack's data folder (DATA_DIR, plus the test sub-folder). */
  dataDir: string;
  /** Starts (or restarts) only the worker, for tests that stop it. */
  worker: () => Service;
  /** The process id of the current worker (the latest one started), for measuring its memory. */
  workerPid: () => number | undefined;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? console.log;
  const config = loadConfig(stackConfigSchema, env);
  const test = options.mode === 'test';
  const dataDir = resolve(options.repoRoot, config.DATA_DIR, options.dataFolder ?? (test ? 'test' : ''));
  if (test && options.fresh !== false) {
    discardRootCluster(dataDir, env);
    rmSync(dataDir, { recursive: true, force: true });
  }
  await startComponent({ component: 'The data folder', tried: `creating ${dataDir}`, remedy: 'set DATA_DIR to a folder you may write' }, async () => {
    mkdirSync(dataDir, { recursive: true });
  });

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((error: unknown) => log(`stop: ${String(error)}`));
    stops.length = 0;
  };
  try {
    const postgres = await database(config, dataDir, test, log);
    if (postgres.stop) stops.push(postgres.stop);
    const temporal = await temporalServer(config, dataDir, test, options, log);
    stops.push(temporal.stop);

    const jwtSecret =
      config.JWT_SECRET ??
      (await startComponent({ component: 'The API', tried: `keeping a sign-in secret in ${dataDir}/jwt-secret`, remedy: 'set DATA_DIR to a folder you may write, or JWT_SECRET' }, async () =>
        persistentSecret(dataDir),
      ));
    const auditSigningKey =
      config.AUDIT_SIGNING_KEY ??
      (await startComponent({ component: 'The worker', tried: `keeping an audit signing key in ${dataDir}/audit-signing-key.pem`, remedy: 'set DATA_DIR to a folder you may write, or AUDIT_SIGNING_KEY' }, async () =>
        persistentSigningKey(dataDir),
      ));
    const port = test ? await freePort() : config.PORT;
    if (!test) {
      await startComponent({ component: 'The API', tried: `listening on ${config.HOST}:${port}`, remedy: 'stop what holds the port, or set PORT to a free one' }, () =>
        assertPortFree(port, 'PORT'),
      );
    }
    const host = config.HOST;
    const shared = {
      ...env,
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
      AUDIT_SIGNING_KEY: auditSigningKey,
      NODE_ENV: test ? 'test' : 'development',
    };
    const node = process.execPath;
    let currentWorker: Service | undefined;
    const startWorker = () => {
      const worker = spawnService('worker', node, [join(options.repoRoot, 'apps/worker/dist/main.js')], { env: shared, echo: options.echo, watchFor: [WORKER_READY] });
      stops.push(() => worker.stop());
      currentWorker = worker;
      return worker;
    };
    const worker = startWorker();
    const api = spawnService('api', node, [join(options.repoRoot, 'apps/api/dist/main.js')], {
      echo: options.echo,
      env: {
        ...shared,
        HOST: host,
        PORT: String(port),
        JWT_SECRET: jwtSecret,
        SEED_DEMO_DATA: String(config.SEED_DEMO_DATA),
        CONSOLE_DIST: join(options.repoRoot, 'apps/console/dist'),
      },
    });
    stops.push(() => api.stop());
    const apiUrl = `http://${host}:${port}`;
    const fromLogs = 'Its lines above (prefixed [api] or [worker]) say why; STACK_LOGS=1 shows them in tests';
    await Promise.all([
      startComponent(
        { component: 'The API', tried: `node apps/api/dist/main.js, serving ${apiUrl}`, remedy: `${fromLogs}. PORT must be free and DATABASE_URL and TEMPORAL_ADDRESS reachable` },
        () => waitUntil('API', () => httpOk(`${apiUrl}/api/health/live`), 90_000, api),
      ),
      startComponent(
        { component: 'The worker', tried: 'node apps/worker/dist/main.js, polling the partnerships task queue', remedy: fromLogs },
        // The worker says so once it has bundled the workflows and polls its task queue.
        () => waitUntil('worker', async () => worker.printed(WORKER_READY), 180_000, worker),
      ),
    ]);
    return {
      apiUrl,
      databaseUrl: postgres.url,
      temporalAddress: temporal.address,
      temporalNamespace: config.TEMPORAL_NAMESPACE,
      temporalUiUrl: temporal.uiUrl,
      jwtSecret,
      dataDir,
      worker: startWorker,
      workerPid: () => currentWorker?.child.pid,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

type StackConfig = ReturnType<typeof loadConfig<typeof stackConfigSchema>>;

async function database(config: StackConfig, dataDir: string, test: boolean, log: (line: string) => void): Promise<{ url: string; stop?: RunningPostgres['stop'] }> {
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    log(`postgres: using DATABASE_URL (${url.host}${url.pathname})`);
    await createDatabaseIfAllowed(url, log);
    return { url: config.DATABASE_URL };
  }
  const port = test ? await freePort() : config.EMBEDDED_PG_PORT;
  const asRoot = process.getuid?.() === 0;
  const attempt = {
    component: 'PostgreSQL',
    tried: `the embedded PostgreSQL on 127.0.0.1:${port} with its data in ${dataDir}/postgres${asRoot ? ` (as root: run by the "postgres" user from ${config.EMBEDDED_PG_RUNTIME_DIR})` : ''}`,
    remedy: `set DATABASE_URL to use your own PostgreSQL${test ? '' : ', or EMBEDDED_PG_PORT to another free port'}${asRoot ? ', or EMBEDDED_PG_RUNTIME_DIR to a folder the "postgres" user may use' : ''}`,
  };
  return startComponent(attempt, async () => {
    if (!test) await assertPortFree(port, 'EMBEDDED_PG_PORT');
    log(`postgres: starting the embedded server on 127.0.0.1:${port} (data in ${dataDir}/postgres)`);
    return startEmbeddedPostgres({ dataDir, port, database: 'partnerships', runtimeDir: config.EMBEDDED_PG_RUNTIME_DIR, log });
  });
}

async function temporalServer(
  config: StackConfig,
  dataDir: string,
  test: boolean,
  options: StackOptions,
  log: (line: string) => void,
): Promise<RunningTemporal> {
  if (config.TEMPORAL_ADDRESS) {
    log(`temporal: using TEMPORAL_ADDRESS (${config.TEMPORAL_ADDRESS})`);
    return { address: config.TEMPORAL_ADDRESS, uiUrl: null, stop: async () => undefined };
  }
  const port = test ? await freePort() : config.TEMPORAL_PORT;
  const remedy = `set TEMPORAL_ADDRESS to use a running Temporal server, or TEMPORAL_CLI_PATH to a working temporal binary${test ? '' : ', or TEMPORAL_PORT and TEMPORAL_UI_PORT to free ports'}`;
  const cli = await startComponent({ component: 'Temporal', tried: 'finding the temporal CLI', remedy }, () =>
    resolveTemporalCli({ repoRoot: options.repoRoot, cliPath: config.TEMPORAL_CLI_PATH, log }),
  );
  const where = cli.kind === 'binary' ? cli.path : "the SDK's download";
  const attempt = { component: 'Temporal', tried: `temporal server start-dev (${where}) on 127.0.0.1:${port} with its data in ${dataDir}/temporal.db`, remedy };
  return startComponent(attempt, async () => {
    if (!test) await assertPortFree(port, 'TEMPORAL_PORT');
    log(`temporal: starting the dev server on 127.0.0.1:${port} (CLI from ${cli.source}, data in ${dataDir}/temporal.db)`);
    return startTemporalDevServer({
      cli,
      dataDir,
      port,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      ui: !test,
      echo: options.echo,
    });
  });
}

/** Creates the named database on an external server when it is missing and the user may; else leaves it to the owner. */
async function createDatabaseIfAllowed(url: URL, log: (line: string) => void): Promise<void> {
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!database) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  try {
    await ensureDatabase(admin.toString(), database);
  } catch (error) {
    log(`postgres: could not check or create database "${database}" (${(error as Error).message}); using it as it is`);
  }
}

/** A JWT secret generated once per data folder, so sign-ins survive a restart. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** An Ed25519 audit key generated once per data folder, so checkpoints signed before a restart still verify. */
function persistentSigningKey(dataDir: string): string {
  const file = join(dataDir, 'audit-signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

/**
 * For throwaway stacks (tests): as root the embedded cluster lives outside the data folder, so
 * deleting the folder alone would leave it behind. Call after `stop()`.
 */
export function discardRootCluster(dataDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const config = loadConfig(stackConfigSchema, env);
  if (process.getuid?.() === 0 && !config.DATABASE_URL) removeLinkedCluster(dataDir, config.EMBEDDED_PG_RUNTIME_DIR);
}
