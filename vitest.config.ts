import { defineConfig } from 'vitest/config';

/**
 * Files that must have the machine to themselves: they start a whole stack of their own (chaos,
 * restart, start-anywhere), kill or starve a process on a schedule they measure (worker-crash,
 * fail-fast), hold the shared database's connections or an API's one verification turn
 * (audit-load), or drive one partnership as hard as it goes (busy-partnership).
 */
const SERIAL_FILES = [
  'test/integration/chaos.int.spec.ts',
  'test/integration/restart.int.spec.ts',
  'test/integration/start-anywhere.int.spec.ts',
  'test/integration/worker-crash.int.spec.ts',
  'test/integration/fail-fast.int.spec.ts',
  'test/integration/audit-load.int.spec.ts',
  'test/integration/busy-partnership.int.spec.ts',
];

/**
 * What both integration projects share: the real stack (embedded PostgreSQL, a Temporal dev server,
 * the worker and the API), started once in globalSetup and shared by both, in forks.
 */
const integration = {
  globalSetup: ['test/setup/global-setup.ts'],
  pool: 'forks' as const,
  testTimeout: 120_000,
  hookTimeout: 180_000,
  // A browser page answers in its own time on a busy machine; expect.poll's 1 s default is too short.
  expect: { poll: { timeout: 20_000, interval: 200 } },
};

/**
 * Three tiers: `unit` (pure, milliseconds, no servers); `integration`, files that each make their own
 * partnerships and users on the shared stack, three at a time, since most of their time is spent
 * waiting on timers, Temporal and the browser; then `integration-serial`, one file at a time, alone.
 * `--project 'integration*'` runs both integration tiers.
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
          ...integration,
          name: 'integration',
          include: ['test/**/*.int.spec.ts', 'test/**/*.e2e.spec.ts'],
          exclude: SERIAL_FILES,
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...integration,
          name: 'integration-serial',
          include: SERIAL_FILES,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
