/**
 * `@Audited(action)` on a handler records each call in the access log: who (the signed-in user and
 * their role), when, from where, which partnership (the route's `:id`), the query parameters named
 * (an export's format) and the outcome. A served call's row (`outcome: "served"`) is written before
 * the answer leaves, so no export or verification is ever served without its record; if the record
 * cannot be written, the request fails. A refused one (an unknown or unseen partnership, a bad
 * format, the server busy) is recorded too, with `outcome: "refused"` and the answer's status and
 * code, since probing ids one may not see is what an auditor of the auditors wants to find; if that
 * row cannot be written, the refusal still answers as it would have. A request refused before it
 * reaches the handler's guards (not signed in, a role without access) is not recorded.
 */
import { HttpException, HttpStatus, Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, mergeMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { DomainError, type AccessAction, type AccessOutcome } from '@pe/domain';
import { recordAccess } from '@pe/persistence';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { API_ERROR_CODES, STATUS_OF_KIND } from '../http/api-error.js';
import { DATABASE } from '../tokens.js';

const AUDITED = 'access-log:audited';

interface AuditedRoute {
  action: AccessAction;
  queryFields: readonly string[];
}

export const Audited = (action: AccessAction, queryFields: readonly string[] = []) => SetMetadata(AUDITED, { action, queryFields } satisfies AuditedRoute);

@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(DATABASE) private readonly db: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<AuditedRoute | undefined>(AUDITED, context.getHandler());
    if (!route) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        await this.record(route, request, { outcome: 'served' satisfies AccessOutcome });
        return result;
      }),
      catchError(async (error: unknown) => {
        const { status, code } = refusalOf(error);
        await this.record(route, request, { outcome: 'refused' satisfies AccessOutcome, status, code }).catch(() => undefined);
        throw error;
      }),
    );
  }

  private async record(route: AuditedRoute, request: AuthenticatedRequest, outcome: Record<string, string | number>): Promise<void> {
    const query = request.query as Record<string, unknown>;
    const asked = Object.fromEntries(route.queryFields.filter((field) => typeof query[field] === 'string').map((field) => [field, String(query[field]).slice(0, MAX_DETAIL_LENGTH)]));
    const id = request.params.id;
    // A malformed id is no partnership; the attempt is kept with what was asked for.
    const partnershipId = typeof id === 'string' && UUID.test(id) ? id : null;
    const requested: Record<string, string> = typeof id === 'string' && partnershipId === null ? { requestedId: id.slice(0, MAX_DETAIL_LENGTH) } : {};
    await recordAccess(this.db, {
      action: route.action,
      actorId: request.user?.id ?? null,
      actorRole: request.user?.role ?? null,
      partnershipId,
      ip: request.ip ?? null,
      detail: { ...asked, ...requested, ...outcome },
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What is kept of a value someone typed: enough to see what was tried, not a place to store a book. */
const MAX_DETAIL_LENGTH = 100;

/** The status and code the error filter will answer with, for the errors a refusal carries. */
function refusalOf(error: unknown): { status: number; code: string } {
  if (error instanceof DomainError) return { status: STATUS_OF_KIND[error.kind], code: error.code };
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const code = typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string' ? body.code : null;
    return { status: error.getStatus(), code: code ?? (error.getStatus() >= 500 ? API_ERROR_CODES.serverError : API_ERROR_CODES.rejected) };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, code: API_ERROR_CODES.serverError };
}
