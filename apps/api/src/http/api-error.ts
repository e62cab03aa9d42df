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

/** The codes the API itself answers with (the decider's own are ERROR_CODES in @pe/domain). */
export const API_ERROR_CODES = {
  malformed: 'REQUEST.MALFORMED',
  tooLarge: 'REQUEST.TOO_LARGE',
  rejected: 'REQUEST.REJECTED',
  notFound: 'RESOURCE.NOT_FOUND',
  unauthenticated: 'AUTH.UNAUTHENTICATED',
  /** The account was deactivated: no sign-in, and tokens issued before stop working. */
  deactivated: 'AUTH.DEACTIVATED',
  forbidden: 'AUTH.FORBIDDEN',
  /** 409: another user already has this email (compared without case). */
  emailTaken: 'DIRECTORY.EMAIL_TAKEN',
  /** 409: another organization already has this name (compared without case). */
  organizationNameTaken: 'DIRECTORY.ORGANIZATION_NAME_TAKEN',
  /** 422: the organization named does not exist or is deactivated. */
  unknownOrganization: 'DIRECTORY.UNKNOWN_ORGANIZATION',
  /** 422: an admin may not deactivate or demote their own account (and lock themselves out). */
  ownAccount: 'DIRECTORY.OWN_ACCOUNT',
  /** 422: deactivating or demoting the last active admin would leave nobody to administer. */
  lastAdmin: 'DIRECTORY.LAST_ADMIN',
  /** 422: the user coordinates or sponsors partnerships that are not closed; their tasks name them. */
  stillResponsible: 'DIRECTORY.STILL_RESPONSIBLE',
  /** 401: the password was set after this token was issued. */
  passwordChanged: 'AUTH.PASSWORD_CHANGED',
  /** 429: too many failed sign-ins for this email; every sign-in for it is refused until Retry-After. */
  lockedOut: 'AUTH.LOCKED_OUT',
  /** 429: too many failed sign-ins from this client address; its sign-ins are refused until Retry-After. */
  rateLimited: 'AUTH.RATE_LIMITED',
  serverError: 'SERVER.ERROR',
  /** 503: Temporal cannot be reached; nothing was sent, or what was sent may still be applied. */
  temporalUnavailable: 'TEMPORAL.UNAVAILABLE',
  /** 503: PostgreSQL cannot be reached. */
  databaseUnavailable: 'DATABASE.UNAVAILABLE',
  /** 503: no worker polls the task queue, or none completed the command in time. */
  workerUnavailable: 'WORKER.UNAVAILABLE',
  /** 503: the server is already doing as much of this heavy work as it does at once (exports, verify-all pages) or its connections are all in use; retry after Retry-After. */
  busy: 'SERVER.BUSY',
} as const;

/** What a 503 names as down. */
export type Dependency = 'temporal' | 'database' | 'worker';

const UNAVAILABLE_CODE: Record<Dependency, string> = {
  temporal: API_ERROR_CODES.temporalUnavailable,
  database: API_ERROR_CODES.databaseUnavailable,
  worker: API_ERROR_CODES.workerUnavailable,
};

/** Sent as Retry-After with every 503: long enough for a restart to be noticed, short enough to keep a person waiting. */
export const RETRY_AFTER_SECONDS = 5;

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

/** An error that ends by itself: the answer says when to try again (`Retry-After`, whole seconds). */
export class RetryLaterError extends ApiError {
  readonly retryAfterSeconds: number;

  constructor(statusCode: number, code: string, message: string, retryAfterMs: number) {
    super(statusCode, code, message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}

/** "3 minutes", "40 seconds": how long a wait is, rounded up, for a message a person reads. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export const malformed = (errors: Record<string, string>, message = 'The request is malformed') =>
  new ApiError(HttpStatus.BAD_REQUEST, API_ERROR_CODES.malformed, message, errors);
export const notFoundError = (what: string) => new ApiError(HttpStatus.NOT_FOUND, API_ERROR_CODES.notFound, `${what} not found`);
export const forbiddenError = (message: string) => new ApiError(HttpStatus.FORBIDDEN, API_ERROR_CODES.forbidden, message);
export const unauthenticated = (message = 'Sign in first') => new ApiError(HttpStatus.UNAUTHORIZED, API_ERROR_CODES.unauthenticated, message);
export const passwordChangedError = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, API_ERROR_CODES.passwordChanged, 'The password was changed after this sign-in: sign in again');
export const deactivatedError = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, API_ERROR_CODES.deactivated, 'This account is deactivated: ask an administrator to reactivate it');
export const unavailableError = (dependency: Dependency, message: string) => new ApiError(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE_CODE[dependency], message);
/** 503 with Retry-After (error.filter.ts): too much of one kind of heavy work at once; nothing is down. */
export const busyError = (message: string) => new ApiError(HttpStatus.SERVICE_UNAVAILABLE, API_ERROR_CODES.busy, message);
export const lockedOutError = (retryAfterMs: number) =>
  new RetryLaterError(
    HttpStatus.TOO_MANY_REQUESTS,
    API_ERROR_CODES.lockedOut,
    `Too many failed sign-ins for this email: it is locked for ${waitInWords(retryAfterMs)}, even with the right password`,
    retryAfterMs,
  );
export const rateLimitedError = (retryAfterMs: number) =>
  new RetryLaterError(
    HttpStatus.TOO_MANY_REQUESTS,
    API_ERROR_CODES.rateLimited,
    `Too many failed sign-ins from your network address: try again in ${waitInWords(retryAfterMs)}`,
    retryAfterMs,
  );
