import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@pe/observability';
import { NestPinoLogger } from './nest-logger.js';

function capture(level: 'log' | 'debug' = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { nest: new NestPinoLogger(createLogger({ service: 'api', level, format: 'json', destination })), lines };
}

describe('NestPinoLogger', () => {
  it('reads Nest\'s (message, context) and (message, stack, context) calls', () => {
    const { nest, lines } = capture();
    nest.log('Mapped {/api/me, GET} route', 'RouterExplorer');
    nest.error('Bundling failed', 'Error: Bundling failed\n    at x', 'WorkflowReplay');
    nest.warn('SERVER.BUSY: try later', undefined);
    nest.debug('details', 'Seed');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/api/me, GET} route' }),
      expect.objectContaining({ level: 'error', context: 'WorkflowReplay', stack: 'Error: Bundling failed\n    at x', msg: 'Bundling failed' }),
      expect.objectContaining({ level: 'warn', msg: 'SERVER.BUSY: try later' }),
      expect.objectContaining({ level: 'debug', context: 'Seed', msg: 'details' }),
    ]);
    expect(lines[2]).not.toHaveProperty('context');
  });

  it('logs an error object with its stack, and an object as its detail', () => {
    const { nest, lines } = capture();
    nest.error(new Error('lost connection'), 'Errors');
    nest.log({ count: 2 }, 'Seed');
    expect(lines[0]).toMatchObject({ level: 'error', context: 'Errors', msg: 'lost connection', err: { message: 'lost connection', stack: expect.stringContaining('Error: lost connection') } });
    expect(lines[1]).toMatchObject({ level: 'info', context: 'Seed', detail: { count: 2 } });
  });

  it('drops what LOG_LEVEL leaves out', () => {
    const { nest, lines } = capture('log');
    nest.debug('hidden');
    nest.verbose('hidden');
    nest.log('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });
});
