import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ROLES as ROLE_NAMES, type Role } from '@pe/domain';
import { forbiddenError, unauthenticated } from '../http/api-error.js';
import { PUBLIC, ROLES, type AuthenticatedRequest, type AuthenticatedUser } from './auth.decorators.js';

/** Bearer JWT on every route not marked @Public, then the route's @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthenticated('Send a Bearer token: sign in at POST /api/auth/login');
    request.user = await this.verify(token);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(request.user.role)) {
      throw forbiddenError(`This needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }

  private async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const claims = await this.jwt.verifyAsync<Record<string, unknown>>(token);
      const role = claims.role as Role;
      if (typeof claims.sub !== 'string' || !ROLE_NAMES.includes(role)) throw new Error('bad claims');
      return {
        id: claims.sub,
        email: String(claims.email ?? ''),
        name: String(claims.name ?? ''),
        role,
        organizationId: typeof claims.org === 'string' ? claims.org : null,
      };
    } catch {
      throw unauthenticated('The token is invalid or expired: sign in again');
    }
  }
}
