/**
 * The partnering agreement as a document: every section docs/design.md lists, in reading order, with
 * names instead of ids and durations in words; and who signed or refused each version, for which
 * organization, when. Before the first version is issued the same document previews the draft.
 */
import { planSentence } from './checkInModel';
import {
  durationInWords,
  RESPONSIBILITIES,
  type AgreedChanges,
  type AgreementContent,
  type AgreementTerm,
  type AgreementVersion,
  type AgreementVersionStatus,
  type DecisionRule,
  type Kpi,
  type RoleAssignment,
} from '@pe/domain';
import type { PartnershipRecord } from './partnershipModel';
import { managementModelLabel } from './partnershipModel';
import { RESPONSIBILITY_LABELS } from '../methodLabels';
import { everyInWords, MANAGEMENT_MODEL_RULES, TERMINATION_OPTION_LABELS } from './rolesModel';
import type { Names } from './waitingModel';

/** What the document is made from: an issued version's content, or the draft the record holds. */
export type AgreementDraft = Omit<AgreementContent, 'managementModel' | 'governance' | 'noticePeriod'> & {
  managementModel: AgreementContent['managementModel'] | null;
  governance: AgreementContent['governance'] | null;
  noticePeriod: string | null;
};

export function draftAgreement(record: PartnershipRecord): AgreementDraft {
  // In MEASUREMENT, KPI and role changes since the version in force are the draft's.
  const next = record.draft ?? null;
  return {
    organizationIds: record.organizationIds,
    goals: record.goals,
    scope: record.scope,
    roles: next?.roles ?? record.roles ?? [],
    resources: record.resources ?? [],
    managementModel: record.managementModel ?? null,
    governance: record.governance ?? null,
    conflictProcess: record.conflictProcess ?? '',
    terminationOptions: record.terminationOptions ?? [],
    noticePeriod: record.noticePeriod ?? null,
    kpis: next?.kpis ?? record.kpis ?? [],
    ...(record.agreementTerm ? { term: record.agreementTerm } : {}),
  };
}

export const NOT_RECORDED = 'Not recorded yet.';

export interface AgreementDocument {
  partners: { name: string; contact: string | null }[];
  goals: { rank: number; title: string; measure: string; due: string }[];
  scope: string;
  roles: { goal: string; byResponsibility: { label: string; organizations: string }[] }[];
  resources: { organization: string; description: string; amount: string }[];
  managementModel: { name: string; rule: string } | null;
  /** `escalationSteps`: the agreed path as people in order, or null where escalations climb the ladder. */
  governance: { contacts: { organization: string; contact: string }[]; decisionRule: string; escalationPath: string; escalationSteps: string[] | null; communication: string } | null;
  conflictProcess: string;
  terminationOptions: string[];
  noticePeriod: string;
  /** The term in a sentence (open-ended when none). */
  term: string;
  kpis: { name: string; owner: string; change: string; cadence: string; goal: string | null }[];
}

/** Whom escalations reach, in words: the agreed people in order, or the ladder. */
export function escalationsLine(steps: string[] | null | undefined): string {
  return steps && steps.length > 0 ? `Escalations go to: ${steps.join(' → ')}` : 'Escalations go up the ladder: coordinator → sponsor → steering group';
}

export function agreementDocument(content: AgreementDraft, names: Names): AgreementDocument {
  const goals = [...content.goals].sort((a, b) => a.rank - b.rank);
  const goalTitle = (rank: number) => `${rank}. ${goals.find((goal) => goal.rank === rank)?.title ?? `goal ${rank}`}`;
  return {
    partners: content.organizationIds.map((id) => {
      const contact = content.governance?.pointsOfContact[id];
      return { name: names.organization(id), contact: contact ? names.user(contact) : null };
    }),
    goals: goals.map((goal) => ({
      rank: goal.rank,
      title: goal.title,
      measure: `${goal.metric}: from ${goal.baseline} to ${goal.target}`,
      due: goal.dueDate,
    })),
    scope: content.scope,
    roles: goals.map((goal) => ({
      goal: goalTitle(goal.rank),
      byResponsibility: RESPONSIBILITIES.map((responsibility) => ({
        label: RESPONSIBILITY_LABELS[responsibility],
        organizations: content.roles
          .filter((role) => role.goalRank === goal.rank && role.responsibility === responsibility)
          .map((role) => names.organization(role.organizationId))
          .join(', '),
      })).filter((entry) => entry.organizations !== ''),
    })),
    resources: content.resources.map((resource) => ({
      organization: names.organization(resource.organizationId),
      description: resource.description,
      amount: resource.amount === null ? '—' : `${resource.amount}${resource.unit ? ` ${resource.unit}` : ''}`,
    })),
    managementModel: content.managementModel
      ? { name: managementModelLabel(content.managementModel), rule: MANAGEMENT_MODEL_RULES[content.managementModel] }
      : null,
    governance: content.governance
      ? {
          contacts: Object.entries(content.governance.pointsOfContact).map(([organizationId, userId]) => ({
            organization: names.organization(organizationId),
            contact: names.user(userId),
          })),
          decisionRule: content.governance.decisionRule,
          escalationPath: content.governance.escalationPath,
          escalationSteps: content.governance.escalationSteps?.length ? content.governance.escalationSteps.map((userId) => names.user(userId)) : null,
          communication: planSentence(content.governance.communicationPlan, names.organization),
        }
      : null,
    conflictProcess: content.conflictProcess,
    terminationOptions: content.terminationOptions.map((option) => TERMINATION_OPTION_LABELS[option]),
    noticePeriod: content.noticePeriod ? durationInWords(content.noticePeriod) : NOT_RECORDED,
    term: termSentence(content.term),
    kpis: content.kpis.map((kpi) => ({
      name: kpi.name,
      owner: names.organization(kpi.ownerOrganizationId),
      change: `${kpi.baseline} → ${kpi.target} ${kpi.unit} (${kpi.direction})`,
      cadence: everyInWords(kpi.cadence),
      goal: kpi.goalRank === null ? null : goalTitle(kpi.goalRank),
    })),
  };
}

export const VERSION_STATUS_LABELS: Record<AgreementVersionStatus, string> = {
  signing: 'Being signed',
  adopted: 'Adopted (in force)',
  refused: 'Refused',
  withdrawn: 'Withdrawn (a termination was proposed)',
  superseded: 'Superseded by a later version',
};

const RULE_LABELS: Record<DecisionRule, string> = {
  consensus: 'every partner organization signs (consensus)',
  agreement: 'every organization holding a role signs (agreement)',
  agreement_or_vote: 'every partner organization signs (agreement), else a majority vote decides',
  majority: 'a majority of partner organizations signs (vote)',
};

/** The agreement's term in a sentence: how long it runs and when the coordinator is reminded. */
export function termSentence(term: AgreementTerm | null | undefined): string {
  if (!term) return 'Open-ended: no term, so nothing expires.';
  return `Runs for ${durationInWords(term.duration)} from adoption; the coordinator is reminded ${term.remindBefore.map(durationInWords).join(', ')} before it ends, and the first reminder asks to renew, restructure or let it end.`;
}

export function signingRuleLabel(rule: DecisionRule | null): string {
  return rule ? RULE_LABELS[rule] : '—';
}

export interface SignatureRow {
  organization: string;
  status: 'signed' | 'refused' | 'awaiting';
  by: string | null;
  at: string | null;
  reason: string | null;
}

/** One row per organization of the version, plus any that signed later (joining organizations). */
export function signatureRows(version: AgreementVersion, names: Names): SignatureRow[] {
  const organizationIds = [...new Set([...version.content.organizationIds, ...Object.keys(version.signatures), ...Object.keys(version.refusals)])];
  return organizationIds.map((id) => {
    const signed = version.signatures[id];
    const refused = version.refusals[id];
    if (signed) return { organization: names.organization(id), status: 'signed', by: names.user(signed.userId), at: signed.at, reason: null };
    if (refused) return { organization: names.organization(id), status: 'refused', by: names.user(refused.userId), at: refused.at, reason: refused.reason || null };
    return { organization: names.organization(id), status: 'awaiting', by: null, at: null, reason: null };
  });
}

/** "Version 2 (generation 1)": renewals restart the count, so the generation tells them apart. */
export function versionLabel(version: Pick<AgreementVersion, 'version' | 'generation'>): string {
  return `Version ${version.version}${version.generation > 0 ? ` (renewal ${version.generation})` : ''}`;
}

/**
 * What a new version changes in the KPIs and roles in force, one line each, in words: the draft the
 * coordinator is preparing, and what the partners are asked to sign.
 */
export function changeLines(changes: AgreedChanges, names: Pick<Names, 'organization'>): string[] {
  const kpiLine = (kpi: Kpi) => `${kpi.name}: ${names.organization(kpi.ownerOrganizationId)} reports it ${everyInWords(kpi.cadence)}, ${kpi.baseline} → ${kpi.target} ${kpi.unit}`;
  const roleLine = (role: RoleAssignment) => `${names.organization(role.organizationId)} ${RESPONSIBILITY_LABELS[role.responsibility].toLowerCase()} for goal ${role.goalRank}`;
  return [
    ...changes.kpis.added.map((kpi) => `New KPI — ${kpiLine(kpi)}`),
    ...changes.kpis.changed.map(({ before, after }) => `KPI changed — ${kpiLine(after)} (was ${kpiLine(before)})`),
    ...changes.kpis.removed.map((kpi) => `KPI dropped — ${kpiLine(kpi)}`),
    ...changes.roles.added.map((role) => `Role added — ${roleLine(role)}`),
    ...changes.roles.removed.map((role) => `Role removed — ${roleLine(role)}`),
  ];
}
