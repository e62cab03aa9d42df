// The floor's worker (scripts/bench-floor/floor.workflow.mjs), a process of its own like the product's
// worker, with the same cache and concurrency options (apps/worker/src/tuning.ts), polling
// BENCH_FLOOR_TASK_QUEUE on TEMPORAL_ADDRESS until SIGTERM. Started and stopped by scripts/bench.mjs.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig, workerTuningSchema } from '@pe/config';
import { workerTuning } from '../../apps/worker/dist/tuning.js';

Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  taskQueue: process.env.BENCH_FLOOR_TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./floor.workflow.mjs', import.meta.url)),
  ...workerTuning(loadConfig(workerTuningSchema)),
});
console.log(`floor worker: polling task queue "${process.env.BENCH_FLOOR_TASK_QUEUE}"`);
await worker.run();
await connection.close();
