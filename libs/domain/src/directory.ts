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

/** The change to a user an admin asks for (undefined fields stay as they are). */
export interface UserChange {
  role?: Role;
  organizationId?: string | null;
  active?: boolean;
}

/** A change the directory refuses: which rule, the field to show it beside, and what to say. */
export interface UserChangeProblem {
  rule: 'organization' | 'own_account' | 'last_admin' | 'still_responsible';
  field: 'organizationId' | 'active' | 'role';
  message: string;
  fieldMessage: string;
}

/** An admin may not deactivate or demote their own account (and lock themselves out); another admin can. */
export function ownAccountProblem(adminId: string, userId: string, change: UserChange): UserChangeProblem | null {
  if (adminId !== userId || !(change.active === false || (change.role !== undefined && change.role !== 'admin'))) return null;
  const field = change.active === false ? 'active' : 'role';
  return { rule: 'own_account', field, message: 'You cannot deactivate or demote your own account; another admin can', fieldMessage: 'not your own account' };
}

/** What the directory knows of the user at the moment of the change (read under a lock). */
export interface UserChangeFacts {
  current: { role: Role; organizationId: string | null; active: boolean };
  /** Active admins other than this user. */
  otherActiveAdmins: number;
  /** Partnerships not closed that this user coordinates or sponsors. */
  responsibleFor: { name: string }[];
}

/**
 * Whether a change may be made: the role must fit the organization; the last active admin stays
 * one; and someone who coordinates or sponsors a partnership that is not closed keeps that role,
 * since its approvals and reviews are assigned to them by name and would wait forever.
 */
export function userChangeProblem(change: UserChange, { current, otherActiveAdmins, responsibleFor }: UserChangeFacts): UserChangeProblem | null {
  const role = change.role ?? current.role;
  const organizationId = change.organizationId === undefined ? current.organizationId : change.organizationId;
  const problem = organizationProblem(role, organizationId);
  if (problem) return { rule: 'organization', field: 'organizationId', message: problem, fieldMessage: problem };
  const stepsDown = current.active && (change.active === false || (change.role !== undefined && change.role !== current.role));
  if (!stepsDown) return null;
  const field = change.active === false ? 'active' : 'role';
  if (current.role === 'admin' && otherActiveAdmins === 0) {
    return { rule: 'last_admin', field, message: 'This is the last active admin: make another admin first', fieldMessage: 'the last active admin' };
  }
  if (responsibleFor.length === 0) return null;
  const names = responsibleFor.map((partnership) => partnership.name).join(', ');
  return {
    rule: 'still_responsible',
    field,
    message: `This user coordinates or sponsors partnerships that are not closed: ${names}`,
    fieldMessage: `coordinates or sponsors ${responsibleFor.length} open partnership${responsibleFor.length === 1 ? '' : 's'}: ${names}`,
  };
}

/** How long an organization's mission may be: a statement, not a strategy document. */
export const MISSION_MAX_LENGTH = 2000;

/** One version of an organization's mission: recording a new one never rewrites this. */
export interface MissionVersion {
  organizationId: string;
  version: number;
  text: string;
  recordedAt: string;
  recordedBy: string;
  /** The recorder's name (null if unknown). */
  recordedByName: string | null;
}
