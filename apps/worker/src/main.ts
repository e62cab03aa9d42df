/** The Temporal worker: runs partnership workflows and their activities until SIGINT/SIGTERM. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig, workerConfigSchema } from '@pe/config';
import { openDatabase } from '@pe/persistence';
import { TASK_QUEUE } from '@pe/workflows';
import { createActivities } from './activities.js';

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  const db = await openDatabase(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: TASK_QUEUE,
      workflowsPath: fileURLToPath(import.meta.resolve('@pe/workflows/workflows')),
      activities: createActivities(db),
      bundlerOptions: { ignoreModules: [] },
    });
    console.log(`worker: polling task queue "${TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
  }
  console.log('worker: stopped');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
