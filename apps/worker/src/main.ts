/** The Temporal worker: runs partnership workflows and their activities until SIGINT/SIGTERM. */
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogEntry, type LogLevel } from '@temporalio/worker';
import { loadConfig, redactSecrets, workerConfigSchema, type WorkerConfig } from '@pe/config';
import { openDatabase } from '@pe/persistence';
import { createActivities } from './activities.js';

const SDK_LOG_LEVEL: Record<WorkerConfig['LOG_LEVEL'], LogLevel> = { error: 'ERROR', warn: 'WARN', log: 'INFO', debug: 'DEBUG' };

/** The SDK's log lines (activity failures carry error messages) with any secret in them masked. */
function printRedacted({ level, timestampNanos, message, meta }: LogEntry): void {
  const at = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
  process.stderr.write(`${at} [${level}] ${redactSecrets(meta === undefined ? message : `${message} ${inspect(meta, { breakLength: Infinity, depth: 4 })}`)}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  Runtime.install({ logger: new DefaultLogger(SDK_LOG_LEVEL[config.LOG_LEVEL], printRedacted) });
  const db = await openDatabase(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowsPath: fileURLToPath(import.meta.resolve('@pe/workflows/workflows')),
      activities: createActivities(db, config.AUDIT_SIGNING_KEY),
      bundlerOptions: { ignoreModules: [] },
      // A partnership's next workflow task goes first to the worker that ran its last one. When that
      // worker has died (a crash, SIGKILL), Temporal hands the task to any worker only after this
      // wait: 3 s rather than the SDK's 10 s, so a command held up by the crash continues within
      // seconds. A live worker takes its own tasks in milliseconds, so it rarely loses one to another.
      stickyQueueScheduleToStartTimeout: '3 seconds',
    });
    console.log(`worker: polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
  }
  console.log('worker: stopped');
}

main().catch((error: unknown) => {
  console.error(redactSecrets(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
