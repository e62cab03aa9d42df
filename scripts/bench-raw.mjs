// What the bench runs send with the raw Temporal client: create a partnership (update-with-start),
// record its goals and submit them — the same updates the API sends, without HTTP — and the sponsor's
// approval. The audit bench creates its one partnership the same way, and the floor
// (scripts/bench-floor/) sends the very same calls to a bare workflow on a task queue of its own.
import { randomUUID } from 'node:crypto';

export const userActor = (user) => ({ kind: 'user', userId: user.id, role: user.role, organizationId: user.organizationId });

/** The p-th percentile of an ascending list. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Which workflow the updates go to: the product's partnership workflow on its task queue, unless a
 * bench names another (the floor).
 * @typedef {{ workflowType: string, taskQueue: string, workflowIdFor: (partnershipId: string) => string }} UpdateTarget
 * @returns {Promise<UpdateTarget>}
 */
export async function productTarget() {
  const { DEFAULT_TASK_QUEUE } = await import('@pe/config');
  const { WORKFLOW_TYPE, workflowIdFor } = await import('@pe/workflows');
  return { workflowType: WORKFLOW_TYPE, taskQueue: DEFAULT_TASK_QUEUE, workflowIdFor };
}

/**
 * Creates a partnership with the raw Temporal client (update-with-start), left in PRIORITY_SETTING
 * with its goals still being drafted.
 * @returns {Promise<{ partnershipId: string, handle: import('@temporalio/client').WorkflowHandle }>}
 */
export async function createWithTemporal(temporal, { coordinator, sponsor, name, organizationIds, policy, target }) {
  const { WithStartWorkflowOperation } = await import('@temporalio/client');
  const { executeCommand } = await import('@pe/workflows');
  const { workflowType, taskQueue, workflowIdFor } = target ?? (await productTarget());
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
    startWorkflowOperation: new WithStartWorkflowOperation(workflowType, {
      workflowId: workflowIdFor(partnershipId),
      taskQueue,
      args: [{ partnershipId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  return { partnershipId, handle: temporal.workflow.getHandle(workflowIdFor(partnershipId)) };
}

/**
 * @returns {Promise<{ partnershipId: string, handle: import('@temporalio/client').WorkflowHandle, submitted: { events: { sequence: number, type: string }[] } }>}
 */
export async function createAndSubmit(temporal, { coordinator, sponsor, name, organizationIds, policy, goals, target }) {
  const { executeCommand } = await import('@pe/workflows');
  const { partnershipId, handle } = await createWithTemporal(temporal, { coordinator, sponsor, name, organizationIds, policy, target });
  const actor = userActor(coordinator.user);
  await handle.executeUpdate(executeCommand, { args: [{ command: { type: 'RecordGoals', goals, scope: 'Eastern region' }, actor }] });
  const submitted = await handle.executeUpdate(executeCommand, { args: [{ command: { type: 'SubmitPriorities' }, actor }] });
  return { partnershipId, handle, submitted };
}

/**
 * The four updates of the bench's raw path: create, record goals, submit, and the sponsor approves
 * the task the submission opened (on the floor, which opens none, a task id of the same form).
 */
export async function createSubmitAndApprove(temporal, options) {
  const { executeCommand } = await import('@pe/workflows');
  const { partnershipId, handle, submitted } = await createAndSubmit(temporal, options);
  const opened = submitted.events.find((event) => event.type === 'TaskOpened');
  const taskId = `${partnershipId}.${opened?.sequence ?? 4}`;
  await handle.executeUpdate(executeCommand, {
    args: [{ command: { type: 'CompleteTask', taskId, decision: 'approve' }, actor: userActor(options.sponsor.user) }],
  });
}
