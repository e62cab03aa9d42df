/**
 * What a person needs in view to decide a task, computed from the partnership's state: the
 * agreement they sign, the KPIs they report on, the measures a review decides on. The catalogue
 * names each kind's context; the API sends it with the task and the console's form renders it.
 */
import { latestMeasurement, partnershipMeasures, type KpiStatus, type PartnershipMeasures } from './measures.js';
import {
  HEALTH_DIMENSIONS,
  TERMINATION_OPTIONS,
  type Agreement,
  type AgreementTerm,
  type CheckIn,
  type CheckInAction,
  type CommunicationPlan,
  type Conflict,
  type Goal,
  type HealthCheck,
  type HealthDimension,
  type Kpi,
  type ListeningSession,
  type Stakeholder,
  type TerminationOption,
} from './model.js';
import type { ActivePartnership, SignoffRound, TerminationProposal } from './partnership.js';
import type { Task, TaskKind } from './tasks.js';
import { TASK_CATALOGUE, type Catalogue, type TaskContextKind } from './task-catalogue.js';
import { actionOf, actionOwnerIds, planInForce } from './rules/checkins.js';
import { kpiReportOf, kpisAskedBy, measuredKpis } from './rules/measurement.js';
import { signingChanges, type AgreedChanges } from './agreed-changes.js';

/** A sign-off round as its readers see it: who must answer, who approved or refused, and when. */
export type SignoffView = Pick<SignoffRound, 'rule' | 'eligible' | 'approvals' | 'refusals' | 'voteAt' | 'voting'>;

export interface PrioritiesContext {
  kind: 'priorities';
  goals: Goal[];
  scope: string;
  lastRejectionReason: string | null;
}

export interface ListeningContext {
  kind: 'listening';
  organizationIds: string[];
  goals: Goal[];
  stakeholders: Stakeholder[];
  sessions: ListeningSession[];
  /** Organization id → goal rank → 0..3. */
  alignment: Record<string, Record<string, number>>;
  round: SignoffView | null;
}

export interface AgreementContext {
  kind: 'agreement';
  /** The organization signs the agreement in force to join, outside any round. */
  joining: boolean;
  agreement: Agreement | null;
  round: SignoffView | null;
  /** A new version while one is in force: what it changes in the KPIs and roles in force (null otherwise). */
  changes: AgreedChanges | null;
}

export interface ChangeContext {
  kind: 'change';
  /** What the coordinator proposed, why, by whom and when; null once the round is decided. */
  proposal: SignoffRound['proposal'] | null;
  goals: Goal[];
  organizationIds: string[];
  /** Organization id → goal rank → 0..3. */
  alignment: Record<string, Record<string, number>>;
  round: SignoffView | null;
}

export interface MeasurementContextKpi extends Pick<Kpi, 'id' | 'name' | 'unit' | 'baseline' | 'target' | 'direction' | 'goalRank' | 'cadence'> {
  lastValue: number | null;
  lastCycle: number | null;
  /** When the last value was due, if it was reported between reviews. */
  lastPlannedAt: string | null;
}

export interface MeasurementContext {
  kind: 'measurement';
  cycle: number | null;
  /** A report between reviews: when its KPIs fell due by their cadence (null for a review cycle's report). */
  plannedAt: string | null;
  /** The KPIs the task asks for, each to be reported: a review cycle's, every KPI the organization owns; a report between reviews, those due. */
  kpis: MeasurementContextKpi[];
}

export interface HealthCheckContext {
  kind: 'healthCheck';
  cycle: number | null;
  /** A pulse between reviews rather than a review cycle's check. */
  pulse: boolean;
  dimensions: readonly HealthDimension[];
  /** The organization's previous answer, if any. */
  previous: HealthCheck | null;
}

export type ReviewContextKpi = Pick<Kpi, 'id' | 'name' | 'unit' | 'baseline' | 'target' | 'direction' | 'ownerOrganizationId' | 'goalRank'> &
  Omit<KpiStatus, 'kpiId'>;

export interface ReviewContext {
  kind: 'review';
  cycle: number | null;
  /** The goals to score −2…+2. */
  goals: Goal[];
  kpis: ReviewContextKpi[];
  /** This cycle's health checks, one per organization that answered. */
  healthChecks: HealthCheck[];
  measures: PartnershipMeasures;
  /** What a proposed termination may choose (every option when none were agreed). */
  terminationOptions: TerminationOption[];
  /** Conflicts still open: the review decides with them in view. */
  openConflicts: Conflict[];
}

export interface TerminationContext {
  kind: 'termination';
  proposal: TerminationProposal | null;
  noticePeriod: string | null;
  round: SignoffView | null;
}

export interface ConflictContext {
  kind: 'conflict';
  conflict: Conflict | null;
  /** The agreed conflict process in words. */
  conflictProcess: string;
}

export interface CheckInContext {
  kind: 'checkIn';
  /** The check-in to record; null once it is no longer planned. */
  checkIn: CheckIn | null;
  plan: CommunicationPlan | null;
  /** Organization id → its point of contact, for the organizations of the plan. */
  pointsOfContact: Record<string, string>;
  /** Who may own an action: the coordinator, the sponsor, the steering group, the points of contact. */
  actionOwnerIds: string[];
  /** Actions of earlier check-ins still open, to follow up. */
  openActions: CheckInAction[];
}

export interface CheckInActionContext {
  kind: 'checkInAction';
  action: CheckInAction | null;
  /** The check-in it was agreed at: when, who attended, the notes. */
  checkIn: Pick<CheckIn, 'number' | 'heldOn' | 'attendees' | 'notes'> | null;
}

export interface ExpiryContext {
  kind: 'expiry';
  /** When the adopted agreement's term ends. */
  endsAt: string | null;
  term: AgreementTerm | null;
  /** What the agreement lets the partners choose, and how long an exit's notice runs. */
  terminationOptions: TerminationOption[];
  noticePeriod: string | null;
}

export interface WindDownContext {
  kind: 'windDown';
  /** The wind-down step to confirm. */
  item: string | null;
}

export type TaskContext =
  | PrioritiesContext
  | ListeningContext
  | AgreementContext
  | ChangeContext
  | MeasurementContext
  | HealthCheckContext
  | ReviewContext
  | TerminationContext
  | WindDownContext
  | ExpiryContext
  | ConflictContext
  | CheckInContext
  | CheckInActionContext;
export type TaskContextOfKind<C extends TaskContextKind> = Extract<TaskContext, { kind: C }>;
/** The context the API sends with a task of kind K. */
export type TaskContextOf<K extends TaskKind> = TaskContextOfKind<Catalogue[K]['context']>;
// Every context shape is one the catalogue names; CONTEXT_BUILDERS below needs a builder for each name.
const everyShapeNamed: TaskContext['kind'] extends TaskContextKind ? true : never = true;
void everyShapeNamed;

type Builder<C extends TaskContextKind> = (state: ActivePartnership, task: Task, now: Date) => TaskContextOfKind<C>;

const roundOf = (state: ActivePartnership, subject: SignoffRound['subject']): SignoffView | null => {
  const round = state.signoff;
  return round && round.subject === subject ? { rule: round.rule, eligible: round.eligible, approvals: round.approvals, refusals: round.refusals, voteAt: round.voteAt, voting: round.voting } : null;
};

const assignedOrganization = (task: Task): string | null => (task.assignee.kind === 'organization' ? task.assignee.organizationId : null);

const CONTEXT_BUILDERS: { [C in TaskContextKind]: Builder<C> } = {
  priorities: (state) => ({ kind: 'priorities', goals: state.goals, scope: state.scope, lastRejectionReason: state.lastRejectionReason }),
  listening: (state) => ({
    kind: 'listening',
    organizationIds: state.organizationIds,
    goals: state.goals,
    stakeholders: state.stakeholders,
    sessions: state.listeningSessions,
    alignment: state.alignment,
    round: roundOf(state, 'LISTENING'),
  }),
  agreement: (state, task) => ({
    kind: 'agreement',
    joining: task.purpose === 'joining',
    agreement: state.agreement,
    round: roundOf(state, 'AGREEMENT'),
    changes: task.purpose === 'joining' ? null : signingChanges(state),
  }),
  change: (state) => ({
    kind: 'change',
    proposal: state.signoff?.subject === 'CHANGE' ? (state.signoff.proposal ?? null) : null,
    goals: state.goals,
    organizationIds: state.organizationIds,
    alignment: state.alignment,
    round: roundOf(state, 'CHANGE'),
  }),
  measurement: (state, task) => ({
    kind: 'measurement',
    cycle: task.cycle,
    plannedAt: kpiReportOf(state, task)?.plannedAt ?? null,
    kpis: kpisAskedBy(state, task).map((kpi) => {
      const last = latestMeasurement(state.measurements, kpi.id);
      const { id, name, unit, baseline, target, direction, goalRank, cadence } = kpi;
      return { id, name, unit, baseline, target, direction, goalRank, cadence, lastValue: last?.value ?? null, lastCycle: last?.cycle ?? null, lastPlannedAt: last?.plannedAt ?? null };
    }),
  }),
  healthCheck: (state, task) => ({
    kind: 'healthCheck',
    cycle: task.cycle,
    pulse: task.purpose === 'pulse',
    dimensions: HEALTH_DIMENSIONS,
    previous: state.healthChecks.findLast((check) => check.organizationId === assignedOrganization(task)) ?? null,
  }),
  review: (state, task, now) => {
    // A review decides on its own cycle's health checks, even once the next cycle has opened.
    const cycle = task.cycle ?? state.cycle;
    const kpis = measuredKpis(state);
    const measures = partnershipMeasures({ ...state, kpis, cycle }, now);
    return {
      kind: 'review',
      cycle: task.cycle,
      goals: state.goals,
      kpis: kpis.map((kpi) => {
        const { id, name, unit, baseline, target, direction, ownerOrganizationId, goalRank } = kpi;
        const status = measures.kpis.find((candidate) => candidate.kpiId === kpi.id);
        return { id, name, unit, baseline, target, direction, ownerOrganizationId, goalRank, actual: status?.actual ?? null, progress: status?.progress ?? null, onTrack: status?.onTrack ?? null };
      }),
      healthChecks: state.healthChecks.filter((check) => check.cycle === cycle),
      measures,
      terminationOptions: state.terminationOptions.length > 0 ? state.terminationOptions : [...TERMINATION_OPTIONS],
      openConflicts: state.conflicts.filter((conflict) => conflict.status === 'open'),
    };
  },
  termination: (state) => ({ kind: 'termination', proposal: state.termination, noticePeriod: state.noticePeriod, round: roundOf(state, 'TERMINATION') }),
  windDown: (_state, task) => ({ kind: 'windDown', item: task.detail }),
  conflict: (state, task) => ({ kind: 'conflict', conflict: state.conflicts.find((conflict) => conflict.id === task.detail) ?? null, conflictProcess: state.conflictProcess }),
  checkIn: (state, task) => {
    const plan = planInForce(state);
    const contacts = state.agreedTerms?.governance.pointsOfContact ?? {};
    return {
      kind: 'checkIn',
      checkIn: state.checkIns.find((checkIn) => checkIn.taskId === task.id) ?? null,
      plan,
      pointsOfContact: Object.fromEntries((plan?.organizationIds ?? []).flatMap((organizationId) => (contacts[organizationId] ? [[organizationId, contacts[organizationId]]] : []))),
      actionOwnerIds: actionOwnerIds(state),
      openActions: state.checkIns.flatMap((checkIn) => checkIn.actions.filter((action) => action.status === 'open')),
    };
  },
  checkInAction: (state, task) => {
    const found = actionOf(state, task);
    return {
      kind: 'checkInAction',
      action: found?.action ?? null,
      checkIn: found ? { number: found.checkIn.number, heldOn: found.checkIn.heldOn, attendees: found.checkIn.attendees, notes: found.checkIn.notes } : null,
    };
  },
  expiry: (state) => ({
    kind: 'expiry',
    endsAt: state.termEndsAt,
    term: state.agreement?.content.term ?? null,
    terminationOptions: state.terminationOptions,
    noticePeriod: state.noticePeriod,
  }),
};

/** The context of one kind, for a task of the partnership as it stands at `now`. */
export function buildContext<C extends TaskContextKind>(kind: C, state: ActivePartnership, task: Task, now: Date): TaskContextOfKind<C> {
  return CONTEXT_BUILDERS[kind](state, task, now);
}

/** The context a task's form needs, from the partnership as it stands at `now`. */
export function taskContext<K extends TaskKind>(state: ActivePartnership, task: Task & { kind: K }, now: Date): TaskContextOf<K> {
  return buildContext(TASK_CATALOGUE[task.kind].context, state, task, now) as TaskContextOf<K>;
}

/** Readers of the API's `context` field (the OpenAPI document lists these). */
export const CONTEXT_DESCRIPTIONS: Record<TaskContextKind, string> = {
  priorities: 'the ranked goals and scope to approve, and the last rejection reason',
  listening: 'the listening record: stakeholders, sessions, the alignment matrix (organization → goal rank → 0–3) and the sign-off round so far',
  agreement: 'the agreement version to sign with its full content (goals, scope, roles, resources, management model, governance, conflict process, termination options, notice period, KPIs), its signatures and the round so far; `changes`, for a new version while another is in force, the KPIs added, changed and removed and the roles added and removed against it (null otherwise); `joining` when the organization signs to join',
  change: 'the proposed change (`renegotiate_goals` with the goals the alignment matrix flagged, `admit_organization`, `remove_organization` with who takes over its roles, or `revisit` of an earlier stage), the coordinator’s reason, who proposed it and when, the goals, the alignment matrix and the sign-off round so far',
  measurement: "the KPIs the task asks for (a review cycle's report: every KPI the assigned organization owns; a report between reviews: the KPIs due, and when they fell due), each with unit, baseline, target, direction, cadence and its last reported value",
  healthCheck: 'the dimensions to score, whether it is a pulse, and the organization’s previous answer',
  review: 'the measures (KPI progress and on-track, on-time rate, health-check gap, partner NPS, goal attainment T-score), this cycle’s health checks per organization, the goals to score −2…+2, the termination options and the conflicts still open',
  termination: "the proposed option, the proposer's reason, who proposed it and when, the notice period and the sign-off round so far",
  windDown: 'the wind-down step to confirm',
  conflict: 'the conflict (what, between which organizations, severity, its step and the steps passed, with notes) and the agreed conflict process',
  expiry: 'when the agreement’s term ends, the term and its reminders, the agreed termination options and the notice period',
  checkIn: 'the check-in to record (its number, when it was planned), the communication plan in force (cadence, channel, organizations) with their points of contact, who may own an action, and the actions of earlier check-ins still open',
  checkInAction: 'the action (what, owner, due date) and the check-in it was agreed at (when, who attended, the notes)',
};
