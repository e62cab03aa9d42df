/**
 * The deadline ledger: every pending timer of a partnership as a row people can read — what it is
 * for, which task it chases and whom it reaches, when it fires. Derived from `deadlines(state)`, so
 * the ledger shows exactly what the workflow is waiting for.
 */
import { organizationAssignee } from './governance.js';
import { measuredKpis } from './rules/measurement.js';
import type { ActivePartnership, PartnershipState } from './partnership.js';
import { recipientOf, type Assignee, type Recipient, type TaskKind } from './tasks.js';
import { deadlines, escalationRecipients, expiryRecipients, noticeRecipients, type DeadlinePurpose } from './timers.js';


export interface LedgerEntry {
  /** Stable while the timer is pending: a partnership has at most one timer per purpose and task (and KPI, for a KPI report). */
  id: string;
  partnershipId: string;
  partnershipName: string;
  purpose: DeadlinePurpose;
  firesAt: string;
  taskId: string | null;
  taskKind: TaskKind | null;
  taskTitle: string | null;
  assignee: Assignee | null;
  assigneeUserId: string | null;
  assigneeOrganizationId: string | null;
  dueAt: string | null;
  /** The escalation level this timer reaches. */
  level: number | null;
  /** Which reminder (1-based) this timer sends. */
  reminder: number | null;
  /** Whom the timer chases when it fires: the assignee for a reminder, the agreed path or the ladder for an escalation, everyone for a notice reminder, the coordinator and the sponsor for the agreement's expiry, the KPI's owner organization for a KPI report falling due, nobody for a cycle, an integrated sign-off falling to a vote, or a termination's effect. */
  recipients: Recipient[];
}

export function deadlineLedger(state: PartnershipState): LedgerEntry[] {
  if (state.status !== 'active') return [];
  return deadlines(state).map((deadline): LedgerEntry => {
    const task = 'taskId' in deadline ? state.openTasks.find((candidate) => candidate.id === deadline.taskId) : undefined;
    const recipients =
      deadline.purpose === 'escalation'
        ? escalationRecipients(state, deadline.level)
        : deadline.purpose === 'reminder' && task
          ? [recipientOf(task.assignee)]
          : deadline.purpose === 'notice'
            ? noticeRecipients(state)
            : deadline.purpose === 'expiry_reminder' || deadline.purpose === 'expiry'
              ? expiryRecipients(state)
              : deadline.purpose === 'kpi_report'
                ? kpiOwner(state, deadline.kpiId)
                : [];
    return {
      id: `${state.id}:${deadline.purpose}${task ? `:${task.id}` : ''}${deadline.purpose === 'kpi_report' ? `:${deadline.kpiId}` : ''}`,
      partnershipId: state.id,
      partnershipName: state.name,
      purpose: deadline.purpose,
      firesAt: new Date(deadline.at).toISOString(),
      taskId: task?.id ?? null,
      taskKind: task?.kind ?? null,
      taskTitle: task?.title ?? null,
      assignee: task?.assignee ?? null,
      assigneeUserId: task?.assignee.kind === 'user' ? task.assignee.userId : null,
      assigneeOrganizationId: task?.assignee.kind === 'organization' ? task.assignee.organizationId : null,
      dueAt: task?.dueAt ?? null,
      level: deadline.purpose === 'escalation' ? deadline.level : null,
      reminder: deadline.purpose === 'reminder' || deadline.purpose === 'notice' || deadline.purpose === 'expiry_reminder' ? deadline.reminder : null,
      recipients,
    };
  });
}

/** Whom a KPI's report reaches when it falls due: its owner organization (through its point of contact). */
function kpiOwner(state: ActivePartnership, kpiId: string): Recipient[] {
  const kpi = measuredKpis(state).find((candidate) => candidate.id === kpiId);
  return kpi ? [recipientOf(organizationAssignee(state, kpi.ownerOrganizationId))] : [];
}
