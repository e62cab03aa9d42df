/**
 * The value types a partnership records, stage by stage (docs/design.md section 2).
 */
export const STAGES = ['PRIORITY_SETTING', 'LISTENING', 'ROLE_IDENTIFICATION', 'MEASUREMENT', 'TERMINATION', 'CLOSED'] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ['admin', 'coordinator', 'partner', 'sponsor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a person with a role, or the workflow's own timers. */
export type Actor =
  | { kind: 'user'; userId: string; role: Role; organizationId: string | null }
  | { kind: 'system'; userId: 'system'; role: 'system'; organizationId: null };

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: 'system', role: 'system', organizationId: null };

export interface Goal {
  rank: number;
  title: string;
  metric: string;
  baseline: number;
  target: number;
  /** Calendar date (YYYY-MM-DD) by which the target is reached. */
  dueDate: string;
}

export interface Stakeholder {
  id: string;
  name: string;
  organizationId: string | null;
  /** 1 (low) to 5 (high). */
  interest: number;
  influence: number;
}

export interface ListeningSession {
  id: string;
  heldOn: string;
  participants: string[];
  heard: string;
  concerns: string[];
}

export const RESPONSIBILITIES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

export interface RoleAssignment {
  organizationId: string;
  goalRank: number;
  responsibility: Responsibility;
}

export interface CommittedResource {
  organizationId: string;
  description: string;
  amount: number | null;
  unit: string | null;
}

export const MANAGEMENT_MODELS = ['cooperative', 'collaborative', 'integrated'] as const;
export type ManagementModel = (typeof MANAGEMENT_MODELS)[number];

/** How many people an agreed escalation path may name (the ladder it replaces has three steps). */
export const MAX_ESCALATION_STEPS = 5;

export interface Governance {
  /** Organization id → the user who speaks for it: the default signatory and addressee of its tasks. */
  pointsOfContact: Record<string, string>;
  decisionRule: string;
  /** The escalation path in the partners' own words. */
  escalationPath: string;
  /**
   * The same path as people, lowest step first: an overdue task's n-th escalation reaches the n-th.
   * Absent when none was agreed and in governance recorded before paths were structured; then the
   * ladder (coordinator, sponsor, steering group) applies.
   */
  escalationSteps?: string[];
  /**
   * How the partners keep in touch once the agreement is adopted: a check-in every `cadence`, which
   * the coordinator records. Absent in governance recorded before plans existed, and when none was agreed.
   */
  communicationPlan?: CommunicationPlan;
}

export interface CommunicationPlan {
  /** ISO-8601 duration between two check-ins, e.g. P14D or P1M. */
  cadence: string;
  /** How the check-ins are held, in the partners' words (a video call, the steering meeting). */
  channel: string;
  /** The member organizations that take part, each through its point of contact. */
  organizationIds: string[];
}

/** An action agreed at a check-in: a task for its owner, due by the end of `dueOn`. */
export interface CheckInAction {
  /** `action-<check-in number>-<n>`; the owner's CHECK_IN_ACTION task carries it as its detail. */
  id: string;
  description: string;
  ownerId: string;
  /** Calendar date (YYYY-MM-DD). */
  dueOn: string;
  /** cancelled: its task was withdrawn (a termination proposed, the partnership renewed) before it was done. */
  status: 'open' | 'done' | 'cancelled';
  /** What the owner said was done. */
  note: string | null;
  doneAt: string | null;
}

/**
 * One check-in of the communication plan: it falls due every cadence as the coordinator's
 * RECORD_CHECK_IN task; recorded, it is held. Unrecorded past its task's due date, it counts as missed.
 */
export interface CheckIn {
  number: number;
  /** When it fell due, by the plan. */
  plannedAt: string;
  /** The review cycle it leads up to (the next to open when it fell due). */
  cycle: number;
  /** The coordinator's RECORD_CHECK_IN task. */
  taskId: string;
  /** cancelled: its task was withdrawn before it fell overdue (a termination proposed): neither held nor missed. */
  status: 'planned' | 'held' | 'cancelled';
  /** Calendar date it was held (YYYY-MM-DD). */
  heldOn: string | null;
  /** Who attended, by name. */
  attendees: string[];
  notes: string;
  actions: CheckInAction[];
  recordedBy: string | null;
  recordedAt: string | null;
}

export const TERMINATION_OPTIONS = ['renew', 'restructure', 'hand_over', 'exit'] as const;
export type TerminationOption = (typeof TERMINATION_OPTIONS)[number];

export interface Kpi {
  id: string;
  name: string;
  ownerOrganizationId: string;
  unit: string;
  baseline: number;
  target: number;
  direction: 'increase' | 'decrease';
  /** ISO-8601 duration between two measurements. */
  cadence: string;
  /** The goal it measures, if any (its due date sets the trajectory). */
  goalRank: number | null;
  definedAt: string;
}

export interface Measurement {
  kpiId: string;
  cycle: number;
  value: number;
  reportedBy: string;
  reportedAt: string;
  onTime: boolean;
  /**
   * A report the KPI's cadence called for between two reviews: the instant it fell due, which the
   * value is measured at. Absent for a review cycle's own report (and in measurements recorded
   * before KPIs were reported on their cadence).
   */
  plannedAt?: string;
}

/**
 * A report a KPI cadence shorter than the review cycle calls for between two reviews: its owner
 * organization's REPORT_MEASUREMENT task (purpose `kpi_report`) asks for these KPIs only. Kept in
 * state while the task is open.
 */
export interface KpiReport {
  taskId: string;
  organizationId: string;
  kpiIds: string[];
  /** When it fell due by the cadence. */
  plannedAt: string;
  /** The review cycle it leads up to (the next to open when it fell due). */
  cycle: number;
}

export const HEALTH_DIMENSIONS = ['strategy', 'operations', 'relationship', 'governance'] as const;
export type HealthDimension = (typeof HEALTH_DIMENSIONS)[number];

export interface HealthCheck {
  cycle: number;
  organizationId: string;
  scores: Record<HealthDimension, number>;
  /** 0–10: would this organization recommend the partnership? (partner NPS) */
  recommend: number | null;
}

export interface Agreement {
  version: number;
  issuedAt: string;
  content: AgreementContent;
  /** Organization id → who signed for it, and when. */
  signatures: Record<string, { userId: string; at: string }>;
  adopted: boolean;
}

export interface AgreementContent {
  organizationIds: string[];
  goals: Goal[];
  scope: string;
  roles: RoleAssignment[];
  resources: CommittedResource[];
  managementModel: ManagementModel;
  governance: Governance;
  conflictProcess: string;
  terminationOptions: TerminationOption[];
  noticePeriod: string;
  kpis: Kpi[];
  /** How long the agreement runs once adopted, and when before its end the coordinator is reminded; absent: open-ended. */
  term?: AgreementTerm;
}

export interface AgreementTerm {
  /** ISO-8601 duration from adoption, e.g. P2Y. */
  duration: string;
  /** Lead times before the end, longest first (default P90D, P60D, P30D): the first opens the coordinator's decision. */
  remindBefore: string[];
}

export const CONFLICT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type ConflictSeverity = (typeof CONFLICT_SEVERITIES)[number];
/**
 * The steps a conflict goes through, as the method's default conflict process: the organizations
 * concerned talk it through (their point of contact), the coordinator mediates, the sponsor takes it
 * to the steering group. Each step is a task; an overdue step escalates like any task.
 */
export const CONFLICT_STEPS = ['direct_discussion', 'coordinator_mediation', 'steering_group'] as const;
export type ConflictStep = (typeof CONFLICT_STEPS)[number];

export interface Conflict {
  id: string;
  title: string;
  description: string;
  /** The member organizations the conflict is between (at least one). */
  organizationIds: string[];
  severity: ConflictSeverity;
  raisedBy: string;
  raisedAt: string;
  step: ConflictStep;
  status: 'open' | 'resolved';
  /** Each step passed on, with why. */
  steps: { step: ConflictStep; note: string; by: string; at: string }[];
  resolution: string | null;
  resolvedAt: string | null;
}

export const DEFAULT_EXPIRY_REMINDERS = ['P90D', 'P60D', 'P30D'];
export const EXPIRY_DECISIONS = ['renew', 'restructure', 'let_end'] as const;
export type ExpiryDecision = (typeof EXPIRY_DECISIONS)[number];

export const REVIEW_OUTCOMES = ['continue', 'revisit_priorities', 'revisit_roles', 'propose_termination'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
