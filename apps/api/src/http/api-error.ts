/**
 * Every error leaves the API as {statusCode, code, message, errors?}. DomainError kinds map to
 * statuses here, at the edge, and nowhere else.
 */
import { HttpException, HttpStatus } from '@nestjs/common';
import type { DomainErrorKind } from '@pe/domain';

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: Record<string, string>;
}

export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
};

export class ApiError extends HttpException {
  constructor(statusCode: number, code: string, message: string, errors?: Record<string, string>) {
    super({ statusCode, code, message, ...(errors ? { errors } : {}) } satisfies ApiErrorBody, statusCode);
  }
}

export const malformed = (errors: Record<string, string>, message = 'The request is malformed') =>
  new ApiError(HttpStatus.BAD_REQUEST, 'REQUEST.MALFORMED', message, errors);
export const notFoundError = (what: string) => new ApiError(HttpStatus.NOT_FOUND, 'RESOURCE.NOT_FOUND', `${what} not found`);
export const forbiddenError = (message: string) => new ApiError(HttpStatus.FORBIDDEN, 'AUTH.FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first') => new ApiError(HttpStatus.UNAUTHORIZED, 'AUTH.UNAUTHENTICATED', message);
