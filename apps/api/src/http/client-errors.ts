/**
 * Requests Node's HTTP parser refuses before the API sees them (a request line or headers over the
 * size limit, a malformed request) are answered in the API's one error format instead of Node's
 * empty default reply.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, API_ERROR_CODES, malformed } from './api-error.js';

/** Node's HttpStatus enum in Nest has no 431. */
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
const REASONS: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

function errorFor(code: string | undefined): ApiError {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError(REQUEST_HEADER_FIELDS_TOO_LARGE, API_ERROR_CODES.tooLarge, 'The request line and headers are too large (16 KB at most)');
  }
  return malformed({ request: 'is not a well-formed HTTP request' }, 'The request is malformed');
}

export function answerClientErrorsInOneFormat(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection reset or timed out has nobody left to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const apiError = errorFor(error.code);
    const status = apiError.getStatus();
    const body = JSON.stringify(apiError.getResponse());
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
