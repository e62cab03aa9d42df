// The benchmark's floor, never part of the product: a bare workflow that takes the same four updates
// as a partnership (the create by update-with-start, then three commands), with the same update name
// and payloads, and answers each at once — no decider, no search attributes, no activity, nothing
// stored. What Temporal itself costs per update on this machine; `npm run bench` prints the product's
// raw path as a fraction of it. Bundled only by scripts/bench-floor/worker.mjs, on a task queue of its own.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The same name as the product's update (workflows/src/contract.ts), so the client sends the same call. */
const executeCommand = defineUpdate('executeCommand');

export async function benchFloorWorkflow() {
  let version = 0;
  setHandler(executeCommand, () => ({ version: ++version, events: [] }));
  // Open for good, as a partnership stays open after its approval.
  await condition(() => false);
}
