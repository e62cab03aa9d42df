/** Straight to Temporal, for tests that need what the API does not offer: a lowered history limit, a run id. */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import type { PartnershipPolicy } from '@pe/domain';
import { DEFAULT_TASK_QUEUE } from '@pe/config';
import { WORKFLOW_TYPE, executeCommand, workflowIdFor } from '@pe/workflows';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { eventually, type Session } from './http.js';
import { SLOW_POLICY, directory } from './partnerships.js';

export async function connectTemporal(): Promise<{ connection: Connection; client: Client }> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return { connection, client: new Client({ connection, namespace: inject('temporalNamespace') }) };
}

/**
 * Creates a partnership whose workflow continues as new past `historyLimit` history events (a
 * workflow input the API never sets), so a test sees a second run after a few commands.
 */
export async function createWithHistoryLimit(client: Client, coordinator: Session, historyLimit: number, policy: PartnershipPolicy = SLOW_POLICY) {
  const partnershipId = randomUUID();
  const { organizationIds, sponsorId } = await directory(coordinator);
  const actor = { kind: 'user' as const, userId: coordinator.user.id, role: 'coordinator' as const, organizationId: coordinator.user.organizationId };
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
      args: [{ partnershipId, historyLimit }],
      workflowIdConflictPolicy: 'FAIL',
    }),
  });
  const first = await client.workflow.getHandle(workflowIdFor(partnershipId)).describe();
  return { partnershipId, firstRunId: first.runId };
}

/** Nudges the workflow (each nudge adds history) until it has continued as new; answers the new run. */
export async function nextRun(client: Client, partnershipId: string, firstRunId: string, nudge: () => Promise<void>) {
  const currentRun = () => client.workflow.getHandle(workflowIdFor(partnershipId)).describe();
  for (let attempt = 0; attempt < 5 && (await currentRun()).runId === firstRunId; attempt += 1) await nudge();
  return eventually('a new run', async () => {
    const description = await currentRun();
    return description.runId !== firstRunId ? description : undefined;
  });
}
