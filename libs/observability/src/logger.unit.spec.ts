import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logFormatFor, redactStrings, type LoggerSettings } from './logger.js';

function capture(settings: Partial<LoggerSettings> = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ service: 'test', level: 'log', format: 'json', destination, ...settings });
  return { logger, lines, json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNlY3JldA';

describe('createLogger', () => {
  it('writes one JSON object a line with its level name, time, service and message', () => {
    const { logger, json } = capture();
    logger.info({ route: '/api/x' }, 'request completed');
    expect(json()).toEqual([expect.objectContaining({ level: 'info', service: 'test', route: '/api/x', msg: 'request completed', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
  });

  it('keeps to LOG_LEVEL, read as Nest names it (log is info)', () => {
    const { logger, json } = capture({ level: 'warn' });
    logger.info('dropped');
    logger.debug('dropped');
    logger.warn('kept');
    logger.error('kept too');
    expect(json().map((line) => line.level)).toEqual(['warn', 'error']);
    const verbose = capture({ level: 'debug' });
    verbose.logger.debug('shown');
    expect(verbose.json()).toHaveLength(1);
  });

  it('adds the mixin\'s fields as each line is written', () => {
    let requestId: string | undefined = 'first';
    const { logger, json } = capture({ mixin: () => (requestId ? { requestId } : {}) });
    logger.info('one');
    requestId = undefined;
    logger.info('two');
    expect(json().map((line) => line.requestId)).toEqual(['first', undefined]);
  });

  it('masks secrets in the message, in fields (also inside JSON-looking strings), in errors and in format arguments', () => {
    const { logger, lines } = capture();
    logger.info(`Authorization: Bearer ${TOKEN}`);
    logger.info({ body: '{"email":"a@b.test","password":"hunter2-secret"}', nested: { list: ['postgres://pe:db-secret@host/db'] } }, 'fields');
    logger.error({ err: new Error('connect to postgres://pe:db-secret@host/db failed') }, 'boom');
    logger.warn({ error: new Error(`token=${TOKEN}`) }, 'the SDK names its errors "error"');
    logger.info('argument %s', `Bearer ${TOKEN}`);
    const output = lines.join('');
    for (const secret of ['hunter2-secret', 'db-secret', 'c2lnbmF0dXJlLXNlY3JldA']) expect(output).not.toContain(secret);
    expect(output).toContain('[redacted]');
    // What is not secret stays readable, errors keep their stack.
    expect(output).toContain('a@b.test');
    expect(output).toMatch(/"stack":"Error: connect to postgres:\/\/pe:\[redacted\]@host\/db failed\\n/);
  });

  it('writes readable lines when asked, masked the same way', async () => {
    const { logger, lines } = capture({ format: 'pretty' });
    logger.info({ requestId: 'r-1' }, `signed in with Bearer ${TOKEN}`);
    // The readable format is a stream of its own: its line arrives a turn later.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const output = lines.join('');
    expect(output).toMatch(/INFO: signed in with Bearer \[redacted\][^{]* \{"requestId":"r-1"\}/);
    expect(output).not.toContain('c2lnbmF0dXJlLXNlY3JldA');
    expect(output).not.toContain('{"level"');
  });
});

describe('logFormatFor', () => {
  it('is readable for npm start (development) and JSON elsewhere unless LOG_FORMAT says otherwise', () => {
    expect(logFormatFor(undefined, 'development')).toBe('pretty');
    expect(logFormatFor(undefined, 'production')).toBe('json');
    expect(logFormatFor(undefined, 'test')).toBe('json');
    expect(logFormatFor('json', 'development')).toBe('json');
    expect(logFormatFor('pretty', 'production')).toBe('pretty');
  });
});

describe('redactStrings', () => {
  it('masks strings at any depth it walks, and leaves errors and class instances to their serializers', () => {
    const error = new Error('x');
    const when = new Date(0);
    expect(redactStrings({ a: [{ b: 'password=abc' }], error, when, n: 1 })).toEqual({ a: [{ b: 'password=[redacted]' }], error, when, n: 1 });
  });
});
