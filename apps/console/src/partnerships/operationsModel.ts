/** Hold, membership and due dates: the commands the "Hold, members and tasks" page sends. */
import type { PartnershipCommand } from './partnershipModel';

export interface MoveDueDateValues {
  dueAt?: string | Date | null;
  reason?: string | null;
}

/** The picker gives local time; the API takes an instant with its offset. Unreadable input goes as typed, for the API to name. */
export function toMoveDueDateCommand(taskId: string, values: MoveDueDateValues): PartnershipCommand {
  const due = values.dueAt ? new Date(values.dueAt) : null;
  return {
    type: 'MoveDueDate',
    taskId,
    dueAt: due && !Number.isNaN(due.getTime()) ? due.toISOString() : String(values.dueAt ?? ''),
    reason: String(values.reason ?? '').trim(),
  };
}

export interface RemoveOrganizationValues {
  reassignTo?: string | null;
  reason?: string | null;
}

/** A reason only when one is given: the partners read it with the proposal. */
const reasonOf = (reason: string | null | undefined) => (reason?.trim() ? { reason: reason.trim() } : {});

export function toRemoveOrganizationCommand(organizationId: string, values: RemoveOrganizationValues): PartnershipCommand {
  return { type: 'RemoveOrganization', organizationId, reassignTo: values.reassignTo || null, ...reasonOf(values.reason) };
}

export interface AddOrganizationValues {
  organizationId?: string | null;
  reason?: string | null;
}

export function toAddOrganizationCommand(values: AddOrganizationValues): PartnershipCommand {
  return { type: 'AddOrganization', organizationId: values.organizationId ?? '', ...reasonOf(values.reason) };
}

/** Once a management model is chosen, joining and leaving are the partners' to decide (the coordinator proposes). */
export const partnersDecideMembership = (record: { managementModel?: string | null }) => Boolean(record.managementModel);
