/**
 * Starts the real stack once for the whole integration run and shares its addresses through
 * vitest's provide/inject. STACK_LOGS=1 prints every server's output. STACK_TOPOLOGY=cluster runs the
 * same files against the production topology (the Temporal server on PostgreSQL, two workers, two
 * APIs behind a round-robin at `apiUrl`): `npm run test:cluster`.
 */
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { discardRootCluster, freePort, startStack, type StackTopology } from '@pe/devstack';

declare module 'vitest' {
  export interface ProvidedContext {
    stackTopology: StackTopology;
    /** Where tests reach the API: the API itself, or the round-robin in front of the cluster's APIs. */
    apiUrl: string;
    /** Each API process's own address. */
    apiUrls: string[];
    databaseUrl: string;
    temporalAddress: string;
    temporalNamespace: string;
    /** The key the stack's workers sign checkpoints with, for an API of a test's own. */
    auditSigningKey: string;
    /**
     * The port the stack's workers send email to (SMTP_URL). Nothing listens there: a test that
     * expects email starts its own SMTP server on it, and until then a send fails and is retried.
     */
    smtpPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const smtpPort = await freePort();
  const stack = await startStack({
    repoRoot,
    mode: 'test',
    // Every file signs in from 127.0.0.1, and some fail on purpose: the per-address limit would soon
    // refuse them all. sign-in-limits.int.spec.ts tests that limit on an API of its own.
    env: { ...process.env, SIGN_IN_IP_MAX_FAILURES: '1000000', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
    echo: process.env.STACK_LOGS === '1',
    log: (line) => console.log(`[stack] ${line}`),
  });
  project.provide('stackTopology', stack.topology);
  project.provide('apiUrl', stack.apiUrl);
  project.provide('apiUrls', stack.apiUrls);
  project.provide('databaseUrl', stack.databaseUrl);
  project.provide('temporalAddress', stack.temporalAddress);
  project.provide('temporalNamespace', stack.temporalNamespace);
  project.provide('auditSigningKey', stack.auditSigningKey);
  project.provide('smtpPort', smtpPort);
  return async () => {
    await stack.stop();
    discardRootCluster(stack.dataDir);
  };
}
