/** ROLE_IDENTIFICATION: roles, resources, management model, governance, conflict process, terms, and the agreement. */
import { Decision, ERROR_CODES, requireCoordinator, requireMember, requireNoSignoff, requireStage } from '../decision.js';
import { durationMs, isDuration, parseDuration } from '../duration.js';
import { conflict, ruleBroken } from '../errors.js';
import { escalationCandidates } from '../governance.js';
import { MAX_ESCALATION_STEPS, type AgreementContent, type AgreementTerm, type CommittedResource, type Governance, type Kpi, type ManagementModel, type Responsibility, type RoleAssignment, type TerminationOption } from '../model.js';
import type { ActivePartnership } from '../partnership.js';
import { communicationPlanProblems } from './checkins.js';
import { openSignoff, ruleOf } from './signoff.js';

function editable(d: Decision, ...stages: Parameters<typeof requireStage>[1][]): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, ...(stages.length > 0 ? stages : ['ROLE_IDENTIFICATION' as const]));
  requireNoSignoff(d.state);
}

const fail = (code: string, message: string, fields: Record<string, string>) => {
  if (Object.keys(fields).length > 0) throw ruleBroken(code, message, fields);
};

/**
 * The version a change drafts from: in MEASUREMENT, once a version is in force, a KPI or role change
 * is a draft of the next version until the partners adopt it (null: the change applies at once, as
 * while the agreement is assembled, and in runs from before agreed changes).
 */
function draftingSince(d: Decision): number | null {
  return d.agreedChanges && d.state.stage === 'MEASUREMENT' ? d.state.agreedVersion : null;
}

/** The roles and KPIs the next agreement version would carry: the draft's, else those in force. */
export function nextVersionOf(state: ActivePartnership): { roles: RoleAssignment[]; kpis: Kpi[] } {
  return state.draft ?? { roles: state.roles, kpis: state.kpis };
}

export function defineRoles(d: Decision, roles: { organizationId: string; goalRank: number; responsibility: Responsibility }[]): void {
  // In MEASUREMENT only as a draft of the next agreement version (runs from before that cannot).
  editable(d, 'ROLE_IDENTIFICATION', ...(d.agreedChanges ? (['MEASUREMENT'] as const) : []));
  const fields: Record<string, string> = {};
  roles.forEach((role, index) => {
    const member = requireMember(d.state, role.organizationId, `roles.${index}.organizationId`);
    if (member) fields[`roles.${index}.organizationId`] = member;
    if (!d.state.goals.some((goal) => goal.rank === role.goalRank)) fields[`roles.${index}.goalRank`] = 'no goal has this rank';
  });
  const seen = new Set(roles.map((role) => `${role.organizationId}/${role.goalRank}`));
  if (seen.size !== roles.length) fields.roles = 'give each organization one responsibility per goal';
  fail(ERROR_CODES.invalidRoles, 'The roles are not valid', fields);
  const since = draftingSince(d);
  d.emit(since === null ? { type: 'RolesDefined', data: { roles } } : { type: 'RolesDrafted', data: { roles, sinceVersion: since } });
}

export function commitResources(d: Decision, resources: CommittedResource[]): void {
  editable(d);
  const fields: Record<string, string> = {};
  resources.forEach((resource, index) => {
    const member = requireMember(d.state, resource.organizationId, `resources.${index}.organizationId`);
    if (member) fields[`resources.${index}.organizationId`] = member;
    if (resource.description.trim().length === 0) fields[`resources.${index}.description`] = 'say what is committed';
    if (resource.amount !== null && resource.amount < 0) fields[`resources.${index}.amount`] = 'must not be negative';
  });
  fail(ERROR_CODES.invalidResources, 'The committed resources are not valid', fields);
  d.emit({ type: 'ResourcesCommitted', data: { resources } });
}

export function chooseManagementModel(d: Decision, model: ManagementModel): void {
  editable(d);
  d.emit({ type: 'ManagementModelChosen', data: { model } });
}

export function setGovernance(d: Decision, governance: Governance): void {
  editable(d);
  const fields: Record<string, string> = {};
  for (const organizationId of Object.keys(governance.pointsOfContact)) {
    const member = requireMember(d.state, organizationId, 'governance.pointsOfContact');
    if (member) fields[`governance.pointsOfContact.${organizationId}`] = member;
  }
  if (governance.decisionRule.trim().length === 0) fields['governance.decisionRule'] = 'say how decisions are made';
  if (governance.escalationPath.trim().length === 0) fields['governance.escalationPath'] = 'say how disputes escalate';
  Object.assign(fields, escalationStepProblems(d, governance), communicationPlanProblems(d.state, governance.communicationPlan));
  fail(ERROR_CODES.invalidGovernance, 'The governance is not valid', fields);
  d.emit({ type: 'GovernanceSet', data: { governance } });
}

/** An agreed path names people the partnership knows, each once, at most MAX_ESCALATION_STEPS of them. */
function escalationStepProblems(d: Decision, governance: Governance): Record<string, string> {
  const steps = governance.escalationSteps;
  if (steps === undefined) return {};
  if (steps.length === 0) return { 'governance.escalationSteps': 'name at least one person, or leave the path out to use the ladder' };
  if (steps.length > MAX_ESCALATION_STEPS) return { 'governance.escalationSteps': `name at most ${MAX_ESCALATION_STEPS} people` };
  const fields: Record<string, string> = {};
  const candidates = escalationCandidates(d.state, governance);
  steps.forEach((userId, index) => {
    if (!candidates.has(userId)) fields[`governance.escalationSteps.${index}`] = 'must be the coordinator, the sponsor, a steering-group member or a point of contact';
    else if (steps.indexOf(userId) !== index) fields[`governance.escalationSteps.${index}`] = 'names this person a second time';
  });
  return fields;
}

export function setConflictProcess(d: Decision, process: string): void {
  editable(d);
  fail(ERROR_CODES.invalidGovernance, 'The conflict process is empty', process.trim() ? {} : { process: 'describe how conflicts are resolved' });
  d.emit({ type: 'ConflictProcessSet', data: { process: process.trim() } });
}

export function setTerminationTerms(d: Decision, options: TerminationOption[], noticePeriod: string): void {
  editable(d);
  const fields: Record<string, string> = {};
  if (options.length === 0) fields.options = 'agree at least one termination option';
  if (new Set(options).size !== options.length) fields.options = 'list each option once';
  if (!isDuration(noticePeriod)) fields.noticePeriod = 'must be an ISO-8601 duration such as P3M';
  fail(ERROR_CODES.invalidTerms, 'The termination terms are not valid', fields);
  d.emit({ type: 'TerminationTermsSet', data: { options, noticePeriod } });
}

/**
 * How long the next agreement version runs once adopted (null: open-ended), and the lead times of
 * its expiry reminders. Set in ROLE_IDENTIFICATION, or in MEASUREMENT for a new version.
 */
export function setAgreementTerm(d: Decision, term: AgreementTerm | null): void {
  editable(d, 'ROLE_IDENTIFICATION', 'MEASUREMENT');
  if (term) {
    const fields: Record<string, string> = {};
    const length = parseDuration(term.duration);
    if (length === null || length <= 0) fields['term.duration'] = 'must be an ISO-8601 duration such as P2Y';
    term.remindBefore.forEach((lead, index) => {
      const before = parseDuration(lead);
      if (before === null || before <= 0) fields[`term.remindBefore.${index}`] = 'must be an ISO-8601 duration such as P90D';
      else if (length !== null && before >= length) fields[`term.remindBefore.${index}`] = 'must be shorter than the term';
    });
    if (new Set(term.remindBefore).size !== term.remindBefore.length) fields['term.remindBefore'] = 'list each lead time once';
    fail(ERROR_CODES.invalidTerms, 'The agreement term is not valid', fields);
  }
  // Longest lead first: the first reminder opens the coordinator's decision.
  const sorted = term ? { duration: term.duration, remindBefore: [...term.remindBefore].sort((a, b) => durationMs(b) - durationMs(a)) } : null;
  d.emit({ type: 'AgreementTermSet', data: { term: sorted } });
}

/**
 * KPIs are defined while roles are identified, or during measurement as a draft of the next agreement
 * version: measured from the cycle after the partners adopt it.
 */
export function defineKpi(d: Decision, input: Omit<Kpi, 'id' | 'definedAt'> & { id?: string }): void {
  editable(d, 'ROLE_IDENTIFICATION', 'MEASUREMENT');
  const fields: Record<string, string> = {};
  const member = requireMember(d.state, input.ownerOrganizationId, 'kpi.ownerOrganizationId');
  if (member) fields['kpi.ownerOrganizationId'] = member;
  if (input.name.trim().length === 0) fields['kpi.name'] = 'name the KPI';
  if (input.target === input.baseline) fields['kpi.target'] = 'must differ from the baseline';
  else if ((input.direction === 'increase') !== input.target > input.baseline) fields['kpi.direction'] = `a target ${input.target > input.baseline ? 'above' : 'below'} the baseline means direction "${input.target > input.baseline ? 'increase' : 'decrease'}"`;
  if (!isDuration(input.cadence)) fields['kpi.cadence'] = 'must be an ISO-8601 duration such as P1M';
  if (input.goalRank !== null && !d.state.goals.some((goal) => goal.rank === input.goalRank)) fields['kpi.goalRank'] = 'no goal has this rank';
  if (input.id && !nextVersionOf(d.state).kpis.some((kpi) => kpi.id === input.id)) fields['kpi.id'] = 'no KPI has this id (leave it out to define a new one)';
  fail(ERROR_CODES.invalidKpi, 'The KPI is not valid', fields);
  const kpi = { ...input, id: input.id ?? `kpi-${d.state.version + 1}`, definedAt: d.now.toISOString() };
  const since = draftingSince(d);
  d.emit(since === null ? { type: 'KpiDefined', data: { kpi } } : { type: 'KpiDrafted', data: { kpi, sinceVersion: since } });
}

/** Assembles the next version of the partnering agreement from what was recorded and opens its signing. */
export function issueAgreement(d: Decision): void {
  editable(d, 'ROLE_IDENTIFICATION', 'MEASUREMENT');
  const state = d.state;
  const { roles, kpis } = nextVersionOf(state);
  const fields: Record<string, string> = {};
  if (!state.managementModel) fields.managementModel = 'choose a management model';
  if (!state.governance) fields.governance = 'set the governance';
  if (!state.conflictProcess) fields.conflictProcess = 'describe the conflict-resolution process';
  if (state.terminationOptions.length === 0 || !state.noticePeriod) fields.terminationOptions = 'agree the termination options and notice period';
  if (kpis.length === 0) fields.kpis = 'define at least one KPI';
  if (state.goals.length === 0 || state.prioritiesStatus !== 'APPROVED') fields.goals = 'the sponsor must approve the priorities first';
  for (const goal of state.goals) {
    const accountable = roles.filter((role) => role.goalRank === goal.rank && role.responsibility === 'accountable');
    if (accountable.length !== 1) fields[`roles.goal${goal.rank}`] = `goal ${goal.rank} needs exactly one accountable organization`;
  }
  fail(ERROR_CODES.agreementIncomplete, 'The agreement cannot be assembled yet', fields);
  if (state.termination) throw conflict(ERROR_CODES.terminationInProgress, 'A termination is in progress');
  const content: AgreementContent = {
    organizationIds: state.organizationIds,
    goals: state.goals,
    scope: state.scope,
    roles,
    resources: state.resources,
    managementModel: state.managementModel!,
    governance: state.governance!,
    conflictProcess: state.conflictProcess,
    terminationOptions: state.terminationOptions,
    noticePeriod: state.noticePeriod!,
    kpis,
    ...(state.agreementTerm ? { term: state.agreementTerm } : {}),
  };
  d.cancelTasks((task) => task.kind === 'SIGN_AGREEMENT' && task.purpose === 'joining', 'a new version of the agreement was issued');
  const draftSince = state.draft ? { draftSince: state.draft.sinceVersion } : {};
  d.emit({ type: 'AgreementIssued', data: { version: (state.agreement?.version ?? 0) + 1, content, ...draftSince } });
  openSignoff(d, 'AGREEMENT', ruleOf(state.managementModel, d.jointDecisions));
}
