import { Catch, HttpException, HttpStatus, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@pe/domain';
import { ListParamsError, isDatabaseUnavailable } from '@pe/persistence';
import { DependencyProbes } from '../health/dependency-probes.js';
import { API_ERROR_CODES, RETRY_AFTER_SECONDS, RetryLaterError, STATUS_OF_KIND, busyError, unavailableError, type ApiErrorBody } from './api-error.js';

/** How long an unexpected error may wait on the question whether PostgreSQL went away. */
const DATABASE_CHECK_MS = 1000;

/** Turns whatever was thrown into the API's one error format. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(DependencyProbes) private readonly probes: DependencyProbes) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    void this.bodyOf(exception).then((body) => {
      if (exception instanceof RetryLaterError) {
        response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      } else if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
        this.logger.warn(`${body.code}: ${body.message}`);
        response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      } else if (body.statusCode >= 500) {
        this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      }
      response.status(body.statusCode).json(body);
    });
  }

  /**
   * An error the driver marks as a lost connection is a 503 at once. Some losses carry no code (a
   * connection cut mid-query), so before calling anything else a 500 the database is asked whether
   * it is there (over a connection of its own when the pool is saturated). A database that answers
   * while every pooled connection is taken means the request waited in vain for one: busy, not down.
   */
  private async bodyOf(exception: unknown): Promise<ApiErrorBody> {
    const body = this.toBody(exception);
    if (body.statusCode !== HttpStatus.INTERNAL_SERVER_ERROR) return body;
    if (isDatabaseUnavailable(exception) || (await this.probes.database(Date.now() + DATABASE_CHECK_MS)) === 'down') {
      return unavailableError('database', 'The database cannot be reached; try again shortly').getResponse() as ApiErrorBody;
    }
    if (this.probes.poolBusy()) {
      this.logger.warn(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      return busyError('The server is busy; try again shortly').getResponse() as ApiErrorBody;
    }
    return body;
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: STATUS_OF_KIND[exception.kind], code: exception.code, message: exception.message, ...(exception.fields ? { errors: exception.fields } : {}) };
    }
    if (exception instanceof ListParamsError) {
      return { statusCode: 400, code: API_ERROR_CODES.malformed, message: exception.message, errors: { [exception.field]: exception.message } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw !== null && 'code' in raw) return raw as ApiErrorBody;
      const message = typeof raw === 'string' ? raw : String((raw as { message?: unknown }).message ?? exception.message);
      const body: ApiErrorBody = { statusCode: status, code: codeForStatus(status), message };
      if (isBodyParseError(exception)) return { ...body, ...NOT_JSON };
      return body;
    }
    if (isBodyParseError(exception)) return { statusCode: 400, ...NOT_JSON };
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: API_ERROR_CODES.serverError, message: 'Something went wrong on our side' };
  }
}

const NOT_JSON = { code: API_ERROR_CODES.malformed, message: 'The request body is not valid JSON', errors: { body: 'must be valid JSON' } };

function isBodyParseError(exception: unknown): boolean {
  return typeof exception === 'object' && exception !== null && (exception as { type?: unknown }).type === 'entity.parse.failed';
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return API_ERROR_CODES.malformed;
    case 401:
      return API_ERROR_CODES.unauthenticated;
    case 403:
      return API_ERROR_CODES.forbidden;
    case 404:
      return API_ERROR_CODES.notFound;
    case 413:
      return API_ERROR_CODES.tooLarge;
    default:
      return status >= 500 ? API_ERROR_CODES.serverError : API_ERROR_CODES.rejected;
  }
}
