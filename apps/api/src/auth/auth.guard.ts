import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import type { Role } from '@pe/domain';
import { findUserById } from '@pe/persistence';
import { deactivatedError, forbiddenError, passwordChangedError, unauthenticated } from '../http/api-error.js';
import { UUID } from '../http/uuid.pipe.js';
import { DATABASE, PREVIOUS_JWT_SECRETS } from '../tokens.js';
import { PUBLIC, ROLES, type AuthenticatedRequest, type AuthenticatedUser } from './auth.decorators.js';

/**
 * Bearer JWT on every route not marked @Public, then the route's @Roles. The token only says who
 * signed in; the user's current row (one primary-key lookup) says whether they still may, and with
 * which role and organization, so deactivating or changing a user takes effect on their next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PREVIOUS_JWT_SECRETS) private readonly previousSecrets: readonly string[],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthenticated('Send a Bearer token: sign in at POST /api/auth/login');
    request.user = await this.currentUser(await this.claimsOf(token));
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(request.user.role)) {
      throw forbiddenError(`This needs one of the roles: ${allowed.join(', ')}`);
    }
    return true;
  }

  private async claimsOf(token: string): Promise<{ sub: string; issuedAt: number }> {
    try {
      const claims = await this.verified(token);
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || typeof claims.iat !== 'number') throw new Error('bad claims');
      return { sub: claims.sub, issuedAt: claims.iat };
    } catch {
      throw unauthenticated('The token is invalid or expired: sign in again');
    }
  }

  /**
   * Checked with JWT_SECRET, then with each previous secret: a token issued before a rotation stays
   * good until it expires, while every new token is signed with the current secret alone.
   */
  private async verified(token: string): Promise<Record<string, unknown>> {
    try {
      return await this.jwt.verifyAsync<Record<string, unknown>>(token);
    } catch (error) {
      for (const secret of this.previousSecrets) {
        const claims = await this.jwt.verifyAsync<Record<string, unknown>>(token, { secret }).catch(() => null);
        if (claims) return claims;
      }
      throw error;
    }
  }

  private async currentUser({ sub, issuedAt }: { sub: string; issuedAt: number }): Promise<AuthenticatedUser> {
    const user = await findUserById(this.db, sub);
    if (!user) throw unauthenticated('The account no longer exists: sign in again');
    if (!user.active) throw deactivatedError();
    // A password set after the sign-in ends that session (iat is in whole seconds).
    if (user.passwordChangedAt && issuedAt < Math.floor(Date.parse(user.passwordChangedAt) / 1000)) throw passwordChangedError();
    return { id: user.id, email: user.email, name: user.name, role: user.role, organizationId: user.organizationId };
  }
}
