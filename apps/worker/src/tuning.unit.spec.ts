/** The workflow heap bound reaches the threads started after it, as the SDK's workflow thread is. */
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerTuning } from './tuning.js';

const MB = 1024 * 1024;

function heapLimitOfNewThread(): Promise<number> {
  const thread = new Worker(`require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)`, { eval: true });
  return new Promise((resolve, reject) => {
    thread.once('message', (limit: number) => void thread.terminate().then(() => resolve(limit)));
    thread.once('error', reject);
  });
}

describe('workerTuning', () => {
  it('passes the cache and concurrency to the SDK and bounds the heap of threads started afterwards, not the running one', async () => {
    const mainLimit = getHeapStatistics().heap_size_limit;
    const options = workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: 100, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 10, WORKER_WORKFLOW_HEAP_MB: 300 });
    expect(options).toMatchObject({ maxCachedWorkflows: 100, maxConcurrentWorkflowTaskExecutions: 10 });
    const threadLimit = await heapLimitOfNewThread();
    // The old generation's 300 MB, plus the young generation V8 adds beside it.
    expect(threadLimit).toBeGreaterThanOrEqual(300 * MB);
    expect(threadLimit).toBeLessThan(400 * MB);
    expect(getHeapStatistics().heap_size_limit).toBe(mainLimit);
  });
});
