/**
 * Check-ins: the agreement's communication plan (a cadence, a channel, the organizations that take
 * part) turns, once the agreement is adopted, into a check-in every cadence. Each falls due as the
 * coordinator's RECORD_CHECK_IN task, which records when it was held, who attended, the notes and
 * the actions agreed; each action becomes a CHECK_IN_ACTION task for its owner, due on its date. A
 * check-in not recorded by its task's due date is missed: its task is reminded and escalated like
 * any task, and the measures count it as planned but not held.
 */
import { ERROR_CODES, requireMember, type Decision } from '../decision.js';
import { durationMs, parseDuration } from '../duration.js';
import { ruleBroken } from '../errors.js';
import { actingGovernance, escalationCandidates } from '../governance.js';
import type { CheckIn, CommunicationPlan, Governance } from '../model.js';
import type { ActivePartnership } from '../partnership.js';
import type { TaskDataOf } from '../task-catalogue.js';
import type { OpenTask } from '../tasks.js';

/** The plan the engine acts on: only an adopted agreement's (a plan still being negotiated is not agreed). */
export function planInForce(state: ActivePartnership): CommunicationPlan | null {
  return state.agreedTerms?.governance.communicationPlan ?? null;
}

/** What is wrong with a communication plan, keyed as SetGovernance's fields. */
export function communicationPlanProblems(state: ActivePartnership, plan: CommunicationPlan | undefined): Record<string, string> {
  if (plan === undefined) return {};
  const fields: Record<string, string> = {};
  const cadence = parseDuration(plan.cadence);
  if (cadence === null || cadence <= 0) fields['governance.communicationPlan.cadence'] = 'must be an ISO-8601 duration such as P14D or P1M';
  if (plan.channel.trim().length === 0) fields['governance.communicationPlan.channel'] = 'say how the check-ins are held (a call, a meeting)';
  if (plan.organizationIds.length === 0) fields['governance.communicationPlan.organizationIds'] = 'name the organizations that take part';
  else if (new Set(plan.organizationIds).size !== plan.organizationIds.length) fields['governance.communicationPlan.organizationIds'] = 'name each organization once';
  plan.organizationIds.forEach((organizationId, index) => {
    const problem = requireMember(state, organizationId, `governance.communicationPlan.organizationIds.${index}`);
    if (problem) fields[`governance.communicationPlan.organizationIds.${index}`] = problem;
  });
  return fields;
}

/**
 * Who may own an action: people the partnership knows by the governance in force — the coordinator,
 * the sponsor, the steering group and the organizations' points of contact.
 */
export function actionOwnerIds(state: ActivePartnership): string[] {
  const governance: Governance = actingGovernance(state) ?? { pointsOfContact: {}, decisionRule: '', escalationPath: '' };
  return [...escalationCandidates(state, governance)];
}

/**
 * On adoption: the first check-in falls due a cadence after it (a new version restarts the plan from
 * its own adoption, as it does its term); a version without a plan stops planning them. Emits
 * nothing where there is no plan, so partnerships without one decide exactly as before.
 */
export function scheduleCheckIns(d: Decision): void {
  const plan = planInForce(d.state);
  if (plan) d.emit({ type: 'CheckInScheduled', data: { at: new Date(d.now.getTime() + durationMs(plan.cadence)).toISOString() } });
  else if (d.state.nextCheckInAt !== null) d.emit({ type: 'CheckInScheduled', data: { at: null } });
}

/** The check-in timer fired: its task opens for the coordinator, and the next is planned a cadence on (skipping any already past). */
export function checkInFallsDue(d: Decision): void {
  const plan = planInForce(d.state);
  const plannedAt = d.state.nextCheckInAt;
  if (!plan || !plannedAt) return;
  const number = d.state.checkIns.length + 1;
  const cadence = durationMs(plan.cadence);
  let next = Date.parse(plannedAt) + cadence;
  // Back from a revisit or a long hold, missed occasions are not opened one by one.
  if (next <= d.now.getTime()) next += Math.ceil((d.now.getTime() - next + 1) / cadence) * cadence;
  const taskId = d.openTask({
    kind: 'RECORD_CHECK_IN',
    title: `Record check-in ${number} (planned ${plannedAt.slice(0, 10)}): ${d.state.name}`,
    assignee: { kind: 'user', userId: d.state.coordinatorId },
    detail: String(number),
  });
  d.emit({ type: 'CheckInFellDue', data: { number, plannedAt, cycle: d.state.cycle + 1, taskId, nextAt: new Date(next).toISOString() } });
}

/** The check-in a RECORD_CHECK_IN task records. */
export function checkInOf(state: ActivePartnership, task: Pick<OpenTask, 'id'>): CheckIn | undefined {
  return state.checkIns.find((checkIn) => checkIn.taskId === task.id);
}

const today = (d: Decision) => d.now.toISOString().slice(0, 10);

/** The coordinator records the check-in; each action becomes its owner's task, due at the end of its date. */
export function recordCheckIn(d: Decision, task: OpenTask, data: TaskDataOf<'RECORD_CHECK_IN'>): void {
  const checkIn = checkInOf(d.state, task);
  if (!checkIn) throw ruleBroken(ERROR_CODES.invalidCheckIn, 'This task records no check-in of the plan', { data: 'no check-in is planned for this task' });
  const fields: Record<string, string> = {};
  if (data.heldOn > today(d)) fields['data.heldOn'] = 'must not be in the future';
  const owners = new Set(actionOwnerIds(d.state));
  data.actions.forEach((action, index) => {
    if (!owners.has(action.ownerId)) fields[`data.actions.${index}.ownerId`] = 'must be the coordinator, the sponsor, a steering-group member or a point of contact';
    if (action.dueOn < today(d)) fields[`data.actions.${index}.dueOn`] = 'must not be in the past';
  });
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidCheckIn, 'The check-in is not valid', fields);
  const actions = data.actions.map((action, index) => ({ id: `action-${checkIn.number}-${index + 1}`, description: action.description, ownerId: action.ownerId, dueOn: action.dueOn }));
  d.emit({ type: 'CheckInRecorded', data: { number: checkIn.number, heldOn: data.heldOn, attendees: data.attendees, notes: data.notes, actions } });
  for (const action of actions) {
    d.openTask({
      kind: 'CHECK_IN_ACTION',
      title: `Check-in action: ${truncate(action.description, 80)}: ${d.state.name}`,
      assignee: { kind: 'user', userId: action.ownerId },
      detail: action.id,
      dueAt: `${action.dueOn}T23:59:59.000Z`,
    });
  }
}

/** The owner says the action is done (and how). */
export function completeAction(d: Decision, task: OpenTask, data: TaskDataOf<'CHECK_IN_ACTION'>): void {
  if (task.detail === null) return;
  d.emit({ type: 'CheckInActionDone', data: { actionId: task.detail, note: data.note ?? null } });
}

/** The action a CHECK_IN_ACTION task carries, with the check-in it was agreed at. */
export function actionOf(state: ActivePartnership, task: Pick<OpenTask, 'detail'>): { checkIn: CheckIn; action: CheckIn['actions'][number] } | null {
  for (const checkIn of state.checkIns) {
    const action = checkIn.actions.find((candidate) => candidate.id === task.detail);
    if (action) return { checkIn, action };
  }
  return null;
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
