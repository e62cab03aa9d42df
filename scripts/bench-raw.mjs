// What both bench runs send with the raw Temporal client: create a partnership (update-with-start),
// record its goals and submit them — the same updates the API sends, without HTTP.
import { randomUUID } from 'node:crypto';

export const userActor = (user) => ({ kind: 'user', userId: user.id, role: user.role, organizationId: user.organizationId });

/** The p-th percentile of an ascending list. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * @returns {Promise<{ partnershipId: string, handle: import('@temporalio/client').WorkflowHandle, submitted: { events: { sequence: number, type: string }[] } }>}
 */
export async function createAndSubmit(temporal, { coordinator, sponsor, name, organizationIds, policy, goals }) {
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
  const handle = temporal.workflow.getHandle(workflowIdFor(partnershipId));
  await handle.executeUpdate(executeCommand, { args: [{ command: { type: 'RecordGoals', goals, scope: 'Eastern region' }, actor }] });
  const submitted = await handle.executeUpdate(executeCommand, { args: [{ command: { type: 'SubmitPriorities' }, actor }] });
  return { partnershipId, handle, submitted };
}
