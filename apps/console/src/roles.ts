/**
 * What each role may do in the console. The API is the authority (it answers 403); these
 * checks only hide buttons a person could not use anyway.
 */
import { ROLES, type Role } from '@pe/domain';

/** react-admin hands permissions around as `any`; narrow them once, here. */
export function asRole(permissions: unknown): Role | undefined {
  return ROLES.find((role) => role === permissions);
}

export function canCreatePartnerships(permissions: unknown): boolean {
  const role = asRole(permissions);
  return role === 'admin' || role === 'coordinator';
}

/** Only an admin manages organizations and users. */
export function isAdmin(permissions: unknown): boolean {
  return asRole(permissions) === 'admin';
}

/**
 * Following one person across partnerships is for those who oversee many: the auditor, the admin
 * and a coordinator. A partner sees only its own organization's partnerships, and a sponsor decides
 * on what reaches them; both read what happened on each partnership's timeline.
 */
export function canFollowPeople(permissions: unknown): boolean {
  const role = asRole(permissions);
  return role === 'auditor' || role === 'admin' || role === 'coordinator';
}
