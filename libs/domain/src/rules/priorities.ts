/** PRIORITY_SETTING: ranked SMART goals and their scope, approved by the sponsor. */
import { Decision, ERROR_CODES, requireCoordinator, requireStage } from '../decision.js';
import { conflict, ruleBroken } from '../errors.js';
import type { Goal } from '../model.js';
import type { OpenTask } from '../tasks.js';

export function recordGoals(d: Decision, goals: Goal[], scope: string): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, 'PRIORITY_SETTING');
  if (d.state.prioritiesStatus !== 'DRAFTING') throw conflict(ERROR_CODES.alreadySubmitted, 'The priorities are with the sponsor; wait for the decision');
  const fields = goalProblems(goals, d.now);
  if (scope.trim().length === 0) fields.scope = 'describe the scope in which the goals are achievable';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidGoals, 'The goals are not SMART', fields);
  d.emit({ type: 'GoalsRecorded', data: { goals: [...goals].sort((a, b) => a.rank - b.rank), scope: scope.trim() } });
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

export function submitPriorities(d: Decision): void {
  requireCoordinator(d.state, d.actor);
  requireStage(d.state, 'PRIORITY_SETTING');
  if (d.state.prioritiesStatus !== 'DRAFTING') throw conflict(ERROR_CODES.alreadySubmitted, 'The priorities were already submitted');
  if (d.state.goals.length === 0) throw ruleBroken(ERROR_CODES.noGoals, 'Record the goals before submitting them', { goals: 'record at least one goal' });
  d.emit({ type: 'PrioritiesSubmitted', data: {} });
  d.openTask({ kind: 'APPROVE_PRIORITIES', title: `Approve the priorities of ${d.state.name}`, assignee: { kind: 'user', userId: d.state.sponsorId } });
}

export function decidePriorities(d: Decision, _task: OpenTask, approved: boolean, reason: string | null): void {
  if (approved) {
    d.emit({ type: 'PrioritiesApproved', data: {} });
    d.advance('LISTENING');
  } else {
    d.emit({ type: 'PrioritiesRejected', data: { reason: reason ?? '' } });
  }
}
