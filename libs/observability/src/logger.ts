/**
 * The one way the API and the worker make their logger: pino, one JSON object a line (or, for a
 * person at `npm start`, one readable line each), at the level LOG_LEVEL names. Every line passes
 * through `redactSecrets` twice over: each string a call hands over (message, fields, an error's
 * message and stack) before it is encoded — so a secret inside a JSON-looking string is still seen
 * as such — and the finished line before it is written.
 */
import { hostname } from 'node:os';
import { pino, stdSerializers, type DestinationStream, type Level, type Logger } from 'pino';
import PinoPretty from 'pino-pretty';
import { redactSecrets } from '@pe/config';

/** LOG_LEVEL's values (libs/config), named as Nest names them. */
export type LogLevelSetting = 'error' | 'warn' | 'log' | 'debug';
/** `json`: one JSON object a line, for machines; `pretty`: one readable line each, for a person. */
export type LogFormat = 'json' | 'pretty';

export const PINO_LEVEL: Record<LogLevelSetting, Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

export interface LoggerSettings {
  /** Which process writes: every JSON line names it (`api`, `worker`). */
  service: string;
  level: LogLevelSetting;
  format: LogFormat;
  /** Fields computed for each line as it is written (the API's request id). */
  mixin?: () => Record<string, unknown>;
  /** Where lines go; standard output unless a test captures them. */
  destination?: DestinationStream;
}

/** LOG_FORMAT when set; else readable in development (`npm start`) and JSON everywhere else. */
export function logFormatFor(setting: LogFormat | undefined, nodeEnv: string): LogFormat {
  return setting ?? (nodeEnv === 'development' ? 'pretty' : 'json');
}

export function createLogger(settings: LoggerSettings): Logger {
  const pretty = settings.format === 'pretty';
  // A person's terminal (pretty) is written synchronously. JSON lines are written asynchronously: a
  // synchronous write to a full pipe stops the event loop until it drains (decision record 0022 has
  // the bench figures). pino flushes its buffer synchronously at exit, so only a SIGKILL loses lines.
  const output = settings.destination ? { destination: settings.destination } : { sync: true };
  const destination = pretty
    ? PinoPretty({ ...output, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' })
    : (settings.destination ?? pino.destination({ dest: 1, sync: false }));
  const redactedError = (error: unknown) => redactStrings(error instanceof Error ? stdSerializers.err(error) : error);
  return pino(
    {
      level: PINO_LEVEL[settings.level],
      base: { service: settings.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(settings.mixin ? { mixin: settings.mixin } : {}),
      formatters: {
        // Level names rather than numbers in JSON; the readable format wants pino's numbers.
        ...(pretty ? {} : { level: (label: string) => ({ level: label }) }),
        log: (fields: Record<string, unknown>) => redactStrings(fields) as Record<string, unknown>,
      },
      serializers: { err: redactedError, error: redactedError },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
        streamWrite: redactSecrets,
      },
    },
    destination,
  );
}

const MAX_DEPTH = 8;

/**
 * A copy of a line's fields with every string masked. Errors are left to the serializers above
 * (their message and stack are not enumerable); other class instances are left as they are.
 */
export function redactStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, depth + 1)]));
}

export type { Logger } from 'pino';
