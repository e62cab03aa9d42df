/**
 * `@Audited(action)` on a handler records each call that succeeds in the access log: who (the
 * signed-in user and their role), when, from where, which partnership (the route's `:id`) and the
 * query parameters named (an export's format). The row is written before the answer leaves, so no
 * export or verification is ever served without its record; if the record cannot be written, the
 * request fails.
 */
import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { AccessAction } from '@pe/domain';
import { recordAccess } from '@pe/persistence';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
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
        const query = request.query as Record<string, unknown>;
        const detail = Object.fromEntries(route.queryFields.filter((field) => typeof query[field] === 'string').map((field) => [field, String(query[field])]));
        const partnershipId = typeof request.params.id === 'string' ? request.params.id : null;
        await recordAccess(this.db, {
          action: route.action,
          actorId: request.user?.id ?? null,
          actorRole: request.user?.role ?? null,
          partnershipId,
          ip: request.ip ?? null,
          detail,
        });
        return result;
      }),
    );
  }
}
