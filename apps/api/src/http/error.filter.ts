import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@pe/domain';
import { ListParamsError } from '@pe/persistence';
import { API_ERROR_CODES, RetryLaterError, STATUS_OF_KIND, type ApiErrorBody } from './api-error.js';

/** Turns whatever was thrown into the API's one error format. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (exception instanceof RetryLaterError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
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
