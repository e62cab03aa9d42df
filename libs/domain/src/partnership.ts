/**
 * The partnership aggregate's state and the pure fold from events to state. The workflow, the
 * projector and the audit replay all use this one `evolve`.
 */
import type { ChangeProposal, DecisionRule, PartnershipEvent, SignoffSubject } from './events.js';
import type { HolidayCalendars } from './calendar.js';
import { durationMs } from './duration.js';
import type {
  Agreement,
  AgreementTerm,
  CheckIn,
  CommittedResource,
  Conflict,
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
import type { PartnershipPolicy } from './policy.js';
import { upgradeTask, type OpenTask } from './tasks.js';

export type PrioritiesStatus = 'DRAFTING' | 'SUBMITTED' | 'APPROVED';

export interface SignoffRound {
  subject: SignoffSubject;
  rule: DecisionRule;
  eligible: string[];
  approvals: Record<string, { userId: string; at: string }>;
  refusals: Record<string, { userId: string; at: string; reason: string }>;
  /** agreement_or_vote: when the round falls to a vote unless agreed before. */
  voteAt?: string;
  /** agreement_or_vote: the vote has been called; a majority now decides. */
  voting?: boolean;
  /** A CHANGE round: what is proposed, why, by whom and when. */
  proposal?: ChangeProposal & { proposedBy: string; proposedAt: string };
}

export interface TerminationProposal {
  option: TerminationOption;
  reason: string;
  fromStage: Stage;
  approved: boolean;
  /** Who proposed it and when (null in state carried over from before they were kept). */
  proposedBy: string | null;
  proposedAt: string | null;
  /** When an approved exit or hand-over takes effect, once its notice period runs (null until then, and without notice). */
  effectiveAt: string | null;
  /** When the notice began to run (the approval that scheduled the effect). */
  scheduledAt: string | null;
  /** How many reminders of the coming effect were sent. */
  noticeRemindersSent: number;
}

/**
 * The roles and KPIs the next agreement version would carry, changed in MEASUREMENT while a version
 * is in force: a draft until the partners adopt a version that carries it (`roles` and `kpis` stay
 * those in force, and measured, meanwhile). A refused version leaves the draft as it was.
 */
export interface NextVersionDraft {
  /** The version in force when the change was first drafted: the draft lists the changes since it. */
  sinceVersion: number;
  roles: RoleAssignment[];
  kpis: Kpi[];
  changedAt: string;
}

/** What the agreement in force settled that the engine acts on; null until an agreement is adopted. */
export interface AgreedTerms {
  governance: Governance;
  noticePeriod: string;
}

export interface Partnership {
  id: string;
  name: string;
  description: string;
  stage: Stage;
  coordinatorId: string;
  sponsorId: string;
  steeringGroupIds: string[];
  organizationIds: string[];
  policy: PartnershipPolicy;
  /** 0 for the first run of the method; renew starts the next generation. */
  generation: number;
  goals: Goal[];
  scope: string;
  prioritiesStatus: PrioritiesStatus;
  lastRejectionReason: string | null;
  stakeholders: Stakeholder[];
  listeningSessions: ListeningSession[];
  /** Organization id → goal rank → 0..3. */
  alignment: Record<string, Record<string, number>>;
  /** The roles in force: those of the adopted agreement (before any, the ones being assembled). */
  roles: RoleAssignment[];
  resources: CommittedResource[];
  managementModel: ManagementModel | null;
  governance: Governance | null;
  conflictProcess: string;
  terminationOptions: TerminationOption[];
  noticePeriod: string | null;
  /** The term the next agreement version carries (set in ROLE_IDENTIFICATION, or for a new version). */
  agreementTerm: AgreementTerm | null;
  /** When the adopted agreement's term ends; null while none is in force or it is open-ended. */
  termEndsAt: string | null;
  /** Expiry reminders sent for the term in force. */
  expiryRemindersSent: number;
  /** The adopted agreement's term has ended without a decision. */
  termExpired: boolean;
  /** The conflict register: every conflict raised, open or resolved. */
  conflicts: Conflict[];
  /** The check-ins of the communication plan in force, each from when it fell due. */
  checkIns: CheckIn[];
  /** When the next check-in falls due; null without a plan in force. */
  nextCheckInAt: string | null;
  /** From the adopted agreement: stays in force while a later version is being signed. */
  agreedTerms: AgreedTerms | null;
  /** The version in force (the last adopted); null before the first adoption. */
  agreedVersion: number | null;
  /** KPI and role changes awaiting a new signed agreement version (see NextVersionDraft). */
  draft: NextVersionDraft | null;
  /** The KPIs in force: those of the adopted agreement (in runs before agreed changes, the last defined). */
  kpis: Kpi[];
  measurements: Measurement[];
  /**
   * KPI id → when it next falls due between reviews, for the KPIs whose cadence is shorter than the
   * review cycle; empty otherwise, and in runs from before KPIs were reported on their cadence.
   */
  nextKpiReportAt: Record<string, string>;
  /** The between-review KPI reports whose tasks are open (and those settled since the last fell due). */
  kpiReports: KpiReport[];
  healthChecks: HealthCheck[];
  goalAttainment: { cycle: number; scores: Record<string, number> }[];
  reviews: { cycle: number; outcome: ReviewOutcome; at: string }[];
  agreement: Agreement | null;
  signoff: SignoffRound | null;
  /** The review cycle in progress or last opened (0 before the first). */
  cycle: number;
  nextReviewAt: string | null;
  nextPulseAt: string | null;
  termination: TerminationProposal | null;
  hold: { since: string; reason: string } | null;
  openTasks: OpenTask[];
  createdAt: string;
  updatedAt: string;
  /** How many events have been folded into this state; the next event's sequence is version + 1. */
  version: number;
  /**
   * Organization id → the public holidays its tasks' deadlines skip (HolidayCalendarsSet). Absent in
   * runs recorded before calendars, and for organizations without a country: weekends only.
   */
  holidayCalendars?: HolidayCalendars;
}

export type ActivePartnership = { status: 'active' } & Partnership;
export type PartnershipState = { status: 'absent'; version: 0 } | ActivePartnership;

export const initialState = (): PartnershipState => ({ status: 'absent', version: 0 });

export function evolve(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  if (event.type === 'PartnershipCreated') {
    const { partnershipId, ...data } = event.data;
    return {
      status: 'active',
      id: partnershipId,
      ...data,
      organizationIds: [...data.organizationIds],
      stage: 'PRIORITY_SETTING',
      generation: 0,
      ...freshMethodState(),
      openTasks: [],
      hold: null,
      createdAt: event.at,
      updatedAt: event.at,
      version: state.version + 1,
    };
  }
  if (state.status !== 'active') return state;
  const next: ActivePartnership = { ...state, updatedAt: event.at, version: state.version + 1 };
  return apply(next, event);
}

/** What a new run of the method starts from (creation and renew). */
function freshMethodState() {
  return {
    goals: [] as Goal[],
    scope: '',
    prioritiesStatus: 'DRAFTING' as PrioritiesStatus,
    lastRejectionReason: null,
    stakeholders: [] as Stakeholder[],
    listeningSessions: [] as ListeningSession[],
    alignment: {},
    roles: [] as RoleAssignment[],
    resources: [] as CommittedResource[],
    managementModel: null,
    governance: null,
    conflictProcess: '',
    terminationOptions: [] as TerminationOption[],
    noticePeriod: null,
    agreementTerm: null,
    termEndsAt: null,
    expiryRemindersSent: 0,
    termExpired: false,
    conflicts: [] as Conflict[],
    checkIns: [] as CheckIn[],
    nextCheckInAt: null,
    agreedTerms: null,
    agreedVersion: null,
    draft: null,
    kpis: [] as Kpi[],
    measurements: [] as Measurement[],
    nextKpiReportAt: {} as Record<string, string>,
    kpiReports: [] as KpiReport[],
    healthChecks: [] as HealthCheck[],
    goalAttainment: [],
    reviews: [],
    agreement: null,
    signoff: null,
    cycle: 0,
    nextReviewAt: null,
    nextPulseAt: null,
    termination: null,
  } satisfies Partial<Partnership>;
}

function apply(state: ActivePartnership, event: PartnershipEvent): ActivePartnership {
  switch (event.type) {
    case 'PartnershipCreated':
      return state;
    case 'GoalsRecorded':
      return { ...state, goals: event.data.goals, scope: event.data.scope };
    case 'PrioritiesSubmitted':
      return { ...state, prioritiesStatus: 'SUBMITTED' };
    case 'PrioritiesApproved':
      return { ...state, prioritiesStatus: 'APPROVED', lastRejectionReason: null };
    case 'PrioritiesRejected':
      return { ...state, prioritiesStatus: 'DRAFTING', lastRejectionReason: event.data.reason };
    case 'StageAdvanced': {
      const reopensPriorities = event.data.to === 'PRIORITY_SETTING';
      // Back to drafting (a revisit, a restructure) the draft becomes the working copy the next version is
      // assembled from. Through TERMINATION it stays a draft: a refused termination returns to MEASUREMENT
      // with the version in force, which nobody has signed the draft into.
      const redrafting = event.data.to === 'PRIORITY_SETTING' || event.data.to === 'ROLE_IDENTIFICATION';
      const draft = state.draft && redrafting ? { roles: state.draft.roles, kpis: state.draft.kpis, draft: null } : {};
      return { ...state, stage: event.data.to, ...draft, ...(reopensPriorities ? { prioritiesStatus: 'DRAFTING' as const } : {}) };
    }
    case 'TaskOpened':
      return { ...state, openTasks: [...state.openTasks, { ...upgradeTask(event.data.task), remindersSent: 0, escalationLevel: 0 }] };
    case 'TaskCompleted':
      return { ...state, openTasks: state.openTasks.filter((task) => task.id !== event.data.taskId) };
    case 'TaskCancelled':
      return {
        ...state,
        ...withdrawCheckInWork(state, event.data.taskId, event.at),
        openTasks: state.openTasks.filter((task) => task.id !== event.data.taskId),
      };
    case 'TaskDueDateMoved':
      return { ...state, openTasks: mapTask(state.openTasks, event.data.taskId, () => ({ dueAt: event.data.to, remindersSent: 0, escalationLevel: 0 })) };
    case 'ReminderSent':
      return { ...state, openTasks: mapTask(state.openTasks, event.data.taskId, () => ({ remindersSent: event.data.reminder })) };
    case 'TaskEscalated':
      return { ...state, openTasks: mapTask(state.openTasks, event.data.taskId, () => ({ escalationLevel: event.data.level })) };
    case 'StakeholderAdded':
      return { ...state, stakeholders: [...state.stakeholders, event.data.stakeholder] };
    case 'ListeningSessionRecorded':
      return { ...state, listeningSessions: [...state.listeningSessions, event.data.session] };
    case 'AlignmentScored':
      return { ...state, alignment: { ...state.alignment, [event.data.organizationId]: event.data.scores } };
    case 'SignoffOpened': {
      const { proposal, ...round } = event.data;
      return { ...state, signoff: { ...round, approvals: {}, refusals: {}, ...(proposal ? { proposal: { ...proposal, proposedBy: event.actor.userId, proposedAt: event.at } } : {}) } };
    }
    case 'SignoffExtended':
      return state.signoff ? { ...state, signoff: { ...state.signoff, eligible: [...state.signoff.eligible, event.data.organizationId] } } : state;
    case 'SignoffGiven':
      return state.signoff
        ? { ...state, signoff: { ...state.signoff, approvals: { ...state.signoff.approvals, [event.data.organizationId]: { userId: event.data.userId, at: event.at } } } }
        : state;
    case 'SignoffRefused':
      return state.signoff
        ? {
            ...state,
            signoff: {
              ...state.signoff,
              refusals: { ...state.signoff.refusals, [event.data.organizationId]: { userId: event.data.userId, at: event.at, reason: event.data.reason } },
            },
          }
        : state;
    case 'SignoffVoteCalled':
      return state.signoff ? { ...state, signoff: { ...state.signoff, voting: true } } : state;
    case 'SignoffCompleted':
      return { ...state, signoff: null };
    case 'RolesDefined':
      return { ...state, roles: event.data.roles };
    case 'ResourcesCommitted':
      return { ...state, resources: event.data.resources };
    case 'ManagementModelChosen':
      return { ...state, managementModel: event.data.model };
    case 'GovernanceSet':
      return { ...state, governance: event.data.governance };
    case 'ConflictProcessSet':
      return { ...state, conflictProcess: event.data.process };
    case 'ConflictRaised':
      return {
        ...state,
        conflicts: [
          ...state.conflicts,
          { ...event.data.conflict, raisedBy: event.actor.userId, raisedAt: event.at, step: 'direct_discussion', status: 'open', steps: [], resolution: null, resolvedAt: null },
        ],
      };
    case 'ConflictStepPassed':
      return {
        ...state,
        conflicts: state.conflicts.map((conflict) =>
          conflict.id === event.data.conflictId ? { ...conflict, step: event.data.to, steps: [...conflict.steps, { step: event.data.from, note: event.data.note, by: event.actor.userId, at: event.at }] } : conflict,
        ),
      };
    case 'ConflictResolved':
      return {
        ...state,
        conflicts: state.conflicts.map((conflict) => (conflict.id === event.data.conflictId ? { ...conflict, status: 'resolved', resolution: event.data.resolution, resolvedAt: event.at } : conflict)),
      };
    case 'CheckInScheduled':
      return { ...state, nextCheckInAt: event.data.at };
    case 'CheckInFellDue': {
      const { nextAt, ...due } = event.data;
      const checkIn: CheckIn = { ...due, status: 'planned', heldOn: null, attendees: [], notes: '', actions: [], recordedBy: null, recordedAt: null };
      return { ...state, nextCheckInAt: nextAt, checkIns: [...state.checkIns, checkIn] };
    }
    case 'CheckInRecorded': {
      const { number, actions, ...held } = event.data;
      return {
        ...state,
        checkIns: state.checkIns.map((checkIn) =>
          checkIn.number === number
            ? { ...checkIn, ...held, status: 'held', actions: actions.map((action) => ({ ...action, status: 'open', note: null, doneAt: null })), recordedBy: event.actor.userId, recordedAt: event.at }
            : checkIn,
        ),
      };
    }
    case 'CheckInActionDone':
      return {
        ...state,
        checkIns: state.checkIns.map((checkIn) => ({
          ...checkIn,
          actions: checkIn.actions.map((action) => (action.id === event.data.actionId ? { ...action, status: 'done', note: event.data.note, doneAt: event.at } : action)),
        })),
      };
    case 'AgreementTermSet':
      return { ...state, agreementTerm: event.data.term };
    case 'AgreementExpiryReminderSent':
      return { ...state, expiryRemindersSent: event.data.reminder };
    case 'AgreementExpired':
      return { ...state, termExpired: true };
    case 'TerminationTermsSet':
      return { ...state, terminationOptions: event.data.options, noticePeriod: event.data.noticePeriod };
    case 'KpiDefined':
      return { ...state, kpis: withKpi(state.kpis, event.data.kpi) };
    case 'KpiDrafted': {
      const draft = state.draft ?? newDraft(state, event.data.sinceVersion);
      return { ...state, draft: { ...draft, kpis: replacingKpi(draft.kpis, event.data.kpi), changedAt: event.at } };
    }
    case 'RolesDrafted':
      return { ...state, draft: { ...(state.draft ?? newDraft(state, event.data.sinceVersion)), roles: event.data.roles, changedAt: event.at } };
    case 'AgreementIssued':
      return { ...state, agreement: { version: event.data.version, issuedAt: event.at, content: event.data.content, signatures: {}, adopted: false } };
    case 'AgreementSigned':
      return state.agreement && state.agreement.version === event.data.version
        ? { ...state, agreement: { ...state.agreement, signatures: { ...state.agreement.signatures, [event.data.organizationId]: { userId: event.data.userId, at: event.at } } } }
        : state;
    case 'AgreementAdopted':
      return state.agreement
        ? {
            ...state,
            agreement: { ...state.agreement, adopted: true },
            agreedVersion: state.agreement.version,
            // The version carries the draft (no change is drafted while it is signed): its roles and KPIs take effect.
            ...(state.draft ? { roles: state.agreement.content.roles, kpis: state.agreement.content.kpis, draft: null } : {}),
            agreedTerms: { governance: state.agreement.content.governance, noticePeriod: state.agreement.content.noticePeriod },
            // A new version starts its own term from its adoption (an open-ended one ends none).
            termEndsAt: state.agreement.content.term ? new Date(Date.parse(event.at) + durationMs(state.agreement.content.term.duration)).toISOString() : null,
            expiryRemindersSent: 0,
            termExpired: false,
          }
        : state;
    case 'ReviewScheduled':
      return { ...state, nextReviewAt: event.data.reviewAt, nextPulseAt: event.data.pulseAt };
    case 'ReviewCycleOpened':
      return { ...state, cycle: event.data.cycle, nextReviewAt: null };
    case 'HealthPulseOpened':
      return { ...state, nextPulseAt: event.data.nextPulseAt ?? null };
    case 'MeasurementRecorded':
      return { ...state, measurements: [...state.measurements, event.data.measurement] };
    case 'KpiReportsScheduled':
      return { ...state, nextKpiReportAt: event.data.at };
    case 'KpiReportFellDue':
      // Reports whose tasks are done or withdrawn are let go here (not on completion, which still reads its report).
      return { ...state, kpiReports: [...(state.kpiReports ?? []).filter((report) => state.openTasks.some((task) => task.id === report.taskId)), event.data] };
    case 'HealthCheckRecorded':
      return { ...state, healthChecks: [...state.healthChecks, event.data.check] };
    case 'GoalAttainmentScored':
      return { ...state, goalAttainment: [...state.goalAttainment, event.data] };
    case 'ReviewDecided':
      return { ...state, reviews: [...state.reviews, { cycle: event.data.cycle, outcome: event.data.outcome, at: event.at }] };
    case 'TerminationProposed':
      return { ...state, termination: { ...event.data, approved: false, proposedBy: event.actor.userId, proposedAt: event.at, effectiveAt: null, scheduledAt: null, noticeRemindersSent: 0 } };
    case 'TerminationApproved':
      return state.termination ? { ...state, termination: { ...state.termination, approved: true } } : state;
    case 'TerminationScheduled':
      return state.termination ? { ...state, termination: { ...state.termination, approved: true, effectiveAt: event.data.effectiveAt, scheduledAt: event.at, noticeRemindersSent: 0 } } : state;
    case 'TerminationNoticeReminderSent':
      return state.termination ? { ...state, termination: { ...state.termination, noticeRemindersSent: event.data.reminder } } : state;
    case 'TerminationRejected':
      return { ...state, termination: null };
    case 'TerminationDecided':
      return { ...state, termination: null };
    case 'PartnershipRenewed':
      return { ...state, ...freshMethodState(), generation: event.data.generation, stage: 'PRIORITY_SETTING' };
    case 'PartnershipClosed':
      return { ...state, stage: 'CLOSED', nextReviewAt: null, nextPulseAt: null };
    case 'PartnershipPutOnHold':
      return { ...state, hold: { since: event.at, reason: event.data.reason } };
    case 'PartnershipResumed':
      return { ...state, hold: null, ...shiftTimers(state, event.data.heldForMs) };
    case 'OrganizationJoined':
      return { ...state, organizationIds: [...state.organizationIds, event.data.organizationId] };
    case 'OrganizationLeft':
      return leave(state, event.data.organizationId, event.data.reassignTo);
    case 'HolidayCalendarsSet':
      return { ...state, holidayCalendars: { ...state.holidayCalendars, ...event.data.calendars } };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * A check-in's task withdrawn before it fell overdue leaves the check-in neither held nor missed; one
 * withdrawn overdue stays missed. An action's task withdrawn leaves the action cancelled.
 */
function withdrawCheckInWork(state: ActivePartnership, taskId: string, at: string): Partial<Partnership> {
  const task = state.openTasks.find((open) => open.id === taskId);
  if (task?.kind === 'RECORD_CHECK_IN' && Date.parse(at) <= Date.parse(task.dueAt)) {
    return { checkIns: state.checkIns.map((checkIn) => (checkIn.taskId === taskId && checkIn.status === 'planned' ? { ...checkIn, status: 'cancelled' } : checkIn)) };
  }
  if (task?.kind === 'CHECK_IN_ACTION') {
    return {
      checkIns: state.checkIns.map((checkIn) => ({
        ...checkIn,
        actions: checkIn.actions.map((action) => (action.id === task.detail && action.status === 'open' ? { ...action, status: 'cancelled' } : action)),
      })),
    };
  }
  return {};
}

function mapTask(tasks: OpenTask[], taskId: string, change: (task: OpenTask) => Partial<OpenTask>): OpenTask[] {
  return tasks.map((task) => (task.id === taskId ? { ...task, ...change(task) } : task));
}

const later = (iso: string | null, ms: number) => (iso === null ? null : new Date(Date.parse(iso) + ms).toISOString());

/** Resuming from hold moves every pending deadline by the time spent on hold. */
function shiftTimers(state: ActivePartnership, heldForMs: number): Partial<Partnership> {
  return {
    openTasks: state.openTasks.map((task) => ({ ...task, openedAt: later(task.openedAt, heldForMs)!, dueAt: later(task.dueAt, heldForMs)! })),
    nextReviewAt: later(state.nextReviewAt, heldForMs),
    nextPulseAt: later(state.nextPulseAt, heldForMs),
    nextCheckInAt: later(state.nextCheckInAt, heldForMs),
    nextKpiReportAt: Object.fromEntries(Object.entries(state.nextKpiReportAt ?? {}).map(([kpiId, at]) => [kpiId, later(at, heldForMs)!])),
    ...(state.signoff?.voteAt ? { signoff: { ...state.signoff, voteAt: later(state.signoff.voteAt, heldForMs)! } } : {}),
  };
}

/** A KPI defined again moves last (as it always has: folding old logs must not change). */
const withKpi = (kpis: Kpi[], kpi: Kpi) => [...kpis.filter((candidate) => candidate.id !== kpi.id), kpi];
/** A drafted change keeps the KPI's place, so a version reads in the order its KPIs were agreed. */
const replacingKpi = (kpis: Kpi[], kpi: Kpi) => (kpis.some((candidate) => candidate.id === kpi.id) ? kpis.map((candidate) => (candidate.id === kpi.id ? kpi : candidate)) : [...kpis, kpi]);

const newDraft = (state: ActivePartnership, sinceVersion: number): NextVersionDraft => ({ sinceVersion, roles: state.roles, kpis: state.kpis, changedAt: state.updatedAt });

function leave(state: ActivePartnership, organizationId: string, reassignTo: string | null): ActivePartnership {
  const reassign = ({ roles, kpis }: { roles: RoleAssignment[]; kpis: Kpi[] }) => ({
    roles: roles.flatMap((role) => {
      if (role.organizationId !== organizationId) return [role];
      return reassignTo ? [{ ...role, organizationId: reassignTo }] : [];
    }),
    kpis: kpis.map((kpi) => (kpi.ownerOrganizationId === organizationId && reassignTo ? { ...kpi, ownerOrganizationId: reassignTo } : kpi)),
  });
  const signoff = state.signoff ? { ...state.signoff, eligible: state.signoff.eligible.filter((id) => id !== organizationId) } : null;
  const draft = state.draft ? { ...state.draft, ...reassign(state.draft) } : null;
  return { ...state, organizationIds: state.organizationIds.filter((id) => id !== organizationId), ...reassign(state), draft, signoff };
}

/**
 * State written by an older version of this code (a workflow's carried state, a stored projection)
 * in today's shape: every reader that did not fold it itself passes it through here.
 */
export function upgradeState<S extends PartnershipState>(state: S): S {
  if (state.status !== 'active') return state;
  const termination = state.termination
    ? {
        ...state.termination,
        proposedBy: state.termination.proposedBy ?? null,
        proposedAt: state.termination.proposedAt ?? null,
        effectiveAt: state.termination.effectiveAt ?? null,
        scheduledAt: state.termination.scheduledAt ?? null,
        noticeRemindersSent: state.termination.noticeRemindersSent ?? 0,
      }
    : null;
  const agreement = state.agreement;
  const agreedTerms =
    state.agreedTerms !== undefined ? state.agreedTerms : agreement?.adopted ? { governance: agreement.content.governance, noticePeriod: agreement.content.noticePeriod } : null;
  // Carried state from before agreed changes: the version in force is the adopted one, or the one before a version not adopted.
  const agreedVersion = state.agreedVersion !== undefined ? state.agreedVersion : agreement ? (agreement.adopted ? agreement.version : agreement.version - 1 || null) : null;
  return { ...state, openTasks: state.openTasks.map((task) => upgradeTask(task)), termination, agreedTerms, agreedVersion, draft: state.draft ?? null, agreementTerm: state.agreementTerm ?? null, termEndsAt: state.termEndsAt ?? null, expiryRemindersSent: state.expiryRemindersSent ?? 0, termExpired: state.termExpired ?? false, conflicts: state.conflicts ?? [], checkIns: state.checkIns ?? [], nextCheckInAt: state.nextCheckInAt ?? null, nextKpiReportAt: state.nextKpiReportAt ?? {}, kpiReports: state.kpiReports ?? [] };
}

export const fold = (events: readonly PartnershipEvent[], from: PartnershipState = initialState()) => events.reduce(evolve, from);
