/**
 * Long life: past its history limit the workflow continues as new, carrying its state, its open
 * task and that task's pending timers, with neither a gap nor a duplicate in the event log. The
 * limit is lowered for this partnership only (a workflow input), so the test stays short.
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE } from '@pe/config';
import { WORKFLOW_TYPE, executeCommand, workflowIdFor } from '@pe/workflows';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, listQuery, login, type Session } from '../support/http.js';
import { SLOW_POLICY, directory, smartGoals } from '../support/partnerships.js';

let coordinator: Session;
let sponsor: Session;
let connection: Connection;
let client: Client;
let db: pg.Client;

beforeAll(async () => {
  [coordinator, sponsor] = await Promise.all([login(DEMO.coordinator), login(DEMO.sponsor)]);
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection, namespace: inject('temporalNamespace') });
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await connection?.close();
});

describe('continue-as-new', () => {
  it('carries state, the open task and its timers into the next run past the history limit', async () => {
    const partnershipId = randomUUID();
    const { organizationIds, sponsorId } = await directory(coordinator);
    const actor = { kind: 'user' as const, userId: coordinator.user.id, role: 'coordinator' as const, organizationId: coordinator.user.organizationId };
    // The approval task's first reminder falls half-way through its 30 s window.
    const policy = { ...SLOW_POLICY, taskDue: 'PT30S', reminderBeforeDue: 'PT1S' };
    await client.workflow.executeUpdateWithStart(executeCommand, {
      args: [
        {
          command: { type: 'CreatePartnership', partnershipId, name: 'Long-lived corridor', description: '', coordinatorId: coordinator.user.id, sponsorId, steeringGroupIds: [sponsorId], organizationIds: organizationIds.slice(0, 2), policy },
          actor,
        },
      ],
      updateId: `create-${partnershipId}`,
      startWorkflowOperation: new WithStartWorkflowOperation(WORKFLOW_TYPE, {
        workflowId: workflowIdFor(partnershipId),
        taskQueue: DEFAULT_TASK_QUEUE,
        args: [{ partnershipId, historyLimit: 28 }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    const first = await client.workflow.getHandle(workflowIdFor(partnershipId)).describe();

    // Each command adds about ten history events: submitting pushes the first run past its limit.
    for (const command of [{ type: 'RecordGoals', goals: smartGoals(), scope: 'Region' }, { type: 'SubmitPriorities' }]) {
      expect((await coordinator.post(`/api/partnerships/${partnershipId}/commands`, command)).status).toBe(200);
    }
    const [opened] = (await sponsor.get(`/api/tasks?${listQuery({ mine: true, status: 'open', partnershipId })}`)).body as { id: string; dueAt: string }[];
    const currentRun = async () => client.workflow.getHandle(workflowIdFor(partnershipId)).describe();
    // Should the estimate be off, moving the due date (to where it already is) adds history until it is.
    for (let attempt = 0; attempt < 5 && (await currentRun()).runId === first.runId; attempt += 1) {
      expect((await coordinator.post(`/api/partnerships/${partnershipId}/commands`, { type: 'MoveDueDate', taskId: opened!.id, dueAt: opened!.dueAt })).status).toBe(200);
    }
    const second = await eventually('a new run', async () => {
      const description = await currentRun();
      return description.runId !== first.runId ? description : undefined;
    });
    expect(second.status.name).toBe('RUNNING');
    expect((await client.workflow.getHandle(workflowIdFor(partnershipId), first.runId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    expect(second.searchAttributes.PartnershipStage).toEqual(['PRIORITY_SETTING']);

    // The open task survived, and its reminder fires in the new run.
    const reminder = await eventually(
      'the carried reminder',
      async () => ((await sponsor.get(`/api/notifications?${listQuery({ partnershipId, kind: 'reminder' })}`)).body as unknown[])[0],
      60_000,
    );
    expect(reminder).toBeDefined();
    const rows = (await db.query('SELECT sequence, type, workflow_run_id FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence', [partnershipId])).rows as {
      sequence: number;
      type: string;
      workflow_run_id: string;
    }[];
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, index) => index + 1));
    expect(rows.find((row) => row.type === 'ReminderSent')?.workflow_run_id).not.toBe(first.runId);
    expect(rows.find((row) => row.type === 'TaskOpened')?.workflow_run_id).toBe(first.runId);

    // And the task can still be completed: the state came along.
    const [task] = (await sponsor.get(`/api/tasks?${listQuery({ mine: true, status: 'open', partnershipId })}`)).body;
    expect((await sponsor.post(`/api/tasks/${task.id}/complete`, { decision: 'approve' })).status).toBe(200);
    expect((await coordinator.get(`/api/partnerships/${partnershipId}`)).body.stage).toBe('LISTENING');
  });
});
