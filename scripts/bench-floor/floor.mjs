// The floor of `npm run bench`: its worker, a process of its own beside the stack's, and where the
// bench sends the same four updates it sends the product (scripts/bench-raw.mjs), so the difference
// between the two is what the product does per update: the decider, search attributes and storing
// the events.
import { fileURLToPath } from 'node:url';

const READY = 'floor worker: polling task queue';

/** The bare workflow on its own task queue (createWithTemporal's `target`). */
export const FLOOR_TARGET = {
  workflowType: 'benchFloorWorkflow',
  taskQueue: 'bench-floor',
  workflowIdFor: (partnershipId) => `bench-floor-${partnershipId}`,
};

/** @param {import('@pe/devstack').RunningStack} stack */
export async function startFloorWorker(stack) {
  const { spawnService, waitUntil } = await import('@pe/devstack');
  const worker = spawnService('floor-worker', process.execPath, [fileURLToPath(new URL('./worker.mjs', import.meta.url))], {
    env: { ...process.env, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_NAMESPACE: stack.temporalNamespace, BENCH_FLOOR_TASK_QUEUE: FLOOR_TARGET.taskQueue },
    echo: false,
    watchFor: [READY],
  });
  await waitUntil('the floor worker', async () => worker.printed(READY), 120_000, worker);
  return worker;
}
