/**
 * The partnership as the API returns it, the commands the console sends for it, and the small
 * pure helpers the screens share. The value types, stages and default policy come from
 * @pe/domain (pure, browser-safe code: no I/O), so the console and the decider cannot drift apart.
 */
import {
  DEFAULT_POLICY,
  durationInWords,
  STAGES,
  type ClientCommand,
  type Goal,
  type ManagementModel,
  type PartnershipPolicy,
  type PartnershipRecord as PartnershipDetail,
  type PrioritiesStatus,
  type Stage,
} from '@pe/domain';
import type { RaRecord } from 'react-admin';
import { fromIsoDuration, TIMER_DURATION_UNITS, toIsoDuration, type DurationParts } from './durationModel';

export type PolicyField = keyof PartnershipPolicy;

/** The columns the list (GET /api/partnerships) carries for every partnership. */
type SummaryField =
  | 'name'
  | 'description'
  | 'stage'
  | 'prioritiesStatus'
  | 'lastRejectionReason'
  | 'coordinatorId'
  | 'sponsorId'
  | 'organizationIds'
  | 'goals'
  | 'scope'
  | 'policy'
  | 'version'
  | 'generation'
  | 'managementModel'
  | 'onHold'
  | 'cycle'
  | 'kpis'
  | 'createdAt'
  | 'updatedAt';

/**
 * The partnership as the API returns it: the domain's record (one mapping from the decider's state,
 * live or replayed). The list carries the summary columns; the rest only GET /api/partnerships/:id.
 */
export type PartnershipRecord = RaRecord<string> & Pick<PartnershipDetail, SummaryField> & Partial<Omit<PartnershipDetail, SummaryField | 'id'>>;

/** Exactly what POST /api/partnerships/:id/commands accepts: the API's own schema's type. */
export type PartnershipCommand = ClientCommand;

export interface CommandResult {
  version: number;
  events: { sequence: number; type: string }[];
}

/** The policy's fields in the order forms and summaries show them, with their labels. */
export const POLICY_FIELDS: readonly { field: PolicyField; label: string }[] = [
  { field: 'taskDue', label: 'Task due after' },
  { field: 'reminderBeforeDue', label: 'Remind before due' },
  { field: 'overdueReminderEvery', label: 'Remind while overdue every' },
  { field: 'escalateAfterOverdue', label: 'Escalate after overdue' },
  { field: 'healthPulse', label: 'Health pulse every' },
  { field: 'reviewCycle', label: 'Review cycle every' },
];

/** "Task due after 7 days, remind before due 1 day, …"; fields the record lacks are left out. */
export function describePolicy(policy: Partial<PartnershipPolicy> | null | undefined): string {
  if (!policy) return '—';
  const parts = POLICY_FIELDS.filter(({ field }) => typeof policy[field] === 'string' && policy[field] !== '').map(
    ({ field, label }, index) => `${index === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1)} ${durationInWords(String(policy[field]))}`,
  );
  return parts.length > 0 ? parts.join(', ') : '—';
}

export const MANAGEMENT_MODEL_LABELS: Record<ManagementModel, string> = {
  cooperative: 'Cooperative',
  collaborative: 'Collaborative',
  integrated: 'Integrated',
};

export function managementModelLabel(model: string | null | undefined): string {
  if (!model) return 'Not chosen yet';
  return MANAGEMENT_MODEL_LABELS[model as ManagementModel] ?? model;
}

export const STAGE_LABELS: Record<Stage, string> = {
  PRIORITY_SETTING: 'Priority setting',
  LISTENING: 'Listening',
  ROLE_IDENTIFICATION: 'Role identification',
  MEASUREMENT: 'Measurement',
  TERMINATION: 'Termination',
  CLOSED: 'Closed',
};

export const PRIORITIES_STATUS_LABELS: Record<PrioritiesStatus, string> = {
  DRAFTING: 'Drafting',
  SUBMITTED: 'Submitted to sponsor',
  APPROVED: 'Approved',
};

export const stageChoices = STAGES.map((stage) => ({ id: stage, name: STAGE_LABELS[stage] }));

export function stageLabel(stage: string): string {
  return STAGE_LABELS[stage as Stage] ?? stage;
}

export function prioritiesStatusLabel(status: string): string {
  return PRIORITIES_STATUS_LABELS[status as PrioritiesStatus] ?? status;
}

/** Goals may only be drafted while the stage is open and nothing awaits the sponsor. */
export function prioritiesAreEditable(record: Pick<PartnershipRecord, 'stage' | 'prioritiesStatus'>): boolean {
  return record.stage === 'PRIORITY_SETTING' && record.prioritiesStatus === 'DRAFTING';
}

export function goalsByRank(goals: readonly Goal[] | undefined): Goal[] {
  return [...(goals ?? [])].sort((a, b) => a.rank - b.rank);
}

/** What the priorities form holds: inputs may be empty while a person types. */
export interface PrioritiesFormValues {
  goals?: Partial<Record<keyof Goal, unknown>>[];
  scope?: string | null;
}

/**
 * The RecordGoals command from the form's values. A missing rank takes the row's position,
 * because people list goals in order and should not have to number them by hand.
 */
export function toRecordGoalsCommand(values: PrioritiesFormValues): PartnershipCommand {
  const goals = (values.goals ?? []).map(
    (goal, index): Goal => ({
      rank: typeof goal.rank === 'number' ? goal.rank : index + 1,
      title: String(goal.title ?? '').trim(),
      metric: String(goal.metric ?? '').trim(),
      baseline: Number(goal.baseline),
      target: Number(goal.target),
      dueDate: String(goal.dueDate ?? ''),
    }),
  );
  return { type: 'RecordGoals', goals, scope: (values.scope ?? '').trim() };
}

/** The form starts from what was last recorded. */
export function toPrioritiesFormValues(record: Pick<PartnershipRecord, 'goals' | 'scope'>): PrioritiesFormValues {
  return { goals: goalsByRank(record.goals).map((goal) => ({ ...goal })), scope: record.scope ?? '' };
}

export const MIN_ORGANIZATIONS = 2;

export function validateOrganizationIds(value: unknown): string | undefined {
  const count = Array.isArray(value) ? value.length : 0;
  return count >= MIN_ORGANIZATIONS ? undefined : `Choose at least ${MIN_ORGANIZATIONS} organizations`;
}

export interface PartnershipCreateValues {
  name?: string;
  description?: string | null;
  sponsorId?: string;
  organizationIds?: string[];
  policy?: PolicyFormValues | null;
}

/** The policy as the create form holds it: each timer an amount and a unit. */
export type PolicyFormValues = Partial<Record<PolicyField, DurationParts | null>>;

/** The form starts from the product's defaults, each said as one amount and unit ("7 days"). */
export function policyFormDefaults(): PolicyFormValues {
  return Object.fromEntries(POLICY_FIELDS.map(({ field }) => [field, fromIsoDuration(DEFAULT_POLICY[field], TIMER_DURATION_UNITS)]));
}

/** Blank policy fields fall back to the defaults rather than being sent as empty strings. */
export function toCreatePartnershipBody(values: PartnershipCreateValues) {
  const policy = values.policy ?? {};
  return {
    name: (values.name ?? '').trim(),
    description: (values.description ?? '').trim(),
    sponsorId: values.sponsorId,
    organizationIds: values.organizationIds ?? [],
    policy: toPolicy(policy),
  };
}

/** Exactly the known fields (the API rejects anything else with a 400), blanks as defaults. */
function toPolicy(values: PolicyFormValues): PartnershipPolicy {
  const pick = (field: PolicyField) => toIsoDuration(values[field]) || DEFAULT_POLICY[field];
  return {
    taskDue: pick('taskDue'),
    reminderBeforeDue: pick('reminderBeforeDue'),
    overdueReminderEvery: pick('overdueReminderEvery'),
    escalateAfterOverdue: pick('escalateAfterOverdue'),
    healthPulse: pick('healthPulse'),
    reviewCycle: pick('reviewCycle'),
  };
}
