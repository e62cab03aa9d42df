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
}

export function toRemoveOrganizationCommand(organizationId: string, values: RemoveOrganizationValues): PartnershipCommand {
  return { type: 'RemoveOrganization', organizationId, reassignTo: values.reassignTo || null };
}
