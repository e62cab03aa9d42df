/**
 * Nest's logger interface over the API's pino logger, so Nest's own lines (start-up, route
 * mapping) and every `Logger` in the API come out as the same JSON (or readable) lines, with the
 * request id while a request is served, and pass through the same masking.
 */
import type { LoggerService } from '@nestjs/common';
import type { Level } from 'pino';
import type { Logger } from '@pe/observability';

export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest, true);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest, true);
  }

  /**
   * Nest passes `(message, context)`, and for errors `(message, stack, context)`; a Logger without a
   * context passes `undefined` in its place.
   */
  private write(level: Level, message: unknown, rest: unknown[], mayCarryStack = false): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...rest];
    const context = params.length > 0 && (typeof params.at(-1) === 'string' || params.at(-1) === undefined) ? params.pop() : undefined;
    const stack = mayCarryStack && typeof params[0] === 'string' ? params.shift() : undefined;
    const fields: Record<string, unknown> = {
      ...(typeof context === 'string' ? { context } : {}),
      ...(typeof stack === 'string' ? { stack } : {}),
      ...(message instanceof Error ? { err: message } : typeof message === 'object' && message !== null ? { detail: message } : {}),
      ...(params.length > 0 ? { params } : {}),
    };
    const text = typeof message === 'string' ? message : message instanceof Error ? message.message : undefined;
    this.logger[level](fields, text);
  }
}
