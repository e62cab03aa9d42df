/**
 * The rules of the method: `decide(state, command, meta)` returns the events a command causes or
 * throws a DomainError with a stable code. Pure: the clock and the actor arrive in `meta`.
 */
import type { PartnershipCommand } from './commands.js';
import { Decision, ERROR_CODES, type CommandMeta } from './decision.js';
import { conflict, forbidden, notFound, ruleBroken } from './errors.js';
import type { PartnershipEvent } from './events.js';
import { type ActivePartnership, type PartnershipState } from './partnership.js';
import { policyProblems } from './policy.js';
import { addStakeholder, openListeningSignoff, recordListeningSession, scoreAlignment } from './rules/listening.js';
import { addOrganization, moveDueDate, putOnHold, removeOrganization, resume, setHolidayCalendars } from './rules/lifecycle.js';
import { decideReview, kpiReportsFallDue, openHealthPulse, openReviewCycle, openReviewWhenReady, recordHealthCheck, reportMeasurements, restartKpiReports, scheduleKpiReports, scheduleReview } from './rules/measurement.js';
import { decidePriorities, recordGoals, submitPriorities } from './rules/priorities.js';
import { chooseManagementModel, commitResources, defineKpi, defineRoles, issueAgreement, setAgreementTerm, setConflictProcess, setGovernance, setTerminationTerms } from './rules/roles.js';
import { carryOut, proposeRenegotiation } from './rules/changes.js';
import { raiseConflict, workOnConflict } from './rules/conflicts.js';
import { checkInFallsDue, completeAction, recordCheckIn, scheduleCheckIns } from './rules/checkins.js';
import { decideExpiry, expire, remindOfExpiry } from './rules/expiry.js';
import { answer, callVote, settle, type SignoffOutcome } from './rules/signoff.js';
import { closeWhenWoundDown, concludeTermination, decideTerminationApproval, proposeTermination, rejectTermination, remindOfNotice, takeEffect } from './rules/termination.js';
import { calendarProblems, holidaysFor } from './calendar.js';
import { escalationSteps } from './governance.js';
import { deadlines, escalationDue, escalationRecipients, remindersDue } from './timers.js';
import { isDataTaskKind, parseTaskData, taskLabel, type DataTaskKind, type TaskDataOf } from './task-catalogue.js';
import { mayCompleteTask, recipientOf, type OpenTask } from './tasks.js';

export type { PartnershipCommand, PartnershipCommandType } from './commands.js';
export { ERROR_CODES, type CommandMeta } from './decision.js';
export { goalProblems } from './rules/priorities.js';
export { measuredKpis, measuresOf } from './rules/measurement.js';
/** The decision rule a management model implies. */
export { ruleOf as decisionRuleOf } from './rules/signoff.js';

export function decide(state: PartnershipState, command: PartnershipCommand, meta: CommandMeta): PartnershipEvent[] {
  if (command.type === 'CreatePartnership') return create(state, command, meta);
  if (state.status !== 'active') throw notFound(ERROR_CODES.notFound, 'No such partnership');
  if (meta.actor.kind === 'user' && meta.actor.role === 'auditor') throw forbidden(ERROR_CODES.readOnly, 'Auditors read everything and change nothing');
  if (state.stage === 'CLOSED') throw conflict(ERROR_CODES.closed, 'The partnership is closed');
  // A country's holidays are a fact about the world, refreshed whether or not the partnership is held.
  if (state.hold && command.type !== 'Resume' && command.type !== 'FireDueTimers' && command.type !== 'SetHolidayCalendars') {
    throw conflict(ERROR_CODES.onHold, `The partnership is on hold (${state.hold.reason}); resume it first`);
  }
  const d = new Decision(state, meta);
  handle(d, command);
  return d.events;
}

function handle(d: Decision, command: Exclude<PartnershipCommand, { type: 'CreatePartnership' }>): void {
  switch (command.type) {
    case 'RecordGoals':
      return recordGoals(d, command.goals, command.scope);
    case 'SubmitPriorities':
      return submitPriorities(d);
    case 'AddStakeholder':
      return addStakeholder(d, command.stakeholder);
    case 'RecordListeningSession':
      return recordListeningSession(d, command.session);
    case 'ScoreAlignment':
      return scoreAlignment(d, command.organizationId, command.scores);
    case 'OpenListeningSignoff':
      return openListeningSignoff(d);
    case 'DefineRoles':
      return defineRoles(d, command.roles);
    case 'CommitResources':
      return commitResources(d, command.resources);
    case 'ChooseManagementModel':
      return chooseManagementModel(d, command.model);
    case 'SetGovernance':
      return setGovernance(d, command.governance);
    case 'SetConflictProcess':
      return setConflictProcess(d, command.process);
    case 'SetTerminationTerms':
      return setTerminationTerms(d, command.options, command.noticePeriod);
    case 'DefineKpi':
      return defineKpi(d, command.kpi);
    case 'IssueAgreement':
      return issueAgreement(d);
    case 'ProposeTermination':
      return proposeTermination(d, command.option, command.reason);
    case 'PutOnHold':
      return putOnHold(d, command.reason);
    case 'Resume':
      return resume(d);
    case 'AddOrganization':
      return addOrganization(d, command.organizationId, command.reason, command.holidayCalendar);
    case 'RemoveOrganization':
      removeOrganization(d, command.organizationId, command.reassignTo ?? null, command.reason);
      return afterSignoff(d, settle(d));
    case 'MoveDueDate':
      return moveDueDate(d, command.taskId, command.dueAt, command.reason);
    case 'CompleteTask':
      return completeTask(d, command);
    case 'FireDueTimers':
      return fireDueTimers(d);
    case 'CallVote':
      return afterSignoff(d, callVote(d, 'coordinator'));
    case 'ProposeRenegotiation':
      return proposeRenegotiation(d, command.reason);
    case 'RaiseConflict':
      return raiseConflict(d, command);
    case 'SetAgreementTerm':
      return setAgreementTerm(d, command.term);
    case 'SetHolidayCalendars':
      return setHolidayCalendars(d, command.calendars);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function create(state: PartnershipState, command: Extract<PartnershipCommand, { type: 'CreatePartnership' }>, meta: CommandMeta): PartnershipEvent[] {
  if (state.status !== 'absent') throw conflict(ERROR_CODES.alreadyExists, 'This partnership already exists');
  const actor = meta.actor;
  if (actor.kind === 'user' && actor.role !== 'coordinator' && actor.role !== 'admin') {
    throw forbidden(ERROR_CODES.notCoordinator, 'Only a coordinator or an admin creates partnerships');
  }
  const fields: Record<string, string> = {};
  if (command.name.trim().length < 3) fields.name = 'must have at least 3 characters';
  const distinct = new Set(command.organizationIds);
  if (distinct.size !== command.organizationIds.length) fields.organizationIds = 'must not list an organization twice';
  else if (distinct.size < 2) fields.organizationIds = 'a partnership needs at least two organizations';
  for (const [key, problem] of Object.entries(policyProblems(command.policy))) fields[`policy.${key}`] = problem;
  const calendars = command.holidayCalendars ?? {};
  for (const organizationId of Object.keys(calendars)) if (!distinct.has(organizationId)) fields[`holidayCalendars.${organizationId}`] = 'not a member of this partnership';
  Object.assign(fields, calendarProblems(calendars, 'holidayCalendars'));
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidDefinition, 'The partnership definition breaks a rule', fields);
  const { type: _type, holidayCalendars: _calendars, ...data } = command;
  const at = meta.now.toISOString();
  const created: PartnershipEvent = {
    type: 'PartnershipCreated',
    data: { ...data, organizationIds: [...data.organizationIds], steeringGroupIds: [...data.steeringGroupIds] },
    at,
    actor,
  };
  // Recorded beside the creation, so the history shows which holidays every later date skipped.
  if (Object.keys(calendars).length === 0) return [created];
  return [created, { type: 'HolidayCalendarsSet', data: { calendars: { ...calendars } }, at, actor }];
}

function completeTask(d: Decision, command: Extract<PartnershipCommand, { type: 'CompleteTask' }>): void {
  const task = d.state.openTasks.find((candidate) => candidate.id === command.taskId);
  if (!task) throw conflict(ERROR_CODES.taskNotFound, 'This task is no longer open');
  if (d.actor.kind !== 'user' || !mayCompleteTask(task.assignee, d.actor)) {
    throw forbidden(ERROR_CODES.notAssignee, 'Only the assignee (or a representative of the assigned organization) completes this task');
  }
  const comment = command.comment?.trim() || null;
  const approve = command.decision === 'approve';
  if (!approve && isDataTaskKind(task.kind)) throw ruleBroken(ERROR_CODES.decisionNotAllowed, 'This task is completed, not rejected', { decision: 'must be "approve"' });
  if (!approve && !comment) throw ruleBroken(ERROR_CODES.reasonRequired, 'A rejection needs a reason', { comment: 'say why' });
  d.emit({ type: 'TaskCompleted', data: { taskId: task.id, decision: command.decision, comment } });
  switch (task.kind) {
    case 'APPROVE_PRIORITIES':
      return decidePriorities(d, task, approve, comment);
    case 'CONFIRM_LISTENING':
    case 'SIGN_TERMINATION':
    case 'DECIDE_CHANGE':
      return afterSignoff(d, answer(d, task, approve, comment));
    case 'SIGN_AGREEMENT':
      return signAgreement(d, task, approve, comment);
    case 'REPORT_MEASUREMENT':
      return reportMeasurements(d, task, dataOf(task.kind, command.data));
    case 'HEALTH_CHECK':
      recordHealthCheck(d, task, dataOf(task.kind, command.data));
      return openReviewWhenReady(d, task.cycle ?? d.state.cycle);
    case 'REVIEW':
      return decideReview(d, task, dataOf(task.kind, command.data));
    case 'APPROVE_TERMINATION':
      return decideTerminationApproval(d, approve, comment);
    case 'WIND_DOWN':
      dataOf(task.kind, command.data);
      return closeWhenWoundDown(d);
    case 'RESOLVE_CONFLICT':
      return workOnConflict(d, task, dataOf(task.kind, command.data));
    case 'DECIDE_EXPIRY':
      return decideExpiry(d, dataOf(task.kind, command.data));
    case 'RECORD_CHECK_IN':
      return recordCheckIn(d, task, dataOf(task.kind, command.data));
    case 'CHECK_IN_ACTION':
      return completeAction(d, task, dataOf(task.kind, command.data));
    default: {
      const unhandled: never = task.kind;
      return unhandled;
    }
  }
}

/** The completion's data in its kind's shape; any client may send a command, so it is checked here too. */
function dataOf<K extends DataTaskKind>(kind: K, data: unknown): TaskDataOf<K> {
  const checked = parseTaskData(kind, data);
  if (!checked.ok) throw ruleBroken(ERROR_CODES.invalidTaskData, `The data does not fit a ${taskLabel(kind).toLowerCase()} task`, checked.errors);
  return checked.data;
}

function signAgreement(d: Decision, task: OpenTask, approve: boolean, comment: string | null): void {
  const agreement = d.state.agreement;
  if (approve && agreement && task.assignee.kind === 'organization') {
    d.emit({ type: 'AgreementSigned', data: { version: agreement.version, organizationId: task.assignee.organizationId, userId: d.actor.userId } });
  }
  if (task.purpose === 'joining') return;
  afterSignoff(d, answer(d, task, approve, comment));
}

/** What a decided sign-off round leads to, by its subject. */
function afterSignoff(d: Decision, outcome: SignoffOutcome): void {
  if (outcome === 'pending') return;
  const subject = d.events.findLast((event) => event.type === 'SignoffCompleted');
  if (!subject || subject.type !== 'SignoffCompleted') return;
  const approved = outcome === 'approved';
  switch (subject.data.subject) {
    case 'LISTENING':
      if (approved) d.advance('ROLE_IDENTIFICATION');
      return;
    case 'AGREEMENT':
      if (!approved || !d.state.agreement) return;
      d.emit({ type: 'AgreementAdopted', data: { version: d.state.agreement.version } });
      if (d.state.stage === 'ROLE_IDENTIFICATION') {
        d.advance('MEASUREMENT');
        scheduleReview(d);
        scheduleKpiReports(d);
      } else if (d.state.stage === 'MEASUREMENT') {
        restartKpiReports(d);
      }
      scheduleCheckIns(d);
      return;
    case 'TERMINATION':
      if (approved) concludeTermination(d);
      else rejectTermination(d, 'the partners did not sign off the termination');
      return;
    case 'CHANGE': {
      const change = d.decidedRound?.proposal?.change;
      if (approved && change) carryOut(d, change);
      return;
    }
  }
}

function fireDueTimers(d: Decision): void {
  if (d.actor.kind !== 'system') throw forbidden(ERROR_CODES.systemOnly, 'Only the workflow fires timers');
  const now = d.now.getTime();
  for (const deadline of deadlines(d.state).filter((candidate) => candidate.at <= now)) {
    const task = 'taskId' in deadline ? d.state.openTasks.find((candidate) => candidate.id === deadline.taskId) : undefined;
    switch (deadline.purpose) {
      case 'reminder':
        if (task) d.emit({ type: 'ReminderSent', data: { taskId: task.id, reminder: remindersDue(task, d.state.policy, now), recipients: [recipientOf(task.assignee)] } });
        break;
      case 'escalation':
        if (task) {
          const level = escalationDue(task, d.state.policy, now, escalationSteps(d.state).length, holidaysFor(d.state.holidayCalendars, task.assignee));
          d.emit({ type: 'TaskEscalated', data: { taskId: task.id, level, recipients: escalationRecipients(d.state, level) } });
        }
        break;
      case 'review':
        if (d.state.nextReviewAt) openReviewCycle(d);
        break;
      case 'pulse':
        if (d.state.nextPulseAt) openHealthPulse(d);
        break;
      case 'notice':
        remindOfNotice(d);
        break;
      case 'vote':
        afterSignoff(d, callVote(d, 'deadline'));
        break;
      case 'expiry_reminder':
        remindOfExpiry(d);
        break;
      case 'expiry':
        expire(d);
        break;
      case 'check_in':
        checkInFallsDue(d);
        break;
      case 'kpi_report':
        // The first of the KPIs due opens every report due now; the rest find nothing left to open.
        kpiReportsFallDue(d);
        break;
      case 'termination':
        // Whatever else fell due belongs to the partnership that has just ended.
        return takeEffect(d);
    }
  }
}

export type { ActivePartnership };
