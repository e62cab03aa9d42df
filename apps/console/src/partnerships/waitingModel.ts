/**
 * What a partnership is waiting for now, in words ("Waiting for Northwind Foundation to sign the
 * agreement, due in 3 days"), derived from its open tasks and, when none is open, from what the
 * stage still lacks. Each stage's page shows the line that concerns it.
 */
import { millisecondsInWords, STAGES, type OpenTask, type Stage, type TaskKind } from '@pe/domain';
import { stageLabel, type PartnershipRecord } from './partnershipModel';

/** Names of the people and organizations a record refers to by id. */
export interface Names {
  organization(id: string): string;
  user(id: string): string;
}

export type WaitingRecord = Pick<
  PartnershipRecord,
  'stage' | 'prioritiesStatus' | 'goals' | 'organizationIds' | 'coordinatorId' | 'sponsorId'
> &
  Partial<
    Pick<
      PartnershipRecord,
      | 'openTasks'
      | 'hold'
      | 'stakeholders'
      | 'listeningSessions'
      | 'alignment'
      | 'roles'
      | 'managementModel'
      | 'governance'
      | 'conflictProcess'
      | 'terminationOptions'
      | 'kpis'
      | 'nextReviewAt'
      | 'cycle'
      | 'termination'
    >
  >;

/** What the assignees of each kind of task are asked to do, as the end of "Waiting for X to …". */
const TASK_ASKS: Record<TaskKind, (task: OpenTask) => string> = {
  APPROVE_PRIORITIES: () => 'approve the priorities',
  CONFIRM_LISTENING: () => 'confirm the listening record',
  SIGN_AGREEMENT: () => 'sign the agreement',
  DECIDE_CHANGE: () => 'decide the proposed change',
  DECIDE_EXPIRY: () => 'decide on the agreement’s end',
  RESOLVE_CONFLICT: () => 'work on a conflict',
  RECORD_CHECK_IN: (task) => `record check-in${task.detail ? ` ${task.detail}` : ''}`,
  CHECK_IN_ACTION: () => 'finish an action agreed at a check-in',
  REPORT_MEASUREMENT: (task) => (task.purpose === 'kpi_report' ? 'report KPIs due between reviews' : `report measurements${task.cycle ? ` for cycle ${task.cycle}` : ''}`),
  HEALTH_CHECK: () => 'answer the health check',
  REVIEW: (task) => `decide the review${task.cycle ? ` of cycle ${task.cycle}` : ''}`,
  APPROVE_TERMINATION: () => 'approve the proposed termination',
  SIGN_TERMINATION: () => 'sign off the termination',
  WIND_DOWN: (task) => `finish the wind-down${task.detail ? ` (${task.detail})` : ''}`,
};

export function dueInWords(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  if (Number.isNaN(left)) return '';
  return left >= 0 ? `due in ${millisecondsInWords(Math.abs(left))}` : `overdue by ${millisecondsInWords(Math.abs(left))}`;
}

function assigneeName(task: OpenTask, record: WaitingRecord, names: Names): string {
  if (task.assignee.kind === 'organization') return names.organization(task.assignee.organizationId);
  const { userId } = task.assignee;
  if (userId === record.sponsorId) return 'the sponsor';
  if (userId === record.coordinatorId) return 'the coordinator';
  return names.user(userId);
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** One line per kind of open task (per wind-down item): who, what, and the earliest due date. */
export function waitingOnTasks(record: WaitingRecord, names: Names, now: number): string[] {
  const groups = new Map<string, OpenTask[]>();
  for (const task of [...(record.openTasks ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
    const key = `${task.kind}/${task.cycle ?? ''}/${task.purpose ?? ''}/${task.kind === 'WIND_DOWN' ? (task.detail ?? '') : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  return [...groups.values()].map((tasks) => {
    const first = tasks[0]!;
    const who = joinNames([...new Set(tasks.map((task) => assigneeName(task, record, names)))]);
    return `Waiting for ${who} to ${TASK_ASKS[first.kind](first)}, ${dueInWords(first.dueAt, now)}`;
  });
}

/** What the coordinator still has to record in LISTENING before the sign-off can open. */
function listeningGaps(record: WaitingRecord, names: Names): string[] {
  const gaps: string[] = [];
  if ((record.stakeholders ?? []).length === 0) gaps.push('add a stakeholder');
  if ((record.listeningSessions ?? []).length === 0) gaps.push('record a listening session');
  const unscored = record.organizationIds.filter((id) => record.goals.some((goal) => record.alignment?.[id]?.[String(goal.rank)] === undefined));
  if (unscored.length > 0) gaps.push(`collect the alignment scores of ${joinNames(unscored.map((id) => names.organization(id)))}`);
  return gaps;
}

/** What the agreement still lacks in ROLE_IDENTIFICATION (the decider names each on IssueAgreement). */
function rolesGaps(record: WaitingRecord): string[] {
  const gaps: string[] = [];
  if ((record.roles ?? []).length === 0) gaps.push('the responsibilities');
  if (!record.managementModel) gaps.push('the management model');
  if (!record.governance) gaps.push('the governance');
  if (!record.conflictProcess) gaps.push('the conflict process');
  if ((record.terminationOptions ?? []).length === 0) gaps.push('the termination options');
  if ((record.kpis ?? []).length === 0) gaps.push('the KPIs');
  return gaps;
}

/** When no task is open: what the stage needs next, and from whom. */
function waitingOnStage(record: WaitingRecord, names: Names, now: number): string {
  switch (record.stage) {
    case 'PRIORITY_SETTING':
      return record.goals.length === 0
        ? 'Waiting for the coordinator to record the goals and submit them to the sponsor'
        : 'Waiting for the coordinator to submit the priorities to the sponsor';
    case 'LISTENING': {
      const gaps = listeningGaps(record, names);
      return gaps.length > 0
        ? `Waiting for the coordinator to ${joinNames(gaps)}, then open the listening sign-off`
        : 'Waiting for the coordinator to open the listening sign-off';
    }
    case 'ROLE_IDENTIFICATION': {
      const gaps = rolesGaps(record);
      return gaps.length > 0
        ? `Waiting for the coordinator to record ${joinNames(gaps)}, then issue the agreement`
        : 'Waiting for the coordinator to issue the agreement';
    }
    case 'MEASUREMENT':
      return record.nextReviewAt
        ? `Waiting for review cycle ${(record.cycle ?? 0) + 1}, which opens in ${millisecondsInWords(Math.max(0, Date.parse(record.nextReviewAt) - now))}`
        : 'Measuring: no review is scheduled';
    case 'TERMINATION':
      return 'Waiting for the termination to be carried out';
    case 'CLOSED':
      return 'Nothing: the partnership is closed';
  }
}

/** "Termination takes effect on 2030-04-15 (exit, after the notice period)", while an approved termination's notice runs. */
export function terminationNotice(record: Pick<WaitingRecord, 'termination'>): string | null {
  const termination = record.termination;
  if (!termination?.effectiveAt) return null;
  return `Termination takes effect on ${termination.effectiveAt.slice(0, 10)} (${termination.option.replace('_', ' ')}, after the agreed notice period); the partnership carries on until then`;
}

/** Everything the partnership waits for now, most pressing first. */
export function waitingFor(record: WaitingRecord, names: Names, now: number): string[] {
  const hold = record.hold ? [`On hold since ${record.hold.since.slice(0, 10)} (${record.hold.reason}): waiting for the coordinator to resume it`] : [];
  const notice = terminationNotice(record);
  const tasks = waitingOnTasks(record, names, now);
  return [...hold, ...(notice ? [notice] : []), ...(tasks.length > 0 ? tasks : [waitingOnStage(record, names, now)])];
}

/** The line a stage's page shows: the current wait, or where the partnership is relative to it. */
export function stagePageStatus(page: Stage, record: WaitingRecord, names: Names, now: number): string[] {
  if (page === record.stage) return waitingFor(record, names, now);
  if (page === 'TERMINATION' && record.stage !== 'CLOSED') return [`No termination is being decided. The partnership is in ${stageLabel(record.stage)}.`];
  const before = STAGES.indexOf(page) < STAGES.indexOf(record.stage);
  return [before ? `Done: the partnership has moved on to ${stageLabel(record.stage)}.` : `Not started: the partnership is in ${stageLabel(record.stage)}.`];
}
