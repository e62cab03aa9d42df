/**
 * The Temporal SDK's logger interface over the worker's pino logger: the SDK's own lines, the
 * workflow's (`log` from @temporalio/workflow, through the SDK's sink), the activities' and Core's
 * (forwarded) come out as the worker's JSON lines, with the SDK's fields (workflowId, runId,
 * activityType, …) and the request id the interceptors add, masked like every other line.
 */
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Level } from 'pino';
import type { Logger } from '@pe/observability';

const PINO_LEVEL: Record<LogLevel, Level> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    // pino writes only string keys; the SDK's symbol-keyed timestamp is dropped with them.
    this.logger[PINO_LEVEL[level]]({ ...meta }, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
