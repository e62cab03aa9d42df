/**
 * Everything that can happen to a partnership. Each event is a fact in the past tense; the
 * decider emits them, `evolve` folds them, the log stores them hash-chained.
 */
import type {
  Actor,
  AgreementContent,
  AgreementTerm,
  CheckInAction,
  Conflict,
  ConflictStep,
  CommittedResource,
  Goal,
  Governance,
  HealthCheck,
  Kpi,
  KpiReport,
  ListeningSession,
  ManagementModel,
  Measurement,
  ReviewOutcome,
  RoleAssignment,
  Stage,
  Stakeholder,
  TerminationOption,
} from './model.js';
import type { HolidayCalendars } from './calendar.js';
import type { PartnershipPolicy } from './policy.js';
import type { Recipient, RecordedTask, TaskDecision } from './tasks.js';

export type SignoffSubject = 'LISTENING' | 'AGREEMENT' | 'TERMINATION' | 'CHANGE';
/**
 * A change the coordinator proposes and the partner organizations decide under the management
 * model's rule (a `CHANGE` sign-off round): renegotiating the goals when the alignment matrix flags
 * one, admitting or removing an organization once a model is chosen, a review's revisit.
 */
export type ProposedChange =
  | { kind: 'renegotiate_goals'; /** The goals the alignment matrix flagged. */ goalRanks: number[] }
  | { kind: 'admit_organization'; organizationId: string }
  | { kind: 'remove_organization'; organizationId: string; reassignTo: string | null }
  | { kind: 'revisit'; to: 'PRIORITY_SETTING' | 'ROLE_IDENTIFICATION'; cycle: number };
export interface ChangeProposal {
  change: ProposedChange;
  reason: string;
}
/**
 * consensus: every partner organization (cooperative, and every listening round); agreement: every
 * role holder (collaborative); agreement_or_vote (integrated): every partner organization, until the
 * round's vote time passes or the coordinator calls the vote, then more than half; majority: more than
 * half at once (integrated rounds opened before agreement was sought first).
 */
export type DecisionRule = 'consensus' | 'agreement' | 'agreement_or_vote' | 'majority';
/** Why a round seeking agreement fell to a vote. */
export type VoteCause = 'deadline' | 'coordinator' | 'no_agreement';

type Empty = Record<string, never>;

export type PartnershipEventBody =
  | {
      type: 'PartnershipCreated';
      data: {
        partnershipId: string;
        name: string;
        description: string;
        coordinatorId: string;
        sponsorId: string;
        /** Every sponsor of the organization network: the top of the escalation ladder. */
        steeringGroupIds: string[];
        organizationIds: string[];
        policy: PartnershipPolicy;
      };
    }
  | { type: 'GoalsRecorded'; data: { goals: Goal[]; scope: string } }
  | { type: 'PrioritiesSubmitted'; data: Empty }
  | { type: 'PrioritiesApproved'; data: Empty }
  | { type: 'PrioritiesRejected'; data: { reason: string } }
  | { type: 'StageAdvanced'; data: { from: Stage; to: Stage; reason?: string } }
  | { type: 'TaskOpened'; data: { task: RecordedTask } }
  | { type: 'TaskCompleted'; data: { taskId: string; decision: TaskDecision; comment: string | null } }
  | { type: 'TaskCancelled'; data: { taskId: string; reason: string } }
  | { type: 'TaskDueDateMoved'; data: { taskId: string; from: string; to: string; /** Absent on moves recorded before reasons were asked for. */ reason?: string } }
  | { type: 'ReminderSent'; data: { taskId: string; reminder: number; recipients: Recipient[] } }
  | { type: 'TaskEscalated'; data: { taskId: string; level: number; recipients: Recipient[] } }
  | { type: 'StakeholderAdded'; data: { stakeholder: Stakeholder } }
  | { type: 'ListeningSessionRecorded'; data: { session: ListeningSession } }
  | { type: 'AlignmentScored'; data: { organizationId: string; scores: Record<string, number> } }
  | {
      type: 'SignoffOpened';
      data: {
        subject: SignoffSubject;
        rule: DecisionRule;
        eligible: string[];
        /** agreement_or_vote: when the round falls to a vote without agreement. */
        voteAt?: string;
        /** A CHANGE round: what the coordinator proposes, and why. */
        proposal?: ChangeProposal;
      };
    }
  | { type: 'SignoffVoteCalled'; data: { subject: SignoffSubject; by: VoteCause } }
  /** The term the next agreement version carries (null: open-ended). */
  | { type: 'AgreementTermSet'; data: { term: AgreementTerm | null } }
  | { type: 'ConflictRaised'; data: { conflict: Pick<Conflict, 'id' | 'title' | 'description' | 'organizationIds' | 'severity'> } }
  | { type: 'ConflictStepPassed'; data: { conflictId: string; from: ConflictStep; to: ConflictStep; note: string } }
  | { type: 'ConflictResolved'; data: { conflictId: string; resolution: string } }
  /** The communication plan in force sets the next check-in (null: none is planned any more). */
  | { type: 'CheckInScheduled'; data: { at: string | null } }
  /** A check-in of the plan fell due: the coordinator's task to record it is `taskId`; `nextAt` the one after. */
  | { type: 'CheckInFellDue'; data: { number: number; plannedAt: string; cycle: number; taskId: string; nextAt: string } }
  | {
      type: 'CheckInRecorded';
      data: { number: number; heldOn: string; attendees: string[]; notes: string; actions: Pick<CheckInAction, 'id' | 'description' | 'ownerId' | 'dueOn'>[] };
    }
  | { type: 'CheckInActionDone'; data: { actionId: string; note: string | null } }
  | { type: 'AgreementExpiryReminderSent'; data: { reminder: number; endsAt: string; recipients: Recipient[] } }
  | { type: 'AgreementExpired'; data: { endsAt: string } }
  | { type: 'SignoffExtended'; data: { subject: SignoffSubject; organizationId: string } }
  | { type: 'SignoffGiven'; data: { subject: SignoffSubject; organizationId: string; userId: string } }
  | { type: 'SignoffRefused'; data: { subject: SignoffSubject; organizationId: string; userId: string; reason: string } }
  | { type: 'SignoffCompleted'; data: { subject: SignoffSubject; outcome: 'approved' | 'rejected'; /** Absent on rounds decided before it was recorded. */ decidedBy?: 'agreement' | 'vote' } }
  | { type: 'RolesDefined'; data: { roles: RoleAssignment[] } }
  | { type: 'ResourcesCommitted'; data: { resources: CommittedResource[] } }
  | { type: 'ManagementModelChosen'; data: { model: ManagementModel } }
  | { type: 'GovernanceSet'; data: { governance: Governance } }
  | { type: 'ConflictProcessSet'; data: { process: string } }
  | { type: 'TerminationTermsSet'; data: { options: TerminationOption[]; noticePeriod: string } }
  | { type: 'KpiDefined'; data: { kpi: Kpi } }
  /**
   * In MEASUREMENT, once an agreement is in force: the roles or a KPI as the next agreement version
   * would carry them. Nothing changes until the partners adopt that version; `sinceVersion` is the
   * version in force when the change was drafted.
   */
  | { type: 'RolesDrafted'; data: { roles: RoleAssignment[]; sinceVersion: number } }
  | { type: 'KpiDrafted'; data: { kpi: Kpi; sinceVersion: number } }
  /** `draftSince`: the version carries the KPI and role changes drafted since that version (absent when it carries none). */
  | { type: 'AgreementIssued'; data: { version: number; content: AgreementContent; draftSince?: number } }
  | { type: 'AgreementSigned'; data: { version: number; organizationId: string; userId: string } }
  | { type: 'AgreementAdopted'; data: { version: number } }
  | { type: 'ReviewScheduled'; data: { cycle: number; reviewAt: string; pulseAt: string | null } }
  | { type: 'ReviewCycleOpened'; data: { cycle: number } }
  | { type: 'HealthPulseOpened'; data: { cycle: number; nextPulseAt?: string | null } }
  | { type: 'MeasurementRecorded'; data: { measurement: Measurement } }
  /** When each KPI reported between reviews next falls due (KPI id → instant); replaces the schedule, `{}` ends it. */
  | { type: 'KpiReportsScheduled'; data: { at: Record<string, string> } }
  /** KPIs fell due on their cadence: their owner organization's report task is `taskId`. */
  | { type: 'KpiReportFellDue'; data: KpiReport }
  | { type: 'HealthCheckRecorded'; data: { check: HealthCheck } }
  | { type: 'GoalAttainmentScored'; data: { cycle: number; scores: Record<string, number> } }
  | { type: 'ReviewDecided'; data: { cycle: number; outcome: ReviewOutcome } }
  | { type: 'TerminationProposed'; data: { option: TerminationOption; reason: string; fromStage: Stage } }
  | { type: 'TerminationApproved'; data: Empty }
  | { type: 'TerminationRejected'; data: { reason: string; backTo: Stage } }
  /** An approved exit or hand-over that takes effect when the agreed notice period has run. */
  | { type: 'TerminationScheduled'; data: { option: TerminationOption; noticePeriod: string; effectiveAt: string } }
  | { type: 'TerminationNoticeReminderSent'; data: { reminder: number; effectiveAt: string; recipients: Recipient[] } }
  | { type: 'TerminationDecided'; data: { option: TerminationOption } }
  | { type: 'PartnershipRenewed'; data: { generation: number } }
  | { type: 'PartnershipClosed'; data: Empty }
  | { type: 'PartnershipPutOnHold'; data: { reason: string } }
  | { type: 'PartnershipResumed'; data: { heldForMs: number } }
  | { type: 'OrganizationJoined'; data: { organizationId: string } }
  /** The public holidays the deadlines of these organizations' tasks skip from now on, as the API computed them (null: weekends only). */
  | { type: 'HolidayCalendarsSet'; data: { calendars: HolidayCalendars } }
  | { type: 'OrganizationLeft'; data: { organizationId: string; reassignTo: string | null } };

export type PartnershipEventType = PartnershipEventBody['type'];

/** Written as a record so the compiler refuses a missing or unknown type; the order is the method's. */
const EVENT_TYPE_SET: Record<PartnershipEventType, true> = {
  PartnershipCreated: true,
  GoalsRecorded: true,
  PrioritiesSubmitted: true,
  PrioritiesApproved: true,
  PrioritiesRejected: true,
  StageAdvanced: true,
  TaskOpened: true,
  TaskCompleted: true,
  TaskCancelled: true,
  TaskDueDateMoved: true,
  ReminderSent: true,
  TaskEscalated: true,
  StakeholderAdded: true,
  ListeningSessionRecorded: true,
  AlignmentScored: true,
  SignoffOpened: true,
  SignoffExtended: true,
  SignoffGiven: true,
  SignoffRefused: true,
  SignoffVoteCalled: true,
  AgreementTermSet: true,
  ConflictRaised: true,
  ConflictStepPassed: true,
  ConflictResolved: true,
  CheckInScheduled: true,
  CheckInFellDue: true,
  CheckInRecorded: true,
  CheckInActionDone: true,
  AgreementExpiryReminderSent: true,
  AgreementExpired: true,
  SignoffCompleted: true,
  RolesDefined: true,
  ResourcesCommitted: true,
  ManagementModelChosen: true,
  GovernanceSet: true,
  ConflictProcessSet: true,
  TerminationTermsSet: true,
  KpiDefined: true,
  RolesDrafted: true,
  KpiDrafted: true,
  AgreementIssued: true,
  AgreementSigned: true,
  AgreementAdopted: true,
  ReviewScheduled: true,
  ReviewCycleOpened: true,
  HealthPulseOpened: true,
  MeasurementRecorded: true,
  KpiReportsScheduled: true,
  KpiReportFellDue: true,
  HealthCheckRecorded: true,
  GoalAttainmentScored: true,
  ReviewDecided: true,
  TerminationProposed: true,
  TerminationApproved: true,
  TerminationRejected: true,
  TerminationScheduled: true,
  TerminationNoticeReminderSent: true,
  TerminationDecided: true,
  PartnershipRenewed: true,
  PartnershipClosed: true,
  PartnershipPutOnHold: true,
  PartnershipResumed: true,
  OrganizationJoined: true,
  OrganizationLeft: true,
  HolidayCalendarsSet: true,
};

/** Every type of event, for filters that offer them as choices. */
export const PARTNERSHIP_EVENT_TYPES = Object.keys(EVENT_TYPE_SET) as PartnershipEventType[];

/** An event as the decider emits it: what happened, when and by whom. */
export type PartnershipEvent = PartnershipEventBody & { at: string; actor: Actor };

/** What one partnership's timeline can be narrowed to (GET /api/partnerships/:id/event-facets), counted over its whole log. */
export interface EventFacets {
  /** `actorId` as the events carry it ("system" for the timers), with the name the event list gives it. */
  actors: { actorId: string; actorName: string; events: number }[];
  types: { type: PartnershipEventType; events: number }[];
}
