/**
 * The rules of the method: `decide(state, command, meta)` returns the events a command causes or
 * throws a DomainError with a stable code. Pure: the clock and the actor arrive in `meta`.
 */
import { conflict, forbidden, notFound, ruleBroken } from './errors.js';
import { durationMs } from './duration.js';
import type { Actor, Goal, Partnership, PartnershipEvent, PartnershipEventBody, PartnershipState, TaskDecision } from './partnership.js';
import { policyProblems, type PartnershipPolicy } from './policy.js';
import { dueTimerEvents } from './timers.js';

export type PartnershipCommand =
  | {
      type: 'CreatePartnership';
      partnershipId: string;
      name: string;
      description: string;
      coordinatorId: string;
      sponsorId: string;
      organizationIds: string[];
      policy: PartnershipPolicy;
    }
  | { type: 'RecordGoals'; goals: Goal[]; scope: string }
  | { type: 'SubmitPriorities' }
  | { type: 'CompleteTask'; taskId: string; decision: TaskDecision; comment?: string | null }
  | { type: 'FireDueTimers' };

export type PartnershipCommandType = PartnershipCommand['type'];

export interface CommandMeta {
  now: Date;
  actor: Actor;
}

export const ERROR_CODES = {
  alreadyExists: 'PARTNERSHIP.ALREADY_EXISTS',
  notFound: 'PARTNERSHIP.NOT_FOUND',
  invalidDefinition: 'PARTNERSHIP.INVALID_DEFINITION',
  wrongStage: 'PARTNERSHIP.WRONG_STAGE',
  notCoordinator: 'PARTNERSHIP.NOT_COORDINATOR',
  invalidGoals: 'PRIORITIES.INVALID_GOALS',
  noGoals: 'PRIORITIES.NO_GOALS',
  alreadySubmitted: 'PRIORITIES.ALREADY_SUBMITTED',
  taskNotFound: 'TASK.NOT_FOUND',
  notAssignee: 'TASK.NOT_ASSIGNEE',
  reasonRequired: 'TASK.REASON_REQUIRED',
  systemOnly: 'COMMAND.SYSTEM_ONLY',
} as const;

type Body = PartnershipEventBody;

export function decide(state: PartnershipState, command: PartnershipCommand, meta: CommandMeta): PartnershipEvent[] {
  const stamp = (bodies: Body[]): PartnershipEvent[] =>
    bodies.map((body) => ({ ...body, at: meta.now.toISOString(), actor: meta.actor }) as PartnershipEvent);

  if (command.type === 'CreatePartnership') {
    if (state.status !== 'absent') throw conflict(ERROR_CODES.alreadyExists, 'This partnership already exists');
    return stamp(create(command, meta.actor));
  }
  if (state.status !== 'active') throw notFound(ERROR_CODES.notFound, 'No such partnership');

  switch (command.type) {
    case 'RecordGoals':
      return stamp(recordGoals(state, command.goals, command.scope, meta));
    case 'SubmitPriorities':
      return stamp(submitPriorities(state, meta));
    case 'CompleteTask':
      return stamp(completeTask(state, command, meta.actor));
    case 'FireDueTimers':
      if (meta.actor.kind !== 'system') throw forbidden(ERROR_CODES.systemOnly, 'Only the workflow fires timers');
      return stamp(dueTimerEvents(state, meta.now));
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function create(command: Extract<PartnershipCommand, { type: 'CreatePartnership' }>, actor: Actor): Body[] {
  if (actor.kind === 'user' && actor.role !== 'coordinator' && actor.role !== 'admin') {
    throw forbidden(ERROR_CODES.notCoordinator, 'Only a coordinator or an admin creates partnerships');
  }
  const fields: Record<string, string> = {};
  if (command.name.trim().length < 3) fields.name = 'must have at least 3 characters';
  const distinct = new Set(command.organizationIds);
  if (distinct.size !== command.organizationIds.length) fields.organizationIds = 'must not list an organization twice';
  else if (distinct.size < 2) fields.organizationIds = 'a partnership needs at least two organizations';
  for (const [key, problem] of Object.entries(policyProblems(command.policy))) fields[`policy.${key}`] = problem;
  if (Object.keys(fields).length > 0) {
    throw ruleBroken(ERROR_CODES.invalidDefinition, 'The partnership definition breaks a rule', fields);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'PartnershipCreated', data: { ...data, organizationIds: [...data.organizationIds] } }];
}

function requireCoordinator(state: Partnership, actor: Actor): void {
  if (actor.kind === 'user' && (actor.role === 'admin' || (actor.role === 'coordinator' && actor.userId === state.coordinatorId))) return;
  throw forbidden(ERROR_CODES.notCoordinator, "Only this partnership's coordinator records its priorities");
}

function requireStage(state: Partnership, stage: Partnership['stage']): void {
  if (state.stage !== stage) {
    throw conflict(ERROR_CODES.wrongStage, `The partnership is in ${state.stage}; this needs ${stage}`);
  }
}

function recordGoals(state: Partnership, goals: Goal[], scope: string, meta: CommandMeta): Body[] {
  requireCoordinator(state, meta.actor);
  requireStage(state, 'PRIORITY_SETTING');
  if (state.prioritiesStatus !== 'DRAFTING') {
    throw conflict(ERROR_CODES.alreadySubmitted, 'The priorities are with the sponsor; wait for the decision');
  }
  const fields = goalProblems(goals, meta.now);
  if (scope.trim().length === 0) fields.scope = 'describe the scope in which the goals are achievable';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidGoals, 'The goals are not SMART', fields);
  const ranked = [...goals].sort((a, b) => a.rank - b.rank);
  return [{ type: 'GoalsRecorded', data: { goals: ranked, scope: scope.trim() } }];
}

/** SMART: specific (a title), measurable (metric, baseline ≠ target), time-bound (a future due date), ranked 1..n. */
export function goalProblems(goals: Goal[], now: Date): Record<string, string> {
  const fields: Record<string, string> = {};
  if (goals.length === 0) fields.goals = 'record at least one goal';
  const ranks = goals.map((goal) => goal.rank).sort((a, b) => a - b);
  if (ranks.some((rank, index) => rank !== index + 1)) fields.goals = 'ranks must be 1, 2, 3… without gaps or ties';
  const today = now.toISOString().slice(0, 10);
  goals.forEach((goal, index) => {
    if (goal.title.trim().length < 3) fields[`goals.${index}.title`] = 'say specifically what the goal is';
    if (goal.metric.trim().length === 0) fields[`goals.${index}.metric`] = 'name the metric that measures it';
    if (goal.target === goal.baseline) fields[`goals.${index}.target`] = 'must differ from the baseline';
    if (goal.dueDate <= today) fields[`goals.${index}.dueDate`] = 'must be a date in the future';
  });
  return fields;
}

function submitPriorities(state: Partnership, meta: CommandMeta): Body[] {
  requireCoordinator(state, meta.actor);
  requireStage(state, 'PRIORITY_SETTING');
  if (state.prioritiesStatus !== 'DRAFTING') {
    throw conflict(ERROR_CODES.alreadySubmitted, 'The priorities were already submitted');
  }
  if (state.goals.length === 0) throw ruleBroken(ERROR_CODES.noGoals, 'Record the goals before submitting them', { goals: 'record at least one goal' });
  const openedAt = meta.now.getTime();
  const at = (duration: string) => new Date(openedAt + durationMs(duration)).toISOString();
  return [
    { type: 'PrioritiesSubmitted', data: {} },
    {
      type: 'TaskOpened',
      data: {
        task: {
          id: `${state.id}.${state.version + 2}`,
          kind: 'APPROVE_PRIORITIES',
          title: `Approve the priorities of ${state.name}`,
          assigneeUserId: state.sponsorId,
          openedAt: meta.now.toISOString(),
          dueAt: at(state.policy.taskDue),
          remindAt: at(state.policy.reminderAfter),
          escalateAt: at(state.policy.escalationAfter),
        },
      },
    },
  ];
}

function completeTask(state: Partnership, command: Extract<PartnershipCommand, { type: 'CompleteTask' }>, actor: Actor): Body[] {
  const task = state.openTasks.find((candidate) => candidate.id === command.taskId);
  if (!task) throw conflict(ERROR_CODES.taskNotFound, 'This task is no longer open');
  if (actor.kind !== 'user' || actor.userId !== task.assigneeUserId) {
    throw forbidden(ERROR_CODES.notAssignee, 'Only the assignee completes this task');
  }
  const comment = command.comment?.trim() || null;
  const completed: Body = { type: 'TaskCompleted', data: { taskId: task.id, decision: command.decision, comment } };
  switch (task.kind) {
    case 'APPROVE_PRIORITIES':
      if (command.decision === 'approve') {
        return [completed, { type: 'PrioritiesApproved', data: {} }, { type: 'StageAdvanced', data: { from: state.stage, to: 'LISTENING' } }];
      }
      if (!comment) throw ruleBroken(ERROR_CODES.reasonRequired, 'A rejection needs a reason', { comment: 'say why the priorities are rejected' });
      return [completed, { type: 'PrioritiesRejected', data: { reason: comment } }];
    default: {
      const unhandled: never = task.kind;
      return unhandled;
    }
  }
}
