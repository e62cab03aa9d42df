/**
 * What a new agreement version changes in the KPIs and roles in force: what the coordinator drafted
 * in MEASUREMENT, and what the partners are asked to sign. One comparison for the state, the
 * agreement history, the signing task and the console.
 */
import type { Kpi, RoleAssignment } from './model.js';
import type { ActivePartnership } from './partnership.js';

export interface AgreedChanges {
  /** The version in force the changes are measured against. */
  sinceVersion: number;
  kpis: { added: Kpi[]; changed: { before: Kpi; after: Kpi }[]; removed: Kpi[] };
  /** A responsibility changed on a goal reads as the old one removed and the new one added. */
  roles: { added: RoleAssignment[]; removed: RoleAssignment[] };
}

type AgreementTerms = { roles: readonly RoleAssignment[]; kpis: readonly Kpi[] };

/** When a KPI was defined is not part of what is agreed. */
const sameKpi = (a: Kpi, b: Kpi) => {
  const { definedAt: _a, ...left } = a;
  const { definedAt: _b, ...right } = b;
  return JSON.stringify(left, Object.keys(left).sort()) === JSON.stringify(right, Object.keys(right).sort());
};
const roleKey = (role: RoleAssignment) => `${role.organizationId}/${role.goalRank}/${role.responsibility}`;

export function agreedChanges(inForce: AgreementTerms, next: AgreementTerms, sinceVersion: number): AgreedChanges {
  const before = new Map(inForce.kpis.map((kpi) => [kpi.id, kpi]));
  const after = new Map(next.kpis.map((kpi) => [kpi.id, kpi]));
  const oldRoles = new Set(inForce.roles.map(roleKey));
  const newRoles = new Set(next.roles.map(roleKey));
  return {
    sinceVersion,
    kpis: {
      added: next.kpis.filter((kpi) => !before.has(kpi.id)),
      changed: next.kpis.flatMap((kpi) => {
        const old = before.get(kpi.id);
        return old && !sameKpi(old, kpi) ? [{ before: old, after: kpi }] : [];
      }),
      removed: inForce.kpis.filter((kpi) => !after.has(kpi.id)),
    },
    roles: { added: next.roles.filter((role) => !oldRoles.has(roleKey(role))), removed: inForce.roles.filter((role) => !newRoles.has(roleKey(role))) },
  };
}

export const hasChanges = (changes: AgreedChanges) =>
  changes.kpis.added.length + changes.kpis.changed.length + changes.kpis.removed.length + changes.roles.added.length + changes.roles.removed.length > 0;

/** The changes drafted since the version in force, or null when none is drafted. */
export function draftChanges(state: Pick<ActivePartnership, 'draft' | 'roles' | 'kpis'>): AgreedChanges | null {
  return state.draft ? agreedChanges(state, state.draft, state.draft.sinceVersion) : null;
}

/**
 * What the version being signed changes in the KPIs and roles in force (null before any version is
 * in force, or once the version is adopted).
 */
export function signingChanges(state: Pick<ActivePartnership, 'agreement' | 'agreedVersion' | 'roles' | 'kpis'>): AgreedChanges | null {
  const agreement = state.agreement;
  if (!agreement || agreement.adopted || state.agreedVersion === null || state.agreedVersion === undefined) return null;
  return agreedChanges(state, agreement.content, state.agreedVersion);
}
