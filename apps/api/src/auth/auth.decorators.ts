import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@pe/domain';
import type { Request } from 'express';

export const PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** No sign-in needed (login, health). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the handler. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
}

export type AuthenticatedRequest = Request & { user?: AuthenticatedUser };

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});

export const actorOf = (user: AuthenticatedUser): Actor => ({
  kind: 'user',
  userId: user.id,
  role: user.role,
  organizationId: user.organizationId,
});
