// What both bench runs send with the raw Temporal client: create a partnership (update-with-start),
// record its goals and submit them — the same updates the API sends, without HTTP. The audit bench
// creates its one partnership the same way.
import { randomUUID } from 'node:crypto';

export const userActor = (user) => ({ kind: 'user', userId: user.id, role: user.role, organizationId: user.organizationId });

/** The p-th percentile of an ascending list. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Creates a partnership with the raw Temporal client (update-with-start), left in PRIORITY_SETTING
 * with its goals still being drafted.
 * @returns {Promise<{ partnershipId: string, handle: import('@temporalio/client').WorkflowHandle }>}
 */
export async function createWithTemporal(temporal, { coordinator, sponsor, name, organizationIds, policy }) {
  const { WithStartWorkflowOperation } = await import('@temporalio/client');
  const { DEFAULT_TASK_QUEUE } = await import('@pe/config');
  const { WORKFLOW_TYPE, executeCommand, workflowIdFor } = await import('@pe/workflows');
  const partnershipId = randomUUID();
  const actor = userActor(coordinator.user);
  const command = {
    type: 'CreatePartnership',
    partnershipId,
    name,
    description: 'bench',
    coordinatorId: coordinator.user.id,
    sponsorId: sponsor.user.id,
    steeringGroupIds: [sponsor.user.id],
    organizationIds,
    policy,
  };
  await temporal.workflow.executeUpdateWithStart(executeCommand, {
    args: [{ command, actor }],
    updateId: `create-${partnershipId}`,
    startWorkflowOperation: new WithStartWorkflowOperation(WORKFLOW_TYPE, {
      workflowId: workflowIdFor(partnershipId),
      taskQueue: DEFAULT_TASK_QUEUE,
      args: [{ partnershipId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  return { partnershipId, handle: temporal.workflow.getHandle(workflowIdFor(partnershipId)) };
}

/**
 * @returns {Promise<{ partnershipId: string, handle: import('@temporalio/client').WorkflowHandle, submitted: { events: { sequence: number, type: string }[] } }>}
 */
export async function createAndSubmit(temporal, { coordinator, sponsor, name, organizationIds, policy, goals }) {
  const { executeCommand } = await import('@pe/workflows');
  const { partnershipId, handle } = await createWithTemporal(temporal, { coordinator, sponsor, name, organizationIds, policy });
  const actor = userActor(coordinator.user);
  await handle.executeUpdate(executeCommand, { args: [{ command: { type: 'RecordGoals', goals, scope: 'Eastern region' }, actor }] });
  const submitted = await handle.executeUpdate(executeCommand, { args: [{ command: { type: 'SubmitPriorities' }, actor }] });
  return { partnershipId, handle, submitted };
}
