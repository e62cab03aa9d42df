import { describe, expect, it } from 'vitest';
import { createLogger } from '@pe/observability';
import { WORKFLOW_METRICS } from '@pe/workflows';
import { runtimeOptions } from './telemetry.js';

const logger = createLogger({ service: 'worker', level: 'log', format: 'json', destination: { write: () => undefined } });

describe('runtimeOptions', () => {
  it('exports Prometheus metrics on the configured address, counters with _total and durations in seconds', () => {
    const options = runtimeOptions({ LOG_LEVEL: 'log', WORKER_METRICS_HOST: '127.0.0.1', WORKER_METRICS_PORT: 9464 }, logger);
    expect(options.telemetryOptions?.metrics).toMatchObject({
      prometheus: { bindAddress: '127.0.0.1:9464', countersTotalSuffix: true, useSecondsForDurations: true, histogramBucketOverrides: { [WORKFLOW_METRICS.timerLateness]: expect.any(Array) } },
    });
  });

  it('exports none with port 0, and forwards Core\'s log lines to the worker\'s logger either way', () => {
    const options = runtimeOptions({ LOG_LEVEL: 'error', WORKER_METRICS_HOST: '127.0.0.1', WORKER_METRICS_PORT: 0 }, logger);
    expect(options.telemetryOptions?.metrics).toBeUndefined();
    expect(options.telemetryOptions?.logging).toEqual({ forward: {}, filter: { core: 'ERROR', other: 'ERROR' } });
  });
});
