/**
 * The chaos suite against a stack of its own (a private temporary data folder, free ports on
 * 127.0.0.1, supervised as `npm start` supervises): faults under a steady command load, then the
 * log, the answers, the projections, /verify and the reminders must all hold. `npm test` runs the
 * short profile; `npm run chaos` the long one (test/support/chaos/scenario.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discardRootCluster, startStack, type RunningStack } from '@pe/devstack';
import { afterAll, describe, expect, it } from 'vitest';
import { chaosProfile, runChaos } from '../support/chaos/scenario.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const profile = chaosProfile(process.env);
const home = mkdtempSync(join(tmpdir(), 'pe-chaos-'));
const env = { ...process.env, DATA_DIR: home };
const DATA_FOLDER = 'chaos';
const echo = process.env.STACK_LOGS === '1';
const log = (line: string) => console.log(`[chaos] ${line}`);
let stack: RunningStack | undefined;

afterAll(async () => {
  await stack?.stop();
  // Also when the start failed half-way: as root the cluster lives outside the folder.
  discardRootCluster(join(home, DATA_FOLDER), env);
  rmSync(home, { recursive: true, force: true });
}, 120_000);

describe(`chaos (${profile.name} profile)`, () => {
  it('loses, doubles and reorders nothing while the worker, Temporal, PostgreSQL and the API are killed under load', async () => {
    stack = await startStack({
      repoRoot,
      mode: 'test',
      dataFolder: DATA_FOLDER,
      env,
      echo,
      log,
      // Killed again and again on purpose: quicker restarts, and a longer patience than npm start's.
      restartPolicy: { firstDelayMs: 250, maxDelayMs: 4000, stableAfterMs: 15_000, maxQuickFailures: 10 },
    });
    const outcome = await runChaos(stack, profile, log);
    console.log(outcome.summary);

    expect(outcome.loadFailures).toEqual([]);
    const { report } = outcome;
    expect(report.gaps).toEqual([]);
    expect(report.notExactlyOnce).toEqual([]);
    expect(report.workflowsApartFromLog).toEqual([]);
    expect(report.projectionsApartFromLog).toEqual([]);
    expect(report.verifyFailures).toEqual([]);
    expect(report.remindersNotOnce).toEqual([]);
    expect(report.events).toBeGreaterThan(0);
  }, profile.name === 'long' ? 3_600_000 : 900_000);
});
