/**
 * The directory of organizations and people: what kinds of organization there are, who acts for
 * one, and how long a password must be. The API's validation and the console's forms both read it.
 */
import type { Role } from './model.js';

export const ORGANIZATION_KINDS = ['company', 'nonprofit', 'public body'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Why this role cannot have this organization, or null when it fits. A partner representative acts
 * for its organization, so it needs one; an admin or auditor stands outside every partnership; a
 * coordinator or sponsor may or may not belong to one.
 */
export function organizationProblem(role: Role, organizationId: string | null): string | null {
  if (role === 'partner' && organizationId === null) return 'a partner representative needs an organization';
  if ((role === 'admin' || role === 'auditor') && organizationId !== null) return `an ${role} belongs to no organization`;
  return null;
}
