/**
 * The worker's cache, concurrency and workflow heap, from configuration. The SDK's default cache
 * grows with the machine's memory (thousands of workflows on a large host), so it is bounded here;
 * see WORKER_MAX_CACHED_WORKFLOWS in @pe/config. The benchmark's floor worker uses the same options, so
 * the two are compared like for like.
 *
 * It also bounds the heap of the thread the SDK starts to run workflows: V8's limit is a process-wide
 * setting read when a thread starts, so this is called right before Worker.create. Unbounded, V8 sized
 * that heap from the host (4 GiB here) and let garbage pile up: at 3,000 partnerships the workflow
 * thread held 2.3 GB of heap of which 550 MB was live, and the process 2.8 GB of memory. The main
 * thread, already started, keeps its own limit.
 */
import { setFlagsFromString } from 'node:v8';
import type { WorkerOptions } from '@temporalio/worker';
import type { WorkerTuning } from '@pe/config';

export function workerTuning(tuning: WorkerTuning): Pick<
  WorkerOptions,
  'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'stickyQueueScheduleToStartTimeout'
> {
  setFlagsFromString(`--max-old-space-size=${tuning.WORKER_WORKFLOW_HEAP_MB}`);
  return {
    maxCachedWorkflows: tuning.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: tuning.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    // A partnership's next workflow task goes first to the worker that ran its last one. When that
    // worker has died (a crash, SIGKILL), Temporal hands the task to any worker only after this
    // wait: 3 s rather than the SDK's 10 s, so a command held up by the crash continues within
    // seconds. A live worker takes its own tasks in milliseconds, so it rarely loses one to another.
    stickyQueueScheduleToStartTimeout: '3 seconds',
  };
}
