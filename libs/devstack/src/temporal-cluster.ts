/**
 * A real Temporal server for the cluster topology: the server itself (every service in one process,
 * as docker-compose.yml's `temporal` service runs it) on PostgreSQL, for persistence and for
 * visibility, instead of the dev server's SQLite. The server and its SQL schema tool are built once
 * from their Go module, at the version the pinned CLI bundles, into `.tools/`; the schema is set up
 * with that tool; the namespace and the partnership search attributes are registered through the
 * operator API. Everything listens on 127.0.0.1, on ports chosen for this start.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findGo, goInstall, goVersion, isExecutable } from './go-tools.js';
import { ensureDatabase } from './postgres.js';
import { freePort, freePortIn, spawnService, waitUntil } from './processes.js';
import { ensureNamespace, reachable, registerSearchAttributes, searchable, withConnection } from './temporal-namespace.js';
import { dynamicConfigFile, type RunningTemporal } from './temporal-server.js';

/** The server version the pinned CLI (TEMPORAL_CLI_VERSION) bundles. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';
const PACKAGES = { server: `${MODULE}/cmd/server`, sqlTool: `${MODULE}/cmd/tools/sql` };

/** The databases docker-compose.yml gives Temporal, beside the application's own. */
export const TEMPORAL_DATABASES = { persistence: 'temporal', visibility: 'temporal_visibility' } as const;
/** The sql tool's embedded copies of the module's schema/postgresql/v12 folders. */
const SCHEMAS = { [TEMPORAL_DATABASES.persistence]: 'postgresql/v12/temporal', [TEMPORAL_DATABASES.visibility]: 'postgresql/v12/visibility' };
/** Fixed for the life of a cluster's data: the server refuses to start with another count. */
const HISTORY_SHARDS = 4;
const RETENTION_DAYS = 7;
/**
 * The server records each service's membership port in PostgreSQL as a smallint (cluster_membership),
 * so it must stay below 32768, where Linux hands out no ephemeral ports.
 */
const MEMBERSHIP_PORTS = { min: 20_000, max: 32_767 };
/** The server's dynamic configuration, under its config folder (where it reads no static configuration). */
export const DYNAMIC_CONFIG_FILE = join('dynamicconfig', 'partnerships.yaml');

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  source: string;
}

export interface ServerSearch {
  repoRoot: string;
  log?: (line: string) => void;
  /** The go binary to build with (default: findGo()). */
  go?: string;
}

/**
 * `.tools/temporal-server-<version>/` holds `temporal-server` and `temporal-sql-tool`; it is built
 * beside its place and renamed into it when complete, so a folder of that name is always whole.
 */
export async function resolveTemporalServer({ repoRoot, log = console.log, go = findGo() }: ServerSearch): Promise<TemporalServerBinaries> {
  const folder = join(repoRoot, '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const binaries = { server: join(folder, 'temporal-server'), sqlTool: join(folder, 'temporal-sql-tool') };
  if (isExecutable(binaries.server) && isExecutable(binaries.sqlTool)) return { ...binaries, source: '.tools/' };
  const version = goVersion(go);
  if (!version) {
    throw new Error(
      `The cluster topology needs the Temporal server ${TEMPORAL_SERVER_VERSION}, which is built with Go into .tools/, and Go is not installed (looked for go on PATH, in GOROOT and at /usr/local/go/bin/go)`,
    );
  }
  const building = `${folder}.build-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  log(`temporal server: building ${MODULE} ${TEMPORAL_SERVER_VERSION} (server and sql tool) into .tools/ with Go. This happens once and takes a few minutes.`);
  try {
    await goInstall({ go, packages: [`${PACKAGES.server}@${TEMPORAL_SERVER_VERSION}`, `${PACKAGES.sqlTool}@${TEMPORAL_SERVER_VERSION}`], into: building, what: 'temporal server', log });
    renameSync(join(building, 'server'), join(building, 'temporal-server'));
    renameSync(join(building, 'sql'), join(building, 'temporal-sql-tool'));
    rmSync(folder, { recursive: true, force: true });
    renameSync(building, folder);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`go install ${MODULE}/cmd/{server,tools/sql}@${TEMPORAL_SERVER_VERSION} with ${version} failed: ${(error as Error).message}`);
  }
  return { ...binaries, source: `go install (${version})` };
}

/** Where the server keeps its data: a PostgreSQL server it reaches with these credentials. */
export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The endpoint of a postgres:// URL (the application's database is on the same server). */
export function endpointOf(databaseUrl: string): PostgresEndpoint {
  const url = new URL(databaseUrl);
  return { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
}

export interface TemporalClusterOptions {
  binaries: TemporalServerBinaries;
  postgres: PostgresEndpoint;
  /** The data folder: the server's configuration is written under it (its data lives in PostgreSQL). */
  dataDir: string;
  /** The frontend's gRPC port, the one clients use. */
  port: number;
  namespace: string;
  echo?: boolean;
  log?: (line: string) => void;
}

export async function startTemporalCluster(options: TemporalClusterOptions): Promise<RunningTemporal> {
  const log = options.log ?? (() => undefined);
  for (const database of Object.values(TEMPORAL_DATABASES)) await setUpSchema(options.binaries.sqlTool, options.postgres, database, log);
  const root = join(options.dataDir, 'temporal-server');
  await writeServerConfig(root, options);
  const address = `127.0.0.1:${options.port}`;
  const server = spawnService('temporal', options.binaries.server, ['--root', root, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], {
    echo: options.echo ?? true,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  try {
    await waitUntil('Temporal server', () => reachable(address), 90_000, server);
    // The frontend answers before history and matching have joined: registering waits for them.
    await waitUntil('Temporal server (registering the namespace and search attributes)', () => withConnection(address, async (connection) => {
      await ensureNamespace(connection, options.namespace, RETENTION_DAYS);
      await registerSearchAttributes(connection, options.namespace);
      return true;
    }), 90_000, server);
    await waitUntil(`Temporal server (namespace "${options.namespace}" searchable)`, () => withConnection(address, (connection) => searchable(connection, options.namespace)), 60_000, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { address, uiUrl: null, service: server, stop: () => server.stop() };
}

/**
 * The database, then the sql tool's setup-schema (version tables at 0.0) and update-schema (every
 * versioned step after the database's current version), as the server's own auto-setup does. Each
 * step is a no-op on a database already set up, so this runs at every start and upgrades in place.
 */
async function setUpSchema(sqlTool: string, postgres: PostgresEndpoint, database: string, log: (line: string) => void): Promise<void> {
  const admin = `postgres://${encodeURIComponent(postgres.user)}:${encodeURIComponent(postgres.password)}@${postgres.host}:${postgres.port}/postgres`;
  await ensureDatabase(admin, database);
  // The password goes in the environment, not the command line other users can read.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', SQL_PLUGIN: 'postgres12', SQL_HOST: postgres.host, SQL_PORT: String(postgres.port), SQL_USER: postgres.user, SQL_PASSWORD: postgres.password, SQL_DATABASE: database };
  await runSqlTool(sqlTool, ['setup-schema', '--version', '0.0'], env);
  await runSqlTool(sqlTool, ['update-schema', '--schema-name', SCHEMAS[database as keyof typeof SCHEMAS]], env);
  log(`temporal server: schema of database "${database}" is current`);
}

function runSqlTool(sqlTool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(sqlTool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new Error(`temporal-sql-tool could not run (${error.message})`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`temporal-sql-tool ${args[0]} on ${env.SQL_DATABASE} failed with exit code ${code}:\n${output.trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}

/**
 * The server's configuration, after the module's config/development-postgres12.yaml: PostgreSQL
 * for persistence and visibility, every service bound to 127.0.0.1 on ports free now, no HTTP API,
 * archival, pprof or metrics endpoint. JSON is YAML, so it is written as JSON. It holds the
 * database password, so only its owner may read it.
 */
async function writeServerConfig(root: string, options: TemporalClusterOptions): Promise<void> {
  const configDir = join(root, 'config');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const service = async (grpcPort: number) => ({ rpc: { grpcPort, membershipPort: await freePortIn(MEMBERSHIP_PORTS.min, MEMBERSHIP_PORTS.max), bindOnLocalHost: true } });
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${options.postgres.host}:${options.postgres.port}`,
      connectProtocol: 'tcp',
      user: options.postgres.user,
      password: options.postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const config = {
    log: { stdout: true, level: 'warn', format: 'console' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: { 'postgres-default': datastore(TEMPORAL_DATABASES.persistence, 20), 'postgres-visibility': datastore(TEMPORAL_DATABASES.visibility, 10) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: await service(options.port),
      matching: await service(await freePort()),
      history: await service(await freePort()),
      worker: await service(await freePort()),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${options.port}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    // The dev server's settings (SERVER_SETTINGS: eager activity dispatch), from a file beside this one.
    dynamicConfigClient: { filepath: join(configDir, DYNAMIC_CONFIG_FILE), pollInterval: '60s' },
  };
  mkdirSync(join(configDir, 'dynamicconfig'), { recursive: true });
  writeFileSync(join(configDir, DYNAMIC_CONFIG_FILE), dynamicConfigFile());
  const file = join(configDir, 'development.yaml');
  if (existsSync(file)) chmodSync(file, 0o600);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
