/**
 * The role-identification stage shaped for its page: the responsibility grid (organization × goal)
 * and its one-accountable rule, the management models in a sentence each, durations typed as an
 * amount and a unit, and the commands the page's forms send.
 */
import {
  DEFAULT_EXPIRY_REMINDERS,
  durationInWords,
  MANAGEMENT_MODELS,
  RESPONSIBILITIES,
  TERMINATION_OPTIONS,
  type AgreementTerm,
  type Goal,
  type Governance,
  type ManagementModel,
  type Responsibility,
  type RoleAssignment,
  type TerminationOption,
} from '@pe/domain';
import { RESPONSIBILITY_LABELS } from '../methodLabels';
import { DURATION_UNITS, fromIsoDuration, toIsoDuration, type DurationParts } from './durationModel';
import type { PartnershipCommand } from './partnershipModel';

export const responsibilityChoices = RESPONSIBILITIES.map((id) => ({ id, name: RESPONSIBILITY_LABELS[id] }));

/** The rule the decider checks when the agreement is issued, as the page states it. */
export const ACCOUNTABLE_RULE = 'Each goal needs exactly one accountable organization.';

/** Organization id → goal rank → its responsibility ('' for none). */
export type ResponsibilityGrid = Record<string, Record<string, Responsibility | ''>>;

export function responsibilityGrid(organizationIds: readonly string[], goals: readonly Pick<Goal, 'rank'>[], roles: readonly RoleAssignment[] | undefined): ResponsibilityGrid {
  return Object.fromEntries(
    organizationIds.map((organizationId) => [
      organizationId,
      Object.fromEntries(
        goals.map((goal) => [
          String(goal.rank),
          roles?.find((role) => role.organizationId === organizationId && role.goalRank === goal.rank)?.responsibility ?? '',
        ]),
      ),
    ]),
  );
}

export function toDefineRolesCommand(grid: ResponsibilityGrid): PartnershipCommand {
  const roles = Object.entries(grid).flatMap(([organizationId, byGoal]) =>
    Object.entries(byGoal).flatMap(([rank, responsibility]) => (responsibility ? [{ organizationId, goalRank: Number(rank), responsibility }] : [])),
  );
  return { type: 'DefineRoles', roles };
}

export interface AccountableCheck {
  rank: number;
  accountable: string[];
  ok: boolean;
}

export function accountableChecks(goals: readonly Pick<Goal, 'rank'>[], grid: ResponsibilityGrid): AccountableCheck[] {
  return goals.map((goal) => {
    const accountable = Object.entries(grid)
      .filter(([, byGoal]) => byGoal[String(goal.rank)] === 'accountable')
      .map(([organizationId]) => organizationId);
    return { rank: goal.rank, accountable, ok: accountable.length === 1 };
  });
}

/** Each management model and how it decides, in one sentence (docs/design.md section 2). */
export const MANAGEMENT_MODEL_RULES: Record<ManagementModel, string> = {
  cooperative: 'Partners keep their own identity, staff and budget, so decisions need consensus: every partner organization must approve.',
  collaborative: 'Partners take defined roles and commit resources, so decisions need agreement: every organization that holds a role must approve.',
  integrated:
    'Partners share policies, procedures and resources, so decisions seek agreement first and fall to a majority vote of partner organizations when the round runs out of time.',
};
export const managementModelChoices = MANAGEMENT_MODELS.map((id) => ({ id, name: id.charAt(0).toUpperCase() + id.slice(1) }));

export const TERMINATION_OPTION_LABELS: Record<TerminationOption, string> = {
  renew: 'Renew (a new cycle from priority setting)',
  restructure: 'Restructure (back to role identification)',
  hand_over: 'Hand over (to another body, then close)',
  exit: 'Exit (wind down and close)',
};
export const terminationOptionChoices = TERMINATION_OPTIONS.map((id) => ({ id, name: TERMINATION_OPTION_LABELS[id] }));

/** Errors the decider names by the command's field, moved to the input that produced it. */
export function moveErrors(errors: Record<string, string>, moves: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [moves[field] ?? field, message]));
}

export interface ResourceFormValues {
  resources?: { organizationId?: string | null; description?: string | null; amount?: number | null; unit?: string | null }[];
}

export function toCommitResourcesCommand(values: ResourceFormValues): PartnershipCommand {
  return {
    type: 'CommitResources',
    resources: (values.resources ?? []).map((resource) => ({
      organizationId: resource.organizationId ?? '',
      description: String(resource.description ?? '').trim(),
      amount: typeof resource.amount === 'number' && Number.isFinite(resource.amount) ? resource.amount : null,
      unit: String(resource.unit ?? '').trim() || null,
    })),
  };
}

export interface GovernanceFormValues {
  governance?: {
    pointsOfContact?: Record<string, string | null | undefined> | null;
    decisionRule?: string | null;
    escalationPath?: string | null;
    escalationSteps?: (string | null | undefined)[] | null;
  };
  /** The communication plan: no cadence means none. */
  plan?: { cadence?: DurationParts | null; channel?: string | null; organizationIds?: (string | null | undefined)[] | null };
}

/** The form starts from the recorded governance and plan; a new plan offers every member organization. */
export function governanceDefaults(governance: Governance | null | undefined, memberIds: readonly string[]): GovernanceFormValues {
  const plan = governance?.communicationPlan;
  return {
    governance: {
      pointsOfContact: { ...(governance?.pointsOfContact ?? {}) },
      decisionRule: governance?.decisionRule ?? '',
      escalationPath: governance?.escalationPath ?? '',
      escalationSteps: [...(governance?.escalationSteps ?? [])],
    },
    plan: plan
      ? { cadence: fromIsoDuration(plan.cadence, DURATION_UNITS), channel: plan.channel, organizationIds: [...plan.organizationIds] }
      : { cadence: { amount: null, unit: 'W' }, channel: '', organizationIds: [...memberIds] },
  };
}

/** The decider names the plan's fields under `governance.communicationPlan`; the form's inputs sit under `plan`. */
export function governanceErrorMoves(organizations: number): Record<string, string> {
  return {
    'governance.communicationPlan.cadence': 'plan.cadence.amount',
    'governance.communicationPlan.channel': 'plan.channel',
    'governance.communicationPlan.organizationIds': 'plan.organizationIds',
    ...Object.fromEntries(Array.from({ length: organizations }, (_, index) => [`governance.communicationPlan.organizationIds.${index}`, 'plan.organizationIds'])),
  };
}

export function toSetGovernanceCommand(values: GovernanceFormValues): PartnershipCommand {
  const input = values.governance ?? {};
  const plan = values.plan;
  const pointsOfContact: Record<string, string> = {};
  for (const [organizationId, userId] of Object.entries(input.pointsOfContact ?? {})) if (userId) pointsOfContact[organizationId] = userId;
  const escalationSteps = (input.escalationSteps ?? []).filter((userId): userId is string => Boolean(userId));
  return {
    type: 'SetGovernance',
    governance: {
      pointsOfContact,
      decisionRule: String(input.decisionRule ?? '').trim(),
      escalationPath: String(input.escalationPath ?? '').trim(),
      // Left out when empty: the ladder applies.
      ...(escalationSteps.length > 0 ? { escalationSteps } : {}),
      // Left out without a cadence: no check-ins are planned.
      ...(plan?.cadence?.amount
        ? {
            communicationPlan: {
              cadence: toIsoDuration(plan.cadence),
              channel: String(plan.channel ?? '').trim(),
              organizationIds: (plan.organizationIds ?? []).filter((id): id is string => Boolean(id)),
            },
          }
        : {}),
    },
  };
}

export interface TerminationTermsFormValues {
  options?: TerminationOption[] | null;
  notice?: DurationParts | null;
}

export function toSetTerminationTermsCommand(values: TerminationTermsFormValues): PartnershipCommand {
  return { type: 'SetTerminationTerms', options: values.options ?? [], noticePeriod: toIsoDuration(values.notice) };
}
export const TERMINATION_TERMS_ERROR_MOVES = { noticePeriod: 'notice.amount' };

export interface AgreementTermFormValues {
  /** Blank: the agreement is open-ended. */
  term?: DurationParts | null;
  reminders?: (DurationParts | null)[] | null;
}

/** A blank term sends `null` (open-ended); blank reminders are left out, and none at all means the defaults. */
export function toSetAgreementTermCommand(values: AgreementTermFormValues): PartnershipCommand {
  const duration = toIsoDuration(values.term);
  if (!values.term?.amount && duration === '') return { type: 'SetAgreementTerm', term: null };
  const remindBefore = (values.reminders ?? []).filter((parts) => parts?.amount).map((parts) => toIsoDuration(parts));
  return { type: 'SetAgreementTerm', term: { duration, remindBefore: remindBefore.length > 0 ? remindBefore : [...DEFAULT_EXPIRY_REMINDERS] } };
}

/** The decider names `term.duration` and `term.remindBefore.<n>`; the form's inputs are `term.amount` and `reminders.<n>.amount`. */
export function agreementTermErrorMoves(reminders: number): Record<string, string> {
  return { 'term.duration': 'term.amount', ...Object.fromEntries(Array.from({ length: reminders }, (_, index) => [`term.remindBefore.${index}`, `reminders.${index}.amount`])) };
}

export function agreementTermDefaults(term: AgreementTerm | null | undefined, units: Parameters<typeof fromIsoDuration>[1]): AgreementTermFormValues {
  const leads = term?.remindBefore ?? DEFAULT_EXPIRY_REMINDERS;
  return { term: term ? fromIsoDuration(term.duration, units) : { amount: null, unit: 'Y' }, reminders: [0, 1, 2].map((index) => (leads[index] ? fromIsoDuration(leads[index], units) : { amount: null, unit: 'D' })) };
}

export interface KpiFormValues {
  kpi?: {
    id?: string | null;
    name?: string | null;
    ownerOrganizationId?: string | null;
    unit?: string | null;
    baseline?: number | null;
    target?: number | null;
    cadence?: DurationParts | null;
    goalRank?: number | string | null;
  };
}

/** The direction follows from baseline and target, so nobody has to keep the two consistent by hand. */
export function toDefineKpiCommand(values: KpiFormValues): PartnershipCommand {
  const input = values.kpi ?? {};
  const baseline = Number(input.baseline);
  const target = Number(input.target);
  const goalRank = input.goalRank === null || input.goalRank === undefined || input.goalRank === '' ? null : Number(input.goalRank);
  return {
    type: 'DefineKpi',
    kpi: {
      ...(input.id ? { id: input.id } : {}),
      name: String(input.name ?? '').trim(),
      ownerOrganizationId: input.ownerOrganizationId ?? '',
      unit: String(input.unit ?? '').trim(),
      baseline,
      target,
      direction: target < baseline ? 'decrease' : 'increase',
      cadence: toIsoDuration(input.cadence),
      goalRank,
    },
  };
}
export const KPI_ERROR_MOVES = { 'kpi.cadence': 'kpi.cadence.amount', 'kpi.direction': 'kpi.target' };

export interface ManagementModelFormValues {
  model?: ManagementModel | null;
}

/** The radio group is required, so a model is always chosen by the time this is sent. */
export function toChooseManagementModelCommand(values: ManagementModelFormValues): PartnershipCommand {
  return { type: 'ChooseManagementModel', model: values.model ?? 'cooperative' };
}

/** "P1M" → "every month", "P2W" → "every 2 weeks". */
export function everyInWords(iso: string): string {
  const words = durationInWords(iso);
  return `every ${words.replace(/^1 ([a-z]+)$/, '$1')}`;
}
