/**
 * What the worker's Temporal runtime reports and where: its log lines through the worker's logger
 * (Core's own lines forwarded, not printed apart), and — when WORKER_METRICS_PORT is set — every
 * metric at http://WORKER_METRICS_HOST:WORKER_METRICS_PORT/metrics in the Prometheus text format:
 * the SDK's (`temporal_*`: task latencies, slots, polls, …) beside the product's, which are emitted
 * through the same runtime (the workflow's from its interceptors, `recordEvents`'s from the
 * activity interceptor), so one endpoint serves them all.
 */
import type { RuntimeOptions } from '@temporalio/worker';
import type { WorkerConfig } from '@pe/config';
import type { Logger } from '@pe/observability';
import { WORKFLOW_METRICS } from '@pe/workflows';
import { PinoTemporalLogger } from './temporal-logger.js';

/** Seconds: a timer fires within a second or so when the worker keeps up; minutes mean it does not. */
const TIMER_LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

export function runtimeOptions(config: Pick<WorkerConfig, 'LOG_LEVEL' | 'WORKER_METRICS_HOST' | 'WORKER_METRICS_PORT'>, logger: Logger): RuntimeOptions {
  return {
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: config.LOG_LEVEL === 'error' ? 'ERROR' : 'WARN', other: 'ERROR' } },
      ...(config.WORKER_METRICS_PORT > 0
        ? {
            metrics: {
              prometheus: {
                bindAddress: `${config.WORKER_METRICS_HOST}:${config.WORKER_METRICS_PORT}`,
                // Prometheus's conventions: counters end in _total, durations are in seconds.
                countersTotalSuffix: true,
                useSecondsForDurations: true,
                histogramBucketOverrides: { [WORKFLOW_METRICS.timerLateness]: TIMER_LATENESS_BUCKETS },
              },
            },
          }
        : {}),
    },
  };
}
