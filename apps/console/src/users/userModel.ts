/** A user as the API lists it, the choices its forms offer, their checks and the bodies they send. */
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLES,
  organizationProblem,
  type CreateUserInput,
  type Role,
  type UpdateUserInput,
} from '@pe/domain';
import type { RaRecord } from 'react-admin';
import { asRole } from '../roles';

export interface UserRecord extends RaRecord<string> {
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  active: boolean;
  deactivatedAt: string | null;
  createdAt: string;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  coordinator: 'Coordinator',
  partner: 'Partner representative',
  sponsor: 'Sponsor',
  auditor: 'Auditor',
};

export const roleChoices = ROLES.map((role) => ({ id: role, name: ROLE_LABELS[role] }));

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

export interface UserFormValues {
  email?: string;
  name?: string;
  role?: Role;
  /** A cleared select gives '' or null: both mean "no organization". */
  organizationId?: string | null;
  password?: string;
}

const organizationOf = (values: UserFormValues) => (values.organizationId ? values.organizationId : null);

/** The organization field's check: the same rule the API applies, said under the field. */
export function validateOrganization(value: unknown, values: UserFormValues): string | undefined {
  const role = asRole(values.role);
  if (!role) return undefined;
  return organizationProblem(role, typeof value === 'string' && value !== '' ? value : null) ?? undefined;
}

export function validatePassword(value: unknown): string | undefined {
  const password = typeof value === 'string' ? value : '';
  if (password.length < PASSWORD_MIN_LENGTH) return `At least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `At most ${PASSWORD_MAX_LENGTH} characters`;
  return undefined;
}

export function toUserCreateBody(values: UserFormValues): CreateUserInput {
  return {
    email: (values.email ?? '').trim(),
    name: (values.name ?? '').trim(),
    role: values.role ?? 'partner',
    organizationId: organizationOf(values),
    password: values.password ?? '',
  };
}

/** Email and password are not edited here (the password has its own dialog). */
export function toUserUpdateBody(values: UserFormValues): UpdateUserInput {
  return { name: (values.name ?? '').trim(), ...(values.role ? { role: values.role } : {}), organizationId: organizationOf(values) };
}
