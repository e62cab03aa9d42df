/** The conflict register in words, and the command its form sends. */
import { CONFLICT_SEVERITIES, CONFLICT_STEPS, type Conflict, type ConflictSeverity, type ConflictStep } from '@pe/domain';
import type { PartnershipCommand } from './partnershipModel';

export const CONFLICT_STEP_LABELS: Record<ConflictStep, string> = {
  direct_discussion: 'Direct discussion between the organizations',
  coordinator_mediation: 'Mediation by the coordinator',
  steering_group: 'The steering group (the sponsor)',
};

export const CONFLICT_SEVERITY_LABELS: Record<ConflictSeverity, string> = { low: 'Low', medium: 'Medium', high: 'High' };
export const severityChoices = CONFLICT_SEVERITIES.map((id) => ({ id, name: CONFLICT_SEVERITY_LABELS[id] }));

/** Where a conflict stands: resolved, or at step n of the process. */
export function conflictStatus(conflict: Pick<Conflict, 'status' | 'step'>): string {
  if (conflict.status === 'resolved') return 'Resolved';
  return `Step ${CONFLICT_STEPS.indexOf(conflict.step) + 1} of ${CONFLICT_STEPS.length}: ${CONFLICT_STEP_LABELS[conflict.step].toLowerCase()}`;
}

/** Open conflicts first, the most severe first, then the newest. */
export function registerOrder(conflicts: readonly Conflict[]): Conflict[] {
  const weight = (conflict: Conflict) => (conflict.status === 'open' ? 0 : 10) + (2 - CONFLICT_SEVERITIES.indexOf(conflict.severity));
  return [...conflicts].sort((a, b) => weight(a) - weight(b) || b.raisedAt.localeCompare(a.raisedAt));
}

export interface RaiseConflictValues {
  title?: string | null;
  description?: string | null;
  organizationIds?: string[] | null;
  severity?: ConflictSeverity | null;
}

export function toRaiseConflictCommand(values: RaiseConflictValues): PartnershipCommand {
  return {
    type: 'RaiseConflict',
    title: String(values.title ?? '').trim(),
    description: String(values.description ?? '').trim(),
    organizationIds: values.organizationIds ?? [],
    severity: values.severity ?? 'medium',
  };
}
