/**
 * The whole product on one machine: PostgreSQL (embedded unless DATABASE_URL), Temporal (unless
 * TEMPORAL_ADDRESS), the worker and the API serving the console. `npm start` and the test bootstrap
 * both use this, so tests run against exactly what a person runs. STACK_TOPOLOGY chooses the shape:
 * `single` runs the Temporal dev server, one worker and one API; `cluster` runs the production
 * topology of docker-compose.yml — the Temporal server on the stack's PostgreSQL, two workers, two
 * APIs behind a round-robin at the one address. Once every component is ready, each process it
 * started is supervised (supervisor.ts): one that dies is reported and started again on the same
 * data; when one keeps failing, the rest is stopped and `failed` says why.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, stackConfigSchema } from '@pe/config';
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from './postgres.js';
import { apiUp, spawnApi, spawnWorker, workerReady } from './app-processes.js';
import { removeLinkedCluster } from './root-runtime.js';
import { assertPortFree, freePort, type Service } from './processes.js';
import { startRoundRobin } from './round-robin.js';
import { startSmtpCapture } from './smtp-capture.js';
import { startComponent } from './start-error.js';
import { supervise, type RestartPolicy, type Supervision } from './supervisor.js';
import { resolveTemporalCli } from './temporal-cli.js';
import { TEMPORAL_DATABASES, TEMPORAL_SERVER_VERSION, endpointOf, resolveTemporalServer, startTemporalCluster } from './temporal-cluster.js';
import { startTemporalDevServer, type RunningTemporal } from './temporal-server.js';

/** Workers and API processes of each topology (docker-compose.yml scales the workers to two). */
const REPLICAS = { single: 1, cluster: 2 } as const;
/** Temporal's connection pools beside the APIs' and workers': as docker-compose.yml gives its PostgreSQL. */
const CLUSTER_MAX_CONNECTIONS = 300;

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
  /** Where the stack's own lines go: what it starts, and what dies and is restarted. */
  log?: (line: string) => void;
  /** How a component that dies is restarted (default DEFAULT_RESTART_POLICY). */
  restartPolicy?: RestartPolicy;
}

/** The processes a stack may run and supervise. */
export type StackComponent = 'postgres' | 'temporal' | 'worker' | 'api';

/** How the stack's lines name each component, as the subject of a sentence. */
const LABELS: Record<StackComponent, string> = { postgres: 'PostgreSQL', temporal: 'Temporal', worker: 'The worker', api: 'The API' };

export type StackTopology = keyof typeof REPLICAS;

export interface RunningStack {
  topology: StackTopology;
  /** Where clients reach the API: the API itself, or (cluster) the round-robin in front of the APIs. */
  apiUrl: string;
  /** Each API process's own address (one in the single topology). */
  apiUrls: string[];
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string | null;
  /** Each worker's Prometheus endpoint; none when WORKER_METRICS_PORT=0 turned them off. */
  workerMetricsUrls: string[];
  jwtSecret: string;
  /** The Ed25519 key (PEM or base64 DER) the workers sign checkpoints with; an API of a test's own needs it to verify them. */
  auditSigningKey: string;
  /** Where the workers send email: SMTP_URL, or the stack's capturing server. */
  smtpUrl: string;
  /** The stack's data folder (DATA_DIR, plus the test sub-folder). */
  dataDir: string;
  /**
   * The process id of a component as it runs now (of a worker or an API, the first one's), for chaos
   * tests and memory measures; undefined while it is down, or when it is not ours (DATABASE_URL,
   * TEMPORAL_ADDRESS, the SDK's Temporal).
   */
  pid(component: StackComponent): number | undefined;
  /** Resolves once the component runs (every replica of it): at once, or when the restarts under way are ready. */
  up(component: StackComponent): Promise<void>;
  /** Settles when supervision gave up on a component, once everything else is stopped; the error says why. */
  failed: Promise<Error>;
  stop(): Promise<void>;
}

/** A process the stack started: how to start it again, and its supervision once the stack is up. */
interface Component {
  name: StackComponent;
  /** How lines name it, as the subject of a sentence. */
  label: string;
  first: Service;
  restart: () => Promise<Service>;
  supervision?: Supervision<Service>;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? console.log;
  const config = loadConfig(stackConfigSchema, env);
  const test = options.mode === 'test';
  const topology = config.STACK_TOPOLOGY;
  const replicas = REPLICAS[topology];
  const dataDir = resolve(options.repoRoot, config.DATA_DIR, options.dataFolder ?? (test ? 'test' : ''));
  if (test && options.fresh !== false) {
    discardRootCluster(dataDir, env);
    rmSync(dataDir, { recursive: true, force: true });
  }
  await startComponent({ component: 'The data folder', tried: `creating ${dataDir}`, remedy: 'set DATA_DIR to a folder you may write' }, async () => {
    mkdirSync(dataDir, { recursive: true });
  });

  const components: Component[] = [];
  const stops: (() => Promise<void>)[] = [];
  const started = (component: Component) => {
    components.push(component);
    stops.push(() => (component.supervision ?? component.first).stop());
  };
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Nothing is restarted once a stop has begun, whatever ends first.
      for (const component of components) component.supervision?.halt();
      for (const step of stops.reverse()) await step().catch((error: unknown) => log(`stop: ${String(error)}`));
      stops.length = 0;
    })());
  try {
    const postgres = await database(config, dataDir, test, topology === 'cluster' ? CLUSTER_MAX_CONNECTIONS : undefined, log);
    if (postgres.embedded) started({ name: 'postgres', label: LABELS.postgres, first: postgres.embedded.service, restart: postgres.restart });
    const temporal = await temporalServer(config, dataDir, test, postgres.url, options, log);
    if (temporal.running.service && temporal.restart) started({ name: 'temporal', label: LABELS.temporal, first: temporal.running.service, restart: temporal.restart });
    else stops.push(temporal.running.stop);

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
    // Without SMTP_URL, the workers send to a capturing SMTP server of the stack's own: nothing leaves the machine.
    let smtpUrl = config.SMTP_URL;
    if (!smtpUrl) {
      const capture = await startComponent(
        { component: 'The capturing SMTP server', tried: `listening on 127.0.0.1:${test ? 'a free port' : config.SMTP_CAPTURE_PORT}`, remedy: 'stop what holds the port, set SMTP_CAPTURE_PORT to a free one, or SMTP_URL to a real server' },
        () => startSmtpCapture({ port: test ? 0 : config.SMTP_CAPTURE_PORT, folder: join(dataDir, 'mail'), log }),
      );
      stops.push(capture.stop);
      smtpUrl = capture.url;
      log(`mail: capturing SMTP on ${capture.url} (each message printed here and kept in ${join(dataDir, 'mail')})`);
    }
    const shared = {
      ...env,
      SMTP_URL: smtpUrl,
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.running.address,
      TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
      AUDIT_SIGNING_KEY: auditSigningKey,
      NODE_ENV: test ? 'test' : 'development',
    };
    const apiPorts = topology === 'cluster' ? await Promise.all(Array.from({ length: replicas }, () => freePort())) : [port];
    // The cluster's APIs are reached through the round-robin only; it alone listens on HOST.
    const apiHost = topology === 'cluster' ? '127.0.0.1' : host;
    const apiUrls = apiPorts.map((apiPort) => `http://${apiHost}:${apiPort}`);
    const apiEnv = (apiPort: number) => ({
      ...shared,
      HOST: apiHost,
      PORT: String(apiPort),
      JWT_SECRET: jwtSecret,
      SEED_DEMO_DATA: String(config.SEED_DEMO_DATA),
      CONSOLE_DIST: join(options.repoRoot, 'apps/console/dist'),
      // A test stack signs in thousands of times; at argon2's full cost each sign-in is half a second of CPU.
      ...(test ? { PASSWORD_HASHING: 'cheap-for-tests' } : {}),
      // Behind the round-robin, the client's address arrives in X-Forwarded-For.
      ...(topology === 'cluster' ? { TRUST_PROXY: '1' } : {}),
    });
    const echo = options.echo;
    const numbered = (name: string, replica: number) => (replicas > 1 ? `${name}-${replica + 1}` : name);
    const labelled = (name: StackComponent, replica: number) => (replicas > 1 ? `${LABELS[name]} (${replica + 1} of ${replicas})` : LABELS[name]);
    // A metrics port of its own for each worker unless one is named (only one worker can take a named
    // port), so two stacks (or npm start beside the tests) never share one; a restart keeps it.
    const workerMetricsPorts = await Promise.all(
      Array.from({ length: replicas }, (_, replica) => (config.WORKER_METRICS_PORT !== undefined && (replica === 0 || config.WORKER_METRICS_PORT === 0) ? config.WORKER_METRICS_PORT : freePort())),
    );
    const workerEnv = (replica: number) => ({ ...shared, WORKER_METRICS_PORT: String(workerMetricsPorts[replica]) });
    const fromLogs = 'Its lines above (prefixed [api] or [worker]) say why; STACK_LOGS=1 shows them in tests';
    const ready: Promise<unknown>[] = [];
    for (let replica = 0; replica < replicas; replica += 1) {
      const spawn = () => spawnWorker({ repoRoot: options.repoRoot, name: numbered('worker', replica), env: workerEnv(replica), echo });
      const worker = spawn();
      started({ name: 'worker', label: labelled('worker', replica), first: worker, restart: () => stoppedUnlessReady(spawn(), (again) => workerReady(again)) });
      ready.push(startComponent({ component: labelled('worker', replica), tried: 'node apps/worker/dist/main.js, polling the partnerships task queue', remedy: fromLogs }, () => workerReady(worker)));
    }
    apiPorts.forEach((apiPort, replica) => {
      const url = apiUrls[replica]!;
      const spawn = () => spawnApi({ repoRoot: options.repoRoot, name: numbered('api', replica), env: apiEnv(apiPort), echo });
      const api = spawn();
      // Started again, it is ready once it answers at all: it listens only after migrating, and a
      // PostgreSQL or Temporal that is down is theirs to report, not a reason to restart the API again.
      started({ name: 'api', label: labelled('api', replica), first: api, restart: () => stoppedUnlessReady(spawn(), (again) => apiUp(again, url, 'listening')) });
      ready.push(
        startComponent(
          { component: labelled('api', replica), tried: `node apps/api/dist/main.js, serving ${url}`, remedy: `${fromLogs}. PORT must be free and DATABASE_URL and TEMPORAL_ADDRESS reachable` },
          () => apiUp(api, url),
        ),
      );
    });
    await Promise.all(ready);
    let apiUrl = apiUrls[0]!;
    if (topology === 'cluster') {
      const balancer = await startComponent({ component: 'The API', tried: `a round-robin over ${apiUrls.join(' and ')} on ${host}:${port}`, remedy: 'stop what holds the port, or set PORT to a free one' }, () =>
        startRoundRobin({ host, port, upstreams: apiUrls }),
      );
      stops.push(balancer.stop);
      apiUrl = balancer.url;
    }

    let reportFailure!: (error: Error) => void;
    const failed = new Promise<Error>((resolvePromise) => (reportFailure = resolvePromise));
    const giveUp = (reason: string) => {
      if (stopping) return;
      log(`✖ ${reason} Stopping everything else.`);
      void stop().then(() => reportFailure(new Error(`${reason} Everything else is stopped. The lines above say why it kept failing; fix that and start again.`)));
    };
    for (const component of components) {
      component.supervision = supervise({ label: component.label, running: component.first, restart: component.restart, policy: options.restartPolicy, report: log, giveUp });
    }
    const supervisionsOf = (name: StackComponent) => components.filter((component) => component.name === name).flatMap((component) => component.supervision ?? []);
    return {
      topology,
      apiUrl,
      apiUrls,
      databaseUrl: postgres.url,
      temporalAddress: temporal.running.address,
      temporalNamespace: config.TEMPORAL_NAMESPACE,
      temporalUiUrl: temporal.running.uiUrl,
      workerMetricsUrls: workerMetricsPorts.filter((metricsPort) => metricsPort > 0).map((metricsPort) => `http://127.0.0.1:${metricsPort}/metrics`),
      jwtSecret,
      auditSigningKey,
      smtpUrl,
      dataDir,
      pid: (name) => supervisionsOf(name)[0]?.current()?.child.pid,
      up: async (name) => {
        await Promise.all(supervisionsOf(name).map((supervision) => supervision.up()));
      },
      failed,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until a process (started again) is ready; one that is not is stopped, so nothing half-started is left. */
async function stoppedUnlessReady(service: Service, ready: (service: Service) => Promise<void>): Promise<Service> {
  try {
    await ready(service);
    return service;
  } catch (error) {
    await service.stop();
    throw error;
  }
}

type StackConfig = ReturnType<typeof loadConfig<typeof stackConfigSchema>>;

/** The database's URL and, when we run it, the running server and how to start it again on the same data. */
type Database = { url: string; embedded: null } | { url: string; embedded: RunningPostgres; restart: () => Promise<Service> };

async function database(config: StackConfig, dataDir: string, test: boolean, maxConnections: number | undefined, log: (line: string) => void): Promise<Database> {
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    log(`postgres: using DATABASE_URL (${url.host}${url.pathname})`);
    await createDatabaseIfAllowed(url, log);
    return { url: config.DATABASE_URL, embedded: null };
  }
  const port = test ? await freePort() : config.EMBEDDED_PG_PORT;
  const asRoot = process.getuid?.() === 0;
  const attempt = {
    component: 'PostgreSQL',
    tried: `the embedded PostgreSQL on 127.0.0.1:${port} with its data in ${dataDir}/postgres${asRoot ? ` (as root: run by the "postgres" user from ${config.EMBEDDED_PG_RUNTIME_DIR})` : ''}`,
    remedy: `set DATABASE_URL to use your own PostgreSQL${test ? '' : ', or EMBEDDED_PG_PORT to another free port'}${asRoot ? ', or EMBEDDED_PG_RUNTIME_DIR to a folder the "postgres" user may use' : ''}`,
  };
  const start = () => startEmbeddedPostgres({ dataDir, port, database: 'partnerships', runtimeDir: config.EMBEDDED_PG_RUNTIME_DIR, maxConnections, log });
  const embedded = await startComponent(attempt, async () => {
    if (!test) await assertPortFree(port, 'EMBEDDED_PG_PORT');
    log(`postgres: starting the embedded server on 127.0.0.1:${port} (data in ${dataDir}/postgres)`);
    return start();
  });
  return { url: embedded.url, embedded, restart: async () => (await start()).service };
}

type StartedTemporal = { running: RunningTemporal; restart: (() => Promise<Service>) | null };

async function temporalServer(config: StackConfig, dataDir: string, test: boolean, databaseUrl: string, options: StackOptions, log: (line: string) => void): Promise<StartedTemporal> {
  if (config.TEMPORAL_ADDRESS) {
    log(`temporal: using TEMPORAL_ADDRESS (${config.TEMPORAL_ADDRESS})`);
    return { running: { address: config.TEMPORAL_ADDRESS, uiUrl: null, service: null, stop: async () => undefined }, restart: null };
  }
  if (config.STACK_TOPOLOGY === 'cluster') return temporalCluster(config, dataDir, test, databaseUrl, options, log);
  const port = test ? await freePort() : config.TEMPORAL_PORT;
  const remedy = `set TEMPORAL_ADDRESS to use a running Temporal server, or TEMPORAL_CLI_PATH to a working temporal binary${test ? '' : ', or TEMPORAL_PORT and TEMPORAL_UI_PORT to free ports'}`;
  const cli = await startComponent({ component: 'Temporal', tried: 'finding the temporal CLI', remedy }, () =>
    resolveTemporalCli({ repoRoot: options.repoRoot, cliPath: config.TEMPORAL_CLI_PATH, log }),
  );
  const where = cli.kind === 'binary' ? cli.path : "the SDK's download";
  const attempt = { component: 'Temporal', tried: `temporal server start-dev (${where}) on 127.0.0.1:${port} with its data in ${dataDir}/temporal.db`, remedy };
  const start = () => startTemporalDevServer({ cli, dataDir, port, uiPort: config.TEMPORAL_UI_PORT, namespace: config.TEMPORAL_NAMESPACE, ui: !test, echo: options.echo });
  const running = await startComponent(attempt, async () => {
    if (!test) await assertPortFree(port, 'TEMPORAL_PORT');
    log(`temporal: starting the dev server on 127.0.0.1:${port} (CLI from ${cli.source}, data in ${dataDir}/temporal.db)`);
    return start();
  });
  // The SDK's own Temporal is not a process of ours to watch.
  if (!running.service) return { running, restart: null };
  const restart = async () => {
    const again = await start();
    if (!again.service) throw new Error('the temporal binary is no longer there');
    return again.service;
  };
  return { running, restart };
}

/** The Temporal server on the stack's PostgreSQL, built into .tools/ on first use; its data is in PostgreSQL, so a restart finds it. */
async function temporalCluster(config: StackConfig, dataDir: string, test: boolean, databaseUrl: string, options: StackOptions, log: (line: string) => void): Promise<StartedTemporal> {
  const port = test ? await freePort() : config.TEMPORAL_PORT;
  const remedy = `set TEMPORAL_ADDRESS to use a running Temporal server, or STACK_TOPOLOGY=single for the dev server${test ? '' : ', or TEMPORAL_PORT to a free port'}`;
  const binaries = await startComponent(
    { component: 'Temporal', tried: `the Temporal server ${TEMPORAL_SERVER_VERSION} and its sql tool in .tools/ (built with go install when missing)`, remedy: `install Go 1.25 or later, or ${remedy}` },
    () => resolveTemporalServer({ repoRoot: options.repoRoot, log }),
  );
  const postgres = endpointOf(databaseUrl);
  const attempt = {
    component: 'Temporal',
    tried: `the Temporal server ${TEMPORAL_SERVER_VERSION} (${binaries.server}) on 127.0.0.1:${port}, its data in the databases ${Object.values(TEMPORAL_DATABASES).join(' and ')} of the PostgreSQL at ${postgres.host}:${postgres.port}`,
    remedy,
  };
  const start = async () => {
    const running = await startTemporalCluster({ binaries, postgres, dataDir, port, namespace: config.TEMPORAL_NAMESPACE, echo: options.echo, log });
    return { running, service: running.service! };
  };
  const { running } = await startComponent(attempt, async () => {
    if (!test) await assertPortFree(port, 'TEMPORAL_PORT');
    log(`temporal: starting the Temporal server ${TEMPORAL_SERVER_VERSION} on 127.0.0.1:${port} (from ${binaries.source}, data in PostgreSQL)`);
    return start();
  });
  return { running, restart: async () => (await start()).service };
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
