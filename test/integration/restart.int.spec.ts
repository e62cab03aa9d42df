/**
 * Ctrl-C and start again: a second stack on the same data folder finds the partnership, the
 * sign-in secret and the waiting reminder timer where the first one left them.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, stackConfigSchema } from '@pe/config';
import { discardRootCluster, startStack, stopAllServices, type RunningStack } from '@pe/devstack';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, listQuery } from '../support/http.js';
import { nextYear } from '../support/partnerships.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const logs = process.env.STACK_LOGS === '1';
const restartOptions = { repoRoot, mode: 'test' as const, dataFolder: 'restart', echo: logs, log: logs ? (line: string) => console.log(`[restart] ${line}`) : () => undefined };
let running: RunningStack | undefined;

afterAll(async () => {
  await running?.stop();
  // A start cut short by the test's timeout returned no stack to stop: stop what it had started.
  await stopAllServices();
  discardRootCluster(resolve(repoRoot, loadConfig(stackConfigSchema).DATA_DIR, restartOptions.dataFolder));
});

async function call(stack: RunningStack, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('stop and start', () => {
  it('keeps partnerships, sign-ins and waiting timers', async () => {
    running = await startStack({ ...restartOptions, fresh: true });
    const first = running;
    const coordinator = (await call(first, 'POST', '/api/auth/login', undefined, { email: DEMO.coordinator, password: DEMO_PASSWORD })).body;
    const sponsor = (await call(first, 'POST', '/api/auth/login', undefined, { email: DEMO.sponsor, password: DEMO_PASSWORD })).body;
    const organizations = (await call(first, 'GET', '/api/organizations', coordinator.token)).body as { id: string }[];
    const created = await call(first, 'POST', '/api/partnerships', coordinator.token, {
      name: 'Survives a restart',
      sponsorId: sponsor.user.id,
      organizationIds: organizations.slice(0, 2).map((org) => org.id),
      // The reminder is due while the stack is down: it must fire after the restart.
      policy: { taskDue: 'PT16S', reminderBeforeDue: 'PT1S', overdueReminderEvery: 'PT1H', escalateAfterOverdue: 'PT1H', healthPulse: 'P1D', reviewCycle: 'P2D' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const goals = [{ rank: 1, title: 'Shared triage', metric: 'patients triaged', baseline: 0, target: 500, dueDate: nextYear() }];
    expect((await call(first, 'POST', `/api/partnerships/${id}/commands`, coordinator.token, { type: 'RecordGoals', goals, scope: 'One county' })).status).toBe(200);
    expect((await call(first, 'POST', `/api/partnerships/${id}/commands`, coordinator.token, { type: 'SubmitPriorities' })).status).toBe(200);
    await first.stop();
    running = undefined;

    const restartedAt = Date.now();
    running = await startStack({ ...restartOptions, fresh: false });
    const second = running;
    const record = await call(second, 'GET', `/api/partnerships/${id}`, coordinator.token);
    expect(record).toMatchObject({ status: 200, body: { name: 'Survives a restart', prioritiesStatus: 'SUBMITTED', version: 4 } });

    // A Temporal server on PostgreSQL started again at once takes over the history shards its
    // predecessor held only once that one's membership lapses (its last heartbeat is 20 s old), so a
    // timer that fell due meanwhile fires up to about 20 s after the start: a minute leaves room.
    let reminders: { taskId: string; userId: string; createdAt: string }[] = [];
    for (let attempt = 0; attempt < 300 && reminders.length === 0; attempt += 1) {
      reminders = (await call(second, 'GET', `/api/notifications?${listQuery({ partnershipId: id, kind: 'reminder' })}`, sponsor.token)).body;
      if (reminders.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    const [task] = (await call(second, 'GET', `/api/tasks?${listQuery({ mine: true, partnershipId: id })}`, sponsor.token)).body;
    // The first stack never reminded anyone: every reminder was sent by the second one, to the
    // assignee of the task the first one opened.
    for (const reminder of reminders) {
      expect(reminder).toMatchObject({ taskId: task.id, userId: sponsor.user.id });
      expect(Date.parse(reminder.createdAt)).toBeGreaterThanOrEqual(restartedAt);
    }
    expect((await call(second, 'POST', `/api/tasks/${task.id}/complete`, sponsor.token, { decision: 'approve' })).body.events).toHaveLength(3);
    // Two whole stacks start here; the cluster topology's (schema, server, two workers) takes longest.
  }, 360_000);
});
