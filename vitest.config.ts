import { defineConfig } from 'vitest/config';

/**
 * Two tiers: `unit` (pure, milliseconds, no servers) and `integration` (the real stack: embedded
 * PostgreSQL, a Temporal dev server, the worker and the API, started once in globalSetup).
 * Integration files run in forks, one at a time, because they share that one stack.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['libs/**/src/**/*.unit.spec.ts', 'apps/**/src/**/*.unit.spec.ts', 'workflows/src/**/*.unit.spec.ts', 'test/**/*.unit.spec.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.spec.ts', 'test/**/*.e2e.spec.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A browser page answers in its own time on a busy machine; expect.poll's 1 s default is too short.
          expect: { poll: { timeout: 20_000, interval: 200 } },
        },
      },
    ],
  },
});
