import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@pe/domain';
import { ListParamsError } from '@pe/persistence';
import { STATUS_OF_KIND, type ApiErrorBody } from './api-error.js';

/** Turns whatever was thrown into the API's one error format. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: STATUS_OF_KIND[exception.kind], code: exception.code, message: exception.message, ...(exception.fields ? { errors: exception.fields } : {}) };
    }
    if (exception instanceof ListParamsError) {
      return { statusCode: 400, code: 'REQUEST.MALFORMED', message: exception.message, errors: { [exception.field]: exception.message } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw !== null && 'code' in raw) return raw as ApiErrorBody;
      const message = typeof raw === 'string' ? raw : String((raw as { message?: unknown }).message ?? exception.message);
      const body: ApiErrorBody = { statusCode: status, code: codeForStatus(status), message };
      if (isBodyParseError(exception)) return { ...body, code: 'REQUEST.MALFORMED', message: 'The request body is not valid JSON', errors: { body: 'must be valid JSON' } };
      return body;
    }
    if (isBodyParseError(exception)) {
      return { statusCode: 400, code: 'REQUEST.MALFORMED', message: 'The request body is not valid JSON', errors: { body: 'must be valid JSON' } };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'SERVER.ERROR', message: 'Something went wrong on our side' };
  }
}

function isBodyParseError(exception: unknown): boolean {
  return typeof exception === 'object' && exception !== null && (exception as { type?: unknown }).type === 'entity.parse.failed';
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'REQUEST.MALFORMED';
    case 401:
      return 'AUTH.UNAUTHENTICATED';
    case 403:
      return 'AUTH.FORBIDDEN';
    case 404:
      return 'RESOURCE.NOT_FOUND';
    case 413:
      return 'REQUEST.TOO_LARGE';
    default:
      return status >= 500 ? 'SERVER.ERROR' : 'REQUEST.REJECTED';
  }
}
