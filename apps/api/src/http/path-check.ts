/**
 * A path the API cannot read — a percent-encoding that does not decode, or a NUL or other control
 * character in it — is a malformed request (400), answered before routing, whatever the route.
 */
import type { NextFunction, Request, Response } from 'express';
import { malformed } from './api-error.js';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function pathProblem(rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'holds a percent-encoding that does not decode (such as a lone %)';
  }
  return CONTROL_CHARACTER.test(decoded) ? 'must not contain a NUL or other control character' : null;
}

export function rejectUnreadablePaths(request: Request, response: Response, next: NextFunction): void {
  const problem = pathProblem(request.path);
  if (!problem) return next();
  const error = malformed({ path: problem }, 'The request path is malformed');
  response.status(error.getStatus()).json(error.getResponse());
}
