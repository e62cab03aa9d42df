/**
 * A request's id: the caller's own `X-Request-Id` when it is a sane one, else a new UUID. It is
 * written into log lines and carried to Temporal, so what is accepted is short and made of
 * characters that mean nothing to a log reader, a shell or a query language.
 */
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HTTP_HEADER = 'X-Request-Id';
export const REQUEST_ID_MAX_LENGTH = 128;
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** What SAFE and the length allow, for documents a person reads (the OpenAPI description). */
export const ACCEPTABLE_REQUEST_ID = `1 to ${REQUEST_ID_MAX_LENGTH} ASCII letters, digits, \`.\`, \`_\`, \`:\` or \`-\`, starting with a letter or digit`;

/** Whether a caller's X-Request-Id may be used as it is. */
export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= REQUEST_ID_MAX_LENGTH && SAFE.test(value);
}

/** The caller's id when acceptable (a header sent twice arrives as an array, or joined with commas: neither is), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return isAcceptableRequestId(header) ? header : randomUUID();
}
