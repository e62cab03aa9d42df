/**
 * Long life: past its history limit the workflow continues as new, carrying its state, its open
 * task and that task's pending timers, with neither a gap nor a duplicate in the event log. The
 * limit is lowered for this partnership only (a workflow input), so the test stays short.
 */
import type { Client, Connection } from '@temporalio/client';
import { workflowIdFor } from '@pe/workflows';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, listQuery, login, type Session } from '../support/http.js';
import { SLOW_POLICY, smartGoals } from '../support/partnerships.js';
import { connectTemporal, createWithHistoryLimit, nextRun } from '../support/temporal.js';

let coordinator: Session;
let sponsor: Session;
let connection: Connection;
let client: Client;
let db: pg.Client;

beforeAll(async () => {
  [coordinator, sponsor] = await Promise.all([login(DEMO.coordinator), login(DEMO.sponsor)]);
  ({ connection, client } = await connectTemporal());
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await connection?.close();
});

describe('continue-as-new', () => {
  it('carries state, the open task and its timers into the next run past the history limit', async () => {
    // The approval task's first reminder falls half-way through its 30 s window.
    const policy = { ...SLOW_POLICY, taskDue: 'PT30S', reminderBeforeDue: 'PT1S' };
    const { partnershipId, firstRunId } = await createWithHistoryLimit(client, coordinator, 28, policy);

    // Each command adds about ten history events: submitting pushes the first run past its limit.
    for (const command of [{ type: 'RecordGoals', goals: smartGoals(), scope: 'Region' }, { type: 'SubmitPriorities' }]) {
      expect((await coordinator.post(`/api/partnerships/${partnershipId}/commands`, command)).status).toBe(200);
    }
    const [opened] = (await sponsor.get(`/api/tasks?${listQuery({ mine: true, status: 'open', partnershipId })}`)).body as { id: string; dueAt: string }[];
    // Should the estimate be off, moving the due date (to where it already is) adds history until it is.
    const second = await nextRun(client, partnershipId, firstRunId, async () => {
      expect((await coordinator.post(`/api/partnerships/${partnershipId}/commands`, { type: 'MoveDueDate', taskId: opened!.id, dueAt: opened!.dueAt })).status).toBe(200);
    });
    expect(second.status.name).toBe('RUNNING');
    expect((await client.workflow.getHandle(workflowIdFor(partnershipId), firstRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    expect(second.searchAttributes.PartnershipStage).toEqual(['PRIORITY_SETTING']);

    // The open task survived, and its reminder fires in the new run.
    const reminder = await eventually(
      'the carried reminder',
      async () => ((await sponsor.get(`/api/notifications?${listQuery({ partnershipId, kind: 'reminder' })}`)).body as unknown[])[0],
      60_000,
    );
    // The reminder of the task opened in the first run, sent to its assignee after the run continued as new.
    expect(reminder).toMatchObject({ kind: 'reminder', partnershipId, taskId: opened!.id, userId: sponsor.user.id });
    expect(Date.parse((reminder as { createdAt: string }).createdAt)).toBeGreaterThanOrEqual(Date.parse(second.startTime.toISOString()));
    const rows = (await db.query('SELECT sequence, type, workflow_run_id FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence', [partnershipId])).rows as {
      sequence: number;
      type: string;
      workflow_run_id: string;
    }[];
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, index) => index + 1));
    expect(rows.find((row) => row.type === 'ReminderSent')?.workflow_run_id).not.toBe(firstRunId);
    expect(rows.find((row) => row.type === 'TaskOpened')?.workflow_run_id).toBe(firstRunId);

    // And the task can still be completed: the state came along.
    const [task] = (await sponsor.get(`/api/tasks?${listQuery({ mine: true, status: 'open', partnershipId })}`)).body;
    expect((await sponsor.post(`/api/tasks/${task.id}/complete`, { decision: 'approve' })).status).toBe(200);
    expect((await coordinator.get(`/api/partnerships/${partnershipId}`)).body.stage).toBe('LISTENING');
  });

  it('answers a command retried with its Idempotency-Key after the workflow continued as new as it did before, and applies it once', async () => {
    const { partnershipId, firstRunId } = await createWithHistoryLimit(client, coordinator, 28);
    const commands = `/api/partnerships/${partnershipId}/commands`;
    const key = { 'idempotency-key': `goals-${partnershipId}` };
    const keyed = { type: 'RecordGoals', goals: smartGoals(), scope: 'The keyed scope' };
    const first = await coordinator.post(commands, keyed, key);
    expect(first.status).toBe(200);
    expect(first.body.events).toEqual([{ sequence: 2, type: 'GoalsRecorded' }]);

    // Other commands, without the key, push the first run past its history limit.
    const second = await nextRun(client, partnershipId, firstRunId, async () => {
      expect((await coordinator.post(commands, { type: 'RecordGoals', goals: smartGoals(), scope: 'A nudge' })).status).toBe(200);
    });
    expect(second.runId).not.toBe(firstRunId);

    const retried = await coordinator.post(commands, keyed, key);
    expect(retried).toMatchObject({ status: 200, body: first.body });
    const keyedEvents = (await db.query(`SELECT sequence FROM partnership_events WHERE partnership_id = $1 AND payload->>'scope' = 'The keyed scope'`, [partnershipId])).rows;
    expect(keyedEvents).toEqual([{ sequence: 2 }]);
    // The key still belongs to its first command in the new run.
    expect(await coordinator.post(commands, { type: 'SubmitPriorities' }, key)).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
  });
});
