/**
 * A Temporal dev server for the local stack: its SQLite file (WAL) under the data folder, so
 * partnerships and their timers survive a restart, and the project's search attributes registered.
 * (The cluster topology runs the real server on PostgreSQL instead: temporal-cluster.ts.)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawnService, waitUntil, type Service } from './processes.js';
import type { TemporalCli } from './temporal-cli.js';
import { PARTNERSHIP_SEARCH_ATTRIBUTES, reachable, registerSearchAttributes, withConnection } from './temporal-namespace.js';

/**
 * Dynamic configuration of the dev server. Eager activity dispatch: the worker that schedules
 * recordEvents gets the activity task back in the answer to that workflow task, instead of Temporal
 * queuing it for a poller, which saves the server a trip through matching and a write per command
 * (docs/design.md, "Throughput"). A server without it ignores the worker's request: same result, slower.
 */
export const SERVER_SETTINGS = ['system.enableActivityEagerExecution=true'];

/**
 * The same settings as a dynamic-config file, for a server that reads them from one (the cluster
 * topology's, docker-compose.yml's `temporal`): each key with one value for every namespace. JSON is
 * YAML, so it is written as JSON.
 */
export function dynamicConfigFile(settings: readonly string[] = SERVER_SETTINGS): string {
  const entries = settings.map((setting) => {
    const [key, value] = [setting.slice(0, setting.indexOf('=')), setting.slice(setting.indexOf('=') + 1)];
    return [key, [{ value: JSON.parse(value) as unknown, constraints: {} }]];
  });
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}

export interface TemporalServerOptions {
  cli: TemporalCli;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  ui?: boolean;
  echo?: boolean;
}

export interface RunningTemporal {
  address: string;
  uiUrl: string | null;
  /** The server's process (dev server or cluster), for supervision; null when the SDK runs it or it is not ours. */
  service: Service | null;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: TemporalServerOptions): Promise<RunningTemporal> {
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = join(options.dataDir, 'temporal.db');
  const address = `127.0.0.1:${options.port}`;
  if (options.cli.kind === 'sdk-download') return startWithSdkDownload(options, dbFile, options.cli.tried);

  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--db-filename', dbFile,
    '--sqlite-pragma', 'journal_mode=WAL',
    '--namespace', options.namespace,
    '--log-level', 'error',
    ...SERVER_SETTINGS.flatMap((setting) => ['--dynamic-config-value', setting]),
    ...(options.ui === false ? ['--headless'] : ['--ui-port', String(options.uiPort)]),
  ];
  const server = spawnService('temporal', options.cli.path, args, { echo: options.echo ?? true });
  try {
    await waitUntil('Temporal dev server', () => reachable(address), 60_000, server);
    await withConnection(address, (connection) => registerSearchAttributes(connection, options.namespace));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { address, uiUrl: options.ui === false ? null : `http://127.0.0.1:${options.uiPort}`, service: server, stop: () => server.stop() };
}

async function startWithSdkDownload(options: TemporalServerOptions, dbFile: string, tried: string[]): Promise<RunningTemporal> {
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        dbFilename: dbFile,
        namespace: options.namespace,
        ui: options.ui !== false,
        uiPort: options.uiPort,
        extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', ...SERVER_SETTINGS.flatMap((setting) => ['--dynamic-config-value', setting])],
        searchAttributes: PARTNERSHIP_SEARCH_ATTRIBUTES,
      },
    });
    return { address: env.address, uiUrl: null, service: null, stop: () => env.teardown() };
  } catch (error) {
    tried.push(`the Temporal SDK download (failed: ${(error as Error).message})`);
    throw new Error(`Could not obtain the temporal CLI. Tried, in order:\n  - ${tried.join('\n  - ')}\nSet TEMPORAL_CLI_PATH to a temporal binary, or TEMPORAL_ADDRESS to a running server.`);
  }
}
