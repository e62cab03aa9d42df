/**
 * Ctrl-C and start again: a second stack on the same data folder finds the partnership, the
 * sign-in secret and the waiting reminder timer where the first one left them.
 */
import { fileURLToPath } from 'node:url';
import { discardRootCluster, startStack, type RunningStack } from '@pe/devstack';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, listQuery } from '../support/http.js';
import { nextYear } from '../support/partnerships.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const quiet = { repoRoot, mode: 'test' as const, dataFolder: 'restart', echo: false, log: () => undefined };
let running: RunningStack | undefined;

afterAll(async () => {
  await running?.stop();
  if (running) discardRootCluster(running.dataDir);
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
    running = await startStack({ ...quiet, fresh: true });
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
    running = await startStack({ ...quiet, fresh: false });
    const second = running;
    const record = await call(second, 'GET', `/api/partnerships/${id}`, coordinator.token);
    expect(record).toMatchObject({ status: 200, body: { name: 'Survives a restart', prioritiesStatus: 'SUBMITTED', version: 4 } });

    let reminders: { taskId: string; userId: string; createdAt: string }[] = [];
    for (let attempt = 0; attempt < 150 && reminders.length === 0; attempt += 1) {
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
  });
});
