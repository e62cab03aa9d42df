/** The Temporal worker: runs partnership workflows and their activities until SIGINT/SIGTERM. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig, redactSecrets, workerConfigSchema } from '@pe/config';
import { createLogger, logFormatFor } from '@pe/observability';
import { openDatabase } from '@pe/persistence';
import { createActivities } from './activities.js';
import { createDeliveryActivities, ensureDigestSchedule, keepDigestSchedule, startDispatcher } from './deliveries.js';
import { EVENTS_APPENDED_METRIC, activityInterceptors } from './activity-interceptors.js';
import { runtimeOptions } from './telemetry.js';
import { workerTuning } from './tuning.js';

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  const logger = createLogger({ service: 'worker', level: config.LOG_LEVEL, format: logFormatFor(config.LOG_FORMAT, config.NODE_ENV) });
  // Started, polling, stopped: printed at any LOG_LEVEL, since a supervisor (npm start, the tests)
  // waits for the polling line (WORKER_READY in libs/devstack).
  const lifecycle = logger.child({}, { level: 'info' });
  Runtime.install(runtimeOptions(config, logger));
  if (config.WORKER_METRICS_PORT > 0) lifecycle.info(`worker: metrics at http://${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT}/metrics`);
  const eventsAppended = Runtime.instance().metricMeter.createCounter(EVENTS_APPENDED_METRIC, 'events', 'Events appended to partnership logs, by type');
  const db = await openDatabase(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowsPath: fileURLToPath(import.meta.resolve('@pe/workflows/workflows')),
      activities: { ...createActivities(db, config.AUDIT_SIGNING_KEY), ...createDeliveryActivities(db, { smtpUrl: config.SMTP_URL, from: config.SMTP_FROM }) },
      interceptors: {
        // Request ids, command and timer logs, timer metrics: observing only, so histories replay unchanged.
        workflowModules: [fileURLToPath(import.meta.resolve('@pe/workflows/interceptors'))],
        activity: [activityInterceptors(eventsAppended)],
      },
      bundlerOptions: { ignoreModules: [] },
      ...workerTuning(config),
    });
    const deliveryOptions = { namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE };
    const digest = keepDigestSchedule(() => ensureDigestSchedule(connection, { ...deliveryOptions, hourUtc: config.NOTIFICATION_DIGEST_HOUR }), logger);
    const dispatcher = startDispatcher(db, connection, { ...deliveryOptions, logger });
    lifecycle.info(`worker: polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
    try {
      await worker.run();
    } finally {
      digest.stop();
      await dispatcher.stop();
    }
  } finally {
    await connection.close();
    await db.destroy();
  }
  lifecycle.info('worker: stopped');
}

main().catch((error: unknown) => {
  console.error(redactSecrets(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
