/**
 * The timeline's events and a one-line summary of each payload. The payload is whatever the
 * event carried, so it is read defensively: an unknown type still gets a readable line.
 */
import {
  durationInWords,
  HEALTH_DIMENSIONS,
  millisecondsInWords,
  type DecisionRule,
  type Kpi,
  type ReviewOutcome,
  type SignoffSubject,
  type TerminationOption,
} from '@pe/domain';
import type { RaRecord } from 'react-admin';
import { changeSummary } from './changeModel';
import { stageLabel } from './partnershipModel';

export interface EventRecord extends RaRecord<string> {
  partnershipId: string;
  sequence: number;
  type: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  payload: unknown;
  hash: string;
  previousHash: string | null;
}

type Payload = Record<string, unknown>;

const MAX_SUMMARY = 160;

export function actorLabel(event: Pick<EventRecord, 'actorName' | 'actorRole' | 'actorId'>): string {
  const name = event.actorName ?? event.actorId ?? 'system';
  return event.actorRole ? `${name} (${event.actorRole})` : name;
}

/** What a summary may look up beyond the event itself. */
export interface SummaryContext {
  /** A KPI's name by id; events carry only the id. */
  kpiName?: (kpiId: string) => string | undefined;
}

/** KPI names from the partnership's KPIs and from the KpiDefined and KpiDrafted events at hand (older generations too). */
export function kpiNamesFrom(kpis: readonly Pick<Kpi, 'id' | 'name'>[] | null | undefined, events: readonly Pick<EventRecord, 'type' | 'payload'>[] = []): (kpiId: string) => string | undefined {
  const names = new Map<string, string>();
  for (const event of events) {
    if (event.type !== 'KpiDefined' && event.type !== 'KpiDrafted') continue;
    const kpi = record(unwrap(event.payload).kpi);
    if (text(kpi.id) && text(kpi.name)) names.set(text(kpi.id), text(kpi.name));
  }
  for (const kpi of kpis ?? []) names.set(kpi.id, kpi.name);
  return (kpiId) => names.get(kpiId);
}

/** Newest first: the timeline opens on what just happened. */
/** An event type as words: "TaskDueDateMoved" → "Task due date moved". */
export function eventTypeLabel(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const TIMELINE_SORT = { field: 'sequence', order: 'DESC' } as const;

/** The event's data as people read it: indented JSON, exactly what was stored. */
export function payloadText(payload: unknown): string {
  return JSON.stringify(payload ?? null, null, 2);
}

export function summarizeEvent(event: Pick<EventRecord, 'type' | 'payload'>, context: SummaryContext = {}): string {
  const data = unwrap(event.payload);
  switch (event.type) {
    case 'PartnershipCreated':
      return `Created "${text(data.name)}" with ${list(data.organizationIds).length} organizations`;
    case 'GoalsRecorded': {
      const goals = list(data.goals);
      return `${goals.length} goal${goals.length === 1 ? '' : 's'} recorded${text(data.scope) ? `; scope: ${text(data.scope)}` : ''}`;
    }
    case 'PrioritiesSubmitted':
      return 'Priorities submitted to the sponsor';
    case 'TaskOpened': {
      const task = record(data.task);
      return `Task opened: ${text(task.title) || text(task.kind)}${text(task.dueAt) ? `, due ${formatInstant(text(task.dueAt))}` : ''}`;
    }
    case 'TaskCompleted':
      return `Task ${text(data.decision) === 'reject' ? 'rejected' : 'approved'}${text(data.comment) ? `: ${text(data.comment)}` : ''}`;
    case 'PrioritiesApproved':
      return 'Priorities approved';
    case 'PrioritiesRejected':
      return `Priorities rejected: ${text(data.reason)}`;
    case 'StageAdvanced':
      return `Stage ${stageLabel(text(data.from))} → ${stageLabel(text(data.to))}`;
    case 'TaskCancelled':
      return `Task cancelled${text(data.reason) ? `: ${text(data.reason)}` : ''}`;
    case 'TaskDueDateMoved':
      return truncate(`Due date moved from ${formatInstant(text(data.from))} to ${formatInstant(text(data.to))}${text(data.reason) ? `: ${text(data.reason)}` : ''}`);
    case 'ReminderSent': {
      const recipients = list(data.recipients ?? data.recipientIds);
      const nth = Number(data.reminder);
      return `${Number.isFinite(nth) && nth > 0 ? `Reminder ${nth}` : 'Reminder'} sent to ${recipientsLabel(recipients)}`;
    }
    case 'TaskEscalated': {
      const recipients = list(data.recipients ?? data.recipientIds);
      const level = Number(data.level);
      // Whom a level reaches depends on the agreed escalation path, so the recipients say it, not a ladder name.
      return `${Number.isFinite(level) && level > 0 ? `Escalated to level ${level}` : 'Escalated'}, ${recipientsLabel(recipients)} notified`;
    }
    case 'StakeholderAdded': {
      const stakeholder = record(data.stakeholder);
      return `Stakeholder added: ${text(stakeholder.name) || 'unnamed'}${stakeholder.interest !== undefined ? ` (interest ${text(stakeholder.interest)}, influence ${text(stakeholder.influence)})` : ''}`;
    }
    case 'ListeningSessionRecorded': {
      const session = record(data.session);
      const concerns = list(session.concerns).length;
      return truncate(
        `Listening session${text(session.heldOn) ? ` on ${text(session.heldOn)}` : ''} with ${plural(list(session.participants).length, 'participant')}, ${plural(concerns, 'concern')}${text(session.heard) ? `: ${text(session.heard)}` : ''}`,
      );
    }
    case 'AlignmentScored':
      return `Alignment scored for ${plural(Object.keys(record(data.scores)).length, 'goal')}`;
    case 'SignoffOpened': {
      const proposal = record(data.proposal);
      const change = record(proposal.change);
      if (text(data.subject) === 'CHANGE' && text(change.kind)) {
        return truncate(
          `Change proposed to the partners: ${changeSummary(change)} (${ruleLabel(data.rule)}, ${plural(list(data.eligible).length, 'organization')})${text(proposal.reason) ? `: ${text(proposal.reason)}` : ''}`,
        );
      }
      return `Sign-off of the ${subjectLabel(data.subject)} opened (${ruleLabel(data.rule)}, ${plural(list(data.eligible).length, 'organization')})`;
    }
    case 'SignoffExtended':
      return `Sign-off of the ${subjectLabel(data.subject)} extended to the organization taking over a leaver's roles`;
    case 'SignoffGiven':
      return `Sign-off of the ${subjectLabel(data.subject)} given`;
    case 'SignoffRefused':
      return truncate(`Sign-off of the ${subjectLabel(data.subject)} refused${text(data.reason) ? `: ${text(data.reason)}` : ''}`);
    case 'SignoffVoteCalled':
      return `Sign-off of the ${subjectLabel(data.subject)} fell to a vote (${VOTE_CAUSES[text(data.by)] ?? 'called'})`;
    case 'SignoffCompleted':
      return `Sign-off of the ${subjectLabel(data.subject)} ${text(data.outcome) === 'rejected' ? 'rejected' : 'approved'}${
        text(data.decidedBy) === 'vote' ? ' by vote' : text(data.decidedBy) === 'agreement' ? ' by agreement' : ''
      }`;
    case 'RolesDefined':
      return `${plural(list(data.roles).length, 'role')} defined`;
    case 'ResourcesCommitted':
      return `${plural(list(data.resources).length, 'resource')} committed`;
    case 'ManagementModelChosen':
      return `Management model: ${text(data.model)}`;
    case 'GovernanceSet': {
      const governance = record(data.governance);
      return truncate(`Governance set${text(governance.decisionRule) ? `: ${text(governance.decisionRule)}` : ''}`);
    }
    case 'ConflictProcessSet':
      return truncate(`Conflict process set${text(data.process) ? `: ${text(data.process)}` : ''}`);
    case 'TerminationTermsSet': {
      const options = list(data.options).map((option) => optionLabel(option));
      return `Termination terms set: ${options.length > 0 ? options.join(', ') : 'no options'}${text(data.noticePeriod) ? `, notice ${durationInWords(text(data.noticePeriod))}` : ''}`;
    }
    case 'KpiDefined': {
      const kpi = record(data.kpi);
      const unit = text(kpi.unit);
      return truncate(
        `KPI defined: ${text(kpi.name) || text(kpi.id)}${kpi.baseline !== undefined ? ` (${text(kpi.baseline)} → ${text(kpi.target)}${unit ? ` ${unit}` : ''})` : ''}`,
      );
    }
    case 'RolesDrafted':
      return `${plural(list(data.roles).length, 'role')} drafted for the next agreement version (v${text(data.sinceVersion)} stays in force until the partners sign it)`;
    case 'KpiDrafted': {
      const kpi = record(data.kpi);
      const unit = text(kpi.unit);
      return truncate(
        `KPI drafted for the next agreement version: ${text(kpi.name) || text(kpi.id)}${kpi.baseline !== undefined ? ` (${text(kpi.baseline)} → ${text(kpi.target)}${unit ? ` ${unit}` : ''})` : ''}; v${text(data.sinceVersion)} stays in force until the partners sign it`,
      );
    }
    case 'AgreementIssued':
      return data.draftSince === undefined
        ? `Agreement v${text(data.version)} issued for signature`
        : `Agreement v${text(data.version)} issued for signature, carrying the KPI and role changes drafted since v${text(data.draftSince)}`;
    case 'AgreementSigned':
      return `Agreement v${text(data.version)} signed`;
    case 'AgreementAdopted':
      return `Agreement v${text(data.version)} adopted`;
    case 'ReviewScheduled':
      return `Review cycle ${text(data.cycle)} scheduled for ${formatInstant(text(data.reviewAt))}${text(data.pulseAt) ? `, health pulse ${formatInstant(text(data.pulseAt))}` : ''}`;
    case 'ReviewCycleOpened':
      return `Review cycle ${text(data.cycle)} opened`;
    case 'HealthPulseOpened':
      return `Health pulse opened (cycle ${text(data.cycle)})`;
    case 'MeasurementRecorded': {
      const measurement = record(data.measurement);
      const kpiId = text(measurement.kpiId);
      const kpi = context.kpiName?.(kpiId) ?? `KPI ${kpiId}`;
      const between = text(measurement.plannedAt) ? `between reviews, due ${formatInstant(text(measurement.plannedAt))}, leading to cycle ${text(measurement.cycle)}` : `cycle ${text(measurement.cycle)}`;
      return `Measurement for ${kpi}: ${text(measurement.value)} (${between}${measurement.onTime === false ? ', late' : ''})`;
    }
    case 'KpiReportsScheduled': {
      const next = Object.values(record(data.at)).map(text).sort()[0];
      return next ? `KPI reports between reviews planned: the next falls due on ${formatInstant(next)}` : 'No KPI report falls due before the next review';
    }
    case 'KpiReportFellDue': {
      const names = list(data.kpiIds).map((kpiId) => context.kpiName?.(text(kpiId)) ?? `KPI ${text(kpiId)}`);
      return truncate(`KPI report fell due (between reviews): ${names.join(', ')}`);
    }
    case 'HealthCheckRecorded': {
      const check = record(data.check);
      const scores = record(check.scores);
      const dimensions = HEALTH_DIMENSIONS
        .filter((dimension) => scores[dimension] !== undefined)
        .map((dimension) => `${dimension} ${text(scores[dimension])}`);
      const recommend = check.recommend === null || check.recommend === undefined ? '' : `, recommend ${text(check.recommend)}/10`;
      return `Health check (cycle ${text(check.cycle)}): ${dimensions.join(', ') || 'no scores'}${recommend}`;
    }
    case 'GoalAttainmentScored':
      return `Goal attainment scored for ${plural(Object.keys(record(data.scores)).length, 'goal')} (cycle ${text(data.cycle)})`;
    case 'ReviewDecided':
      return `Review of cycle ${text(data.cycle)} decided: ${outcomeLabel(data.outcome)}`;
    case 'ConflictRaised': {
      const conflict = record(data.conflict);
      return truncate(`Conflict raised (${text(conflict.severity)} severity): ${text(conflict.title)}`);
    }
    case 'ConflictStepPassed':
      return truncate(`Conflict passed to the next step (${text(data.to).replace('_', ' ')})${text(data.note) ? `: ${text(data.note)}` : ''}`);
    case 'ConflictResolved':
      return truncate(`Conflict resolved${text(data.resolution) ? `: ${text(data.resolution)}` : ''}`);
    case 'CheckInScheduled':
      return text(data.at) ? `Check-ins planned: the first falls due on ${formatInstant(text(data.at))}` : 'Check-ins no longer planned: the agreement in force has no communication plan';
    case 'CheckInFellDue':
      return `Check-in ${text(data.number)} fell due: the coordinator records it`;
    case 'CheckInRecorded':
      return `Check-in ${text(data.number)} held on ${text(data.heldOn)}: ${plural(list(data.attendees).length, 'attendee')}, ${plural(list(data.actions).length, 'action')}`;
    case 'CheckInActionDone':
      return truncate(`Check-in action done${text(data.note) ? `: ${text(data.note)}` : ''}`);
    case 'AgreementTermSet': {
      const term = record(data.term);
      return text(term.duration) ? `Agreement term set: ${durationInWords(text(term.duration))}` : 'Agreement term removed: open-ended';
    }
    case 'AgreementExpiryReminderSent':
      return `Agreement expiry reminder ${text(data.reminder)}: the term ends on ${formatInstant(text(data.endsAt))}`;
    case 'AgreementExpired':
      return `The agreement’s term ended on ${formatInstant(text(data.endsAt))} without a decision`;
    case 'TerminationProposed':
      return truncate(`Termination proposed (${optionLabel(data.option)})${text(data.reason) ? `: ${text(data.reason)}` : ''}`);
    case 'TerminationApproved':
      return 'Termination approved by the sponsor';
    case 'TerminationRejected':
      return truncate(`Termination rejected${text(data.reason) ? `: ${text(data.reason)}` : ''}${text(data.backTo) ? `; back to ${stageLabel(text(data.backTo))}` : ''}`);
    case 'TerminationScheduled':
      return `Termination approved: the ${optionLabel(data.option)} takes effect on ${formatInstant(text(data.effectiveAt))} (notice ${text(data.noticePeriod)})`;
    case 'TerminationNoticeReminderSent':
      return `Notice reminder ${text(data.reminder)}: the termination takes effect on ${formatInstant(text(data.effectiveAt))}, ${recipientsLabel(list(data.recipients))} reminded`;
    case 'TerminationDecided':
      return `Termination decided: ${optionLabel(data.option)}`;
    case 'PartnershipRenewed':
      return `Partnership renewed (generation ${text(data.generation)})`;
    case 'PartnershipClosed':
      return 'Partnership closed';
    case 'PartnershipPutOnHold':
      return truncate(`Put on hold${text(data.reason) ? `: ${text(data.reason)}` : ''}`);
    case 'PartnershipResumed':
      return `Resumed after ${millisecondsInWords(Number(data.heldForMs))} on hold`;
    case 'OrganizationJoined':
      return 'Organization joined';
    case 'OrganizationLeft':
      return `Organization left${text(data.reassignTo) ? '; its roles and KPIs were handed on' : ''}`;
    case 'HolidayCalendarsSet': {
      const calendars = Object.values(record(data.calendars)).map((calendar) => record(calendar));
      const described = calendars.map((calendar) => (text(calendar.country) ? `${text(calendar.country)}, ${Array.isArray(calendar.dates) ? calendar.dates.length : 0} days` : 'weekends only'));
      return truncate(`Public holidays recorded for ${calendars.length} organization${calendars.length === 1 ? '' : 's'} (${described.join('; ')})`);
    }
    default:
      return truncate(JSON.stringify(event.payload ?? {}));
  }
}


const SUBJECT_LABELS: Record<SignoffSubject, string> = {
  LISTENING: 'listening summary',
  AGREEMENT: 'agreement',
  TERMINATION: 'termination',
  CHANGE: 'proposed change',
};

const RULE_LABELS: Record<DecisionRule, string> = { consensus: 'consensus', agreement: 'every role holder', agreement_or_vote: 'agreement, else a vote', majority: 'majority' };
const VOTE_CAUSES: Record<string, string> = { deadline: 'no agreement by the due date', coordinator: 'the coordinator called it', no_agreement: 'every organization answered without agreeing' };

const OPTION_LABELS: Record<TerminationOption, string> = { renew: 'renew', restructure: 'restructure', hand_over: 'hand over', exit: 'exit' };

const OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  continue: 'continue',
  revisit_priorities: 'revisit the priorities',
  revisit_roles: 'revisit the roles',
  propose_termination: 'propose termination',
};

function subjectLabel(subject: unknown): string {
  return SUBJECT_LABELS[text(subject) as SignoffSubject] ?? (text(subject).toLowerCase() || 'step');
}

function ruleLabel(rule: unknown): string {
  return RULE_LABELS[text(rule) as DecisionRule] ?? text(rule);
}

function optionLabel(option: unknown): string {
  return OPTION_LABELS[text(option) as TerminationOption] ?? text(option);
}

function outcomeLabel(outcome: unknown): string {
  return OUTCOME_LABELS[text(outcome) as ReviewOutcome] ?? text(outcome);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Recipients are people ({userId}) or organizations ({organizationId}, i.e. their representatives). */
function recipientsLabel(recipients: unknown[]): string {
  let people = 0;
  let organizations = 0;
  for (const recipient of recipients) {
    if (typeof recipient === 'string' || record(recipient).userId !== undefined) people += 1;
    else if (record(recipient).organizationId !== undefined) organizations += 1;
  }
  const parts = [people > 0 ? plural(people, 'person').replace('persons', 'people') : '', organizations > 0 ? plural(organizations, 'organization') : ''].filter(
    (part) => part !== '',
  );
  return parts.length > 0 ? parts.join(' and ') : 'nobody';
}

/** Some APIs nest the event's data one level down; accept both. */
function unwrap(payload: unknown): Payload {
  const outer = record(payload);
  const inner = outer.data;
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Payload) : outer;
}

function record(value: unknown): Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Payload) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function truncate(value: string): string {
  return value.length > MAX_SUMMARY ? `${value.slice(0, MAX_SUMMARY - 1)}…` : value;
}

function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
