import type { ScopeClause } from '@pe/persistence';
import type { AuthenticatedUser } from './auth.decorators.js';

/**
 * What a user may see of partnership-scoped rows: a partner representative only the partnerships
 * its organization belongs to (the column holds the rows' member organizations); every other role all.
 */
export function partnershipScope(user: AuthenticatedUser, organizationsColumn: string): ScopeClause[] {
  if (user.role !== 'partner') return [];
  return [(bind) => `${bind(user.organizationId)}::uuid = ANY(${organizationsColumn})`];
}

/** The same rule for rows that only carry their partnership's id. */
export function partnershipIdScope(user: AuthenticatedUser, partnershipIdColumn: string): ScopeClause[] {
  if (user.role !== 'partner') return [];
  return [(bind) => `${partnershipIdColumn} IN (SELECT id FROM partnerships WHERE ${bind(user.organizationId)}::uuid = ANY(organization_ids))`];
}
