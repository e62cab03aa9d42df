/** A server that cannot be reached is told apart from a query that is wrong, by class and code. */
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';

const serverError = (code: string) => Object.assign(new pg.DatabaseError('from the server', 0, 'error'), { code });
const socketError = (code: string) => Object.assign(new Error('from the socket'), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a refused, reset or unresolvable connection', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND']) expect(isDatabaseUnavailable(socketError(code)), code).toBe(true);
  });

  it('recognises a server shutting down, starting up, out of connection slots or losing the connection', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001']) expect(isDatabaseUnavailable(serverError(code)), code).toBe(true);
  });

  it('looks inside TypeORM’s wrapper, error causes and both address families of one host', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], serverError('57P01')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('pool', { cause: socketError('ECONNREFUSED') }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]))).toBe(true);
  });

  it('leaves errors of the query itself, and anything without a code, to be what they are', () => {
    for (const code of ['23505', '22P02', '42P01', '40001']) expect(isDatabaseUnavailable(serverError(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT x', [], serverError('42703')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isDatabaseUnavailable(socketError('EACCES'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), new Error('other')]))).toBe(false);
  });
});
