/**
 * An API process of a test's own beside the shared stack's: the same database, Temporal and audit key,
 * its own port, JWT secret and whatever configuration the test gives it, with everything it prints kept.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, httpOk, spawnService, waitUntil, type Service } from '@pe/devstack';
import { inject } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface PrivateApi {
  url: string;
  service: Service;
  /** Everything the process printed so far, stdout and stderr, exactly as written (not split into lines). */
  output(): string;
  stop(): Promise<void>;
}

export async function startPrivateApi(name: string, env: Record<string, string> = {}): Promise<PrivateApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = spawnService(name, process.execPath, [join(repoRoot, 'apps/api/dist/main.js')], {
    echo: process.env.STACK_LOGS === '1',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: inject('temporalNamespace'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY ?? readFileSync(resolve(repoRoot, process.env.DATA_DIR ?? '.data', 'test', 'audit-signing-key.pem'), 'utf8'),
      SEED_DEMO_DATA: 'false',
      ...env,
    },
  });
  // Listening from the start: the process writes nothing before this turn of the event loop ends.
  const chunks: string[] = [];
  for (const stream of [service.child.stdout, service.child.stderr]) stream?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  await waitUntil(name, () => httpOk(`${url}/api/health`), 90_000, service);
  return { url, service, output: () => chunks.join(''), stop: () => service.stop() };
}
