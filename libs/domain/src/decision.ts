/**
 * One decision in progress: the events emitted so far and the state they lead to, so a rule can
 * look at the consequences of what it already decided (a sign-off that just became complete).
 */
import { conflict, forbidden } from './errors.js';
import type { PartnershipEvent, PartnershipEventBody } from './events.js';
import type { Actor, Stage } from './model.js';
import { evolve, type ActivePartnership, type SignoffRound } from './partnership.js';
import { holidaysFor } from './calendar.js';
import { addTaskWindow } from './duration.js';
import { organizationAssignee } from './governance.js';
import type { Assignee, Task } from './tasks.js';

export interface CommandMeta {
  now: Date;
  actor: Actor;
  /**
   * False only for a workflow run started before governance acted (points of contact, the notice
   * period): replaying its history must decide as it decided then. Absent means true.
   */
  governanceActs?: boolean;
  /**
   * False only for a workflow run started before integrated partnerships sought agreement before a
   * vote: replaying its history must open rounds as it did then (majority at once). Absent means true.
   */
  jointDecisions?: boolean;
  /**
   * False only for a workflow run started before KPI and role changes in MEASUREMENT needed a new
   * signed agreement version: replaying its history must apply a KPI at once, as it did then. Absent means true.
   */
  agreedChanges?: boolean;
  /**
   * False only for a workflow run started before KPIs were reported on their cadence between
   * reviews: replaying its history must schedule no KPI report, as then. Absent means true.
   */
  kpiCadence?: boolean;
}

export const ERROR_CODES = {
  alreadyExists: 'PARTNERSHIP.ALREADY_EXISTS',
  notFound: 'PARTNERSHIP.NOT_FOUND',
  invalidDefinition: 'PARTNERSHIP.INVALID_DEFINITION',
  wrongStage: 'PARTNERSHIP.WRONG_STAGE',
  closed: 'PARTNERSHIP.CLOSED',
  onHold: 'PARTNERSHIP.ON_HOLD',
  notOnHold: 'PARTNERSHIP.NOT_ON_HOLD',
  notCoordinator: 'PARTNERSHIP.NOT_COORDINATOR',
  readOnly: 'PARTNERSHIP.READ_ONLY_ROLE',
  notMember: 'PARTNERSHIP.NOT_A_MEMBER',
  invalidGoals: 'PRIORITIES.INVALID_GOALS',
  noGoals: 'PRIORITIES.NO_GOALS',
  alreadySubmitted: 'PRIORITIES.ALREADY_SUBMITTED',
  invalidStakeholder: 'LISTENING.INVALID_STAKEHOLDER',
  invalidSession: 'LISTENING.INVALID_SESSION',
  invalidAlignment: 'LISTENING.INVALID_ALIGNMENT',
  listeningIncomplete: 'LISTENING.INCOMPLETE',
  invalidRoles: 'ROLES.INVALID',
  invalidResources: 'ROLES.INVALID_RESOURCES',
  invalidGovernance: 'ROLES.INVALID_GOVERNANCE',
  invalidTerms: 'ROLES.INVALID_TERMINATION_TERMS',
  invalidKpi: 'KPI.INVALID',
  agreementIncomplete: 'AGREEMENT.INCOMPLETE',
  signoffInProgress: 'SIGNOFF.IN_PROGRESS',
  noVoteToCall: 'SIGNOFF.NO_VOTE_TO_CALL',
  goalsNotFlagged: 'GOALS.NOT_FLAGGED',
  notParticipant: 'PARTNERSHIP.NOT_PARTICIPANT',
  invalidConflict: 'CONFLICT.INVALID',
  invalidCheckIn: 'CHECK_IN.INVALID',
  invalidTaskData: 'TASK.INVALID_DATA',
  decisionNotAllowed: 'TASK.DECISION_NOT_ALLOWED',
  taskNotFound: 'TASK.NOT_FOUND',
  notAssignee: 'TASK.NOT_ASSIGNEE',
  reasonRequired: 'TASK.REASON_REQUIRED',
  invalidDueDate: 'TASK.INVALID_DUE_DATE',
  terminationNotAgreed: 'TERMINATION.OPTION_NOT_AGREED',
  terminationInProgress: 'TERMINATION.IN_PROGRESS',
  membership: 'MEMBERSHIP.INVALID',
  invalidCalendar: 'CALENDAR.INVALID',
  systemOnly: 'COMMAND.SYSTEM_ONLY',
} as const;

/** `dueAt` only when the task has a date of its own (a check-in action); otherwise the policy's window. */
type TaskSpec = Omit<Task, 'id' | 'openedAt' | 'dueAt' | 'cycle' | 'purpose' | 'detail'> & Partial<Pick<Task, 'cycle' | 'purpose' | 'detail' | 'dueAt'>>;

export class Decision {
  readonly events: PartnershipEvent[] = [];
  /** The sign-off round this command decided, as it stood when decided (its state is gone once it completes). */
  decidedRound: SignoffRound | null = null;

  constructor(
    public state: ActivePartnership,
    readonly meta: CommandMeta,
  ) {}

  get now(): Date {
    return this.meta.now;
  }

  get actor(): Actor {
    return this.meta.actor;
  }

  get jointDecisions(): boolean {
    return this.meta.jointDecisions !== false;
  }

  /**
   * Whether a joint change (membership, a revisit) is the partners' to decide: once they have chosen
   * how they decide (a management model), in runs started since joint decisions.
   */
  get partnersDecide(): boolean {
    return this.jointDecisions && this.state.managementModel !== null;
  }

  /** Whether a KPI or role change while an agreement is in force is a draft of the next version (see CommandMeta). */
  get agreedChanges(): boolean {
    return this.meta.agreedChanges !== false;
  }

  /** Whether KPIs are reported on their cadence between reviews (see CommandMeta). */
  get kpiCadence(): boolean {
    return this.meta.kpiCadence !== false;
  }

  get governanceActs(): boolean {
    return this.meta.governanceActs !== false;
  }

  /** An organization's task: addressed to its agreed point of contact (unless this run predates that rule). */
  assigneeFor(organizationId: string): Assignee {
    return this.governanceActs ? organizationAssignee(this.state, organizationId) : { kind: 'organization', organizationId };
  }

  emit(...bodies: PartnershipEventBody[]): this {
    for (const body of bodies) {
      const event = { ...body, at: this.meta.now.toISOString(), actor: this.meta.actor } as PartnershipEvent;
      this.events.push(event);
      this.state = evolve(this.state, event) as ActivePartnership;
    }
    return this;
  }

  /**
   * Opens a task whose id is its TaskOpened event's place in the log, due after the policy's window
   * unless it names its own due date; the window skips the public holidays of the assignee's calendar.
   */
  openTask(spec: TaskSpec): string {
    const id = `${this.state.id}.${this.state.version + 1}`;
    const openedAt = this.now.getTime();
    const { dueAt, ...rest } = spec;
    this.emit({
      type: 'TaskOpened',
      data: {
        task: {
          cycle: null,
          purpose: null,
          detail: null,
          ...rest,
          id,
          openedAt: new Date(openedAt).toISOString(),
          dueAt: dueAt ?? new Date(addTaskWindow(openedAt, this.state.policy.taskDue, holidaysFor(this.state.holidayCalendars, spec.assignee))).toISOString(),
        },
      },
    });
    return id;
  }

  cancelTasks(predicate: (task: ActivePartnership['openTasks'][number]) => boolean, reason: string): void {
    for (const task of this.state.openTasks.filter(predicate)) this.emit({ type: 'TaskCancelled', data: { taskId: task.id, reason } });
  }

  advance(to: Stage, reason?: string): void {
    this.emit({ type: 'StageAdvanced', data: { from: this.state.stage, to, ...(reason ? { reason } : {}) } });
  }
}

export function requireStage(state: ActivePartnership, ...stages: Stage[]): void {
  if (!stages.includes(state.stage)) {
    throw conflict(ERROR_CODES.wrongStage, `The partnership is in ${state.stage}; this needs ${stages.join(' or ')}`);
  }
}

export function isCoordinator(state: ActivePartnership, actor: Actor): boolean {
  return actor.kind === 'user' && (actor.role === 'admin' || (actor.role === 'coordinator' && actor.userId === state.coordinatorId));
}

export function requireCoordinator(state: ActivePartnership, actor: Actor): void {
  if (!isCoordinator(state, actor)) throw forbidden(ERROR_CODES.notCoordinator, "Only this partnership's coordinator (or an admin) does this");
}

export function requireNoSignoff(state: ActivePartnership): void {
  if (state.signoff) throw conflict(ERROR_CODES.signoffInProgress, `A ${state.signoff.subject.toLowerCase()} sign-off is in progress; wait for it to finish`);
}

export function requireMember(state: ActivePartnership, organizationId: string, field: string): string | null {
  return state.organizationIds.includes(organizationId) ? null : `${field}: ${organizationId} is not a member of this partnership`;
}
