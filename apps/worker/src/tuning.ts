/**
 * The worker's cache and concurrency, from configuration. The SDK's default cache grows with the
 * machine's memory (thousands of workflows on a large host), so it is bounded here; see
 * WORKER_MAX_CACHED_WORKFLOWS in @pe/config. The benchmark's floor worker uses the same options, so
 * the two are compared like for like.
 */
import type { WorkerOptions } from '@temporalio/worker';
import type { WorkerTuning } from '@pe/config';

export function workerTuning(tuning: WorkerTuning): Pick<
  WorkerOptions,
  'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'stickyQueueScheduleToStartTimeout'
> {
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
