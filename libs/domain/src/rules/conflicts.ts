/**
 * The conflict register: any participant raises a conflict between member organizations; it follows
 * the conflict process as steps, each a task for its owner — direct discussion (the first
 * organization concerned, through its point of contact), coordinator mediation, the steering group
 * (the sponsor). The owner records the resolution, or passes it to the next step saying why. An
 * overdue step is reminded and escalated along the escalation path like any task.
 */
import { ERROR_CODES, isCoordinator, requireMember, type Decision } from '../decision.js';
import { forbidden, ruleBroken } from '../errors.js';
import { CONFLICT_STEPS, type Conflict, type ConflictSeverity, type ConflictStep } from '../model.js';
import type { TaskDataOf } from '../task-catalogue.js';
import type { Assignee, OpenTask } from '../tasks.js';

const STEP_NAMES: Record<ConflictStep, string> = {
  direct_discussion: 'direct discussion',
  coordinator_mediation: 'coordinator mediation',
  steering_group: 'steering group',
};

/** Whether the actor takes part in the partnership: its coordinator, sponsor, a steering member, or a member organization's partner. */
function participates(d: Decision): boolean {
  const actor = d.actor;
  if (actor.kind !== 'user') return false;
  if (isCoordinator(d.state, actor)) return true;
  if (actor.role === 'partner') return actor.organizationId !== null && d.state.organizationIds.includes(actor.organizationId);
  return actor.role === 'sponsor' && (actor.userId === d.state.sponsorId || d.state.steeringGroupIds.includes(actor.userId));
}

export function raiseConflict(d: Decision, input: { title: string; description: string; organizationIds: string[]; severity: ConflictSeverity }): void {
  if (!participates(d)) throw forbidden(ERROR_CODES.notParticipant, 'Only the coordinator, the sponsor, the steering group or a member organization’s representative raises a conflict');
  const fields: Record<string, string> = {};
  if (input.title.trim().length === 0) fields.title = 'say what the conflict is about';
  if (input.organizationIds.length === 0) fields.organizationIds = 'name the organizations it is between';
  input.organizationIds.forEach((organizationId, index) => {
    const problem = requireMember(d.state, organizationId, `organizationIds.${index}`);
    if (problem) fields[`organizationIds.${index}`] = problem;
  });
  if (new Set(input.organizationIds).size !== input.organizationIds.length) fields.organizationIds = 'name each organization once';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidConflict, 'The conflict is not valid', fields);
  const id = `conflict-${d.state.version + 1}`;
  d.emit({ type: 'ConflictRaised', data: { conflict: { id, title: input.title.trim(), description: input.description.trim(), organizationIds: input.organizationIds, severity: input.severity } } });
  openStep(d, d.state.conflicts.find((conflict) => conflict.id === id)!);
}

function ownerOf(d: Decision, conflict: Conflict): Assignee {
  switch (conflict.step) {
    case 'direct_discussion':
      return d.assigneeFor(conflict.organizationIds[0]!);
    case 'coordinator_mediation':
      return { kind: 'user', userId: d.state.coordinatorId };
    case 'steering_group':
      return { kind: 'user', userId: d.state.sponsorId };
  }
}

function openStep(d: Decision, conflict: Conflict): void {
  d.openTask({ kind: 'RESOLVE_CONFLICT', title: `Resolve the conflict “${conflict.title}” (${STEP_NAMES[conflict.step]}): ${d.state.name}`, assignee: ownerOf(d, conflict), detail: conflict.id });
}

/** The step's owner records the resolution, or passes the conflict to the next step. */
export function workOnConflict(d: Decision, task: OpenTask, data: TaskDataOf<'RESOLVE_CONFLICT'>): void {
  const conflict = d.state.conflicts.find((candidate) => candidate.id === task.detail);
  if (!conflict || conflict.status !== 'open') return;
  if (data.outcome === 'resolved') {
    d.emit({ type: 'ConflictResolved', data: { conflictId: conflict.id, resolution: data.note } });
    return;
  }
  const next = CONFLICT_STEPS[CONFLICT_STEPS.indexOf(conflict.step) + 1];
  if (!next) throw ruleBroken(ERROR_CODES.invalidTaskData, 'The steering group is the last step', { 'data.outcome': 'the steering group is the last step: record its resolution' });
  d.emit({ type: 'ConflictStepPassed', data: { conflictId: conflict.id, from: conflict.step, to: next, note: data.note } });
  openStep(d, d.state.conflicts.find((candidate) => candidate.id === conflict.id)!);
}
