/** What may happen at any stage: hold and resume, membership changes, a moved due date. */
import { calendarProblems, type HolidayCalendar, type HolidayCalendars } from '../calendar.js';
import { Decision, ERROR_CODES, requireCoordinator, requireNoSignoff } from '../decision.js';
import { conflict, ruleBroken } from '../errors.js';
import { openReviewWhenReady } from './measurement.js';
import { extendToSuccessor, proposeChange } from './signoff.js';

export function putOnHold(d: Decision, reason: string): void {
  requireCoordinator(d.state, d.actor);
  if (!reason.trim()) throw ruleBroken(ERROR_CODES.reasonRequired, 'Say why the partnership is put on hold', { reason: 'required' });
  d.emit({ type: 'PartnershipPutOnHold', data: { reason: reason.trim() } });
}

export function resume(d: Decision): void {
  requireCoordinator(d.state, d.actor);
  const hold = d.state.hold;
  if (!hold) throw conflict(ERROR_CODES.notOnHold, 'The partnership is not on hold');
  d.emit({ type: 'PartnershipResumed', data: { heldForMs: Math.max(0, d.now.getTime() - Date.parse(hold.since)) } });
}

/**
 * Admitting an organization: the coordinator alone while the partnership forms; once a management
 * model is chosen, a change the partners decide (a CHANGE round).
 */
export function addOrganization(d: Decision, organizationId: string, reason = '', holidayCalendar?: HolidayCalendar | null): void {
  requireCoordinator(d.state, d.actor);
  requireNoSignoff(d.state);
  if (d.state.organizationIds.includes(organizationId)) {
    throw ruleBroken(ERROR_CODES.membership, 'The organization is already a member', { organizationId: 'already a member' });
  }
  // Its holidays come with the proposal: inert until it joins, and then its tasks already skip them.
  // Null (no country now) clears a calendar kept from an earlier membership; the same calendar again records nothing.
  if (holidayCalendar !== undefined && !sameCalendar(d, organizationId, holidayCalendar)) recordCalendars(d, { [organizationId]: holidayCalendar }, 'holidayCalendar');
  if (d.partnersDecide) return proposeChange(d, { kind: 'admit_organization', organizationId }, reason);
  admitOrganization(d, organizationId);
}

/** A joining organization signs the agreement in force, if there is one. */
export function admitOrganization(d: Decision, organizationId: string): void {
  d.emit({ type: 'OrganizationJoined', data: { organizationId } });
  if (d.state.agreement?.adopted) {
    d.openTask({
      kind: 'SIGN_AGREEMENT',
      title: `Sign the partnering agreement (version ${d.state.agreement.version}) to join ${d.state.name}`,
      assignee: d.assigneeFor(organizationId),
      purpose: 'joining',
    });
  }
}

/** Removing an organization: like admitting one, the partners' to decide once a model is chosen. */
export function removeOrganization(d: Decision, organizationId: string, reassignTo: string | null, reason = ''): void {
  requireCoordinator(d.state, d.actor);
  const fields: Record<string, string> = {};
  if (!d.state.organizationIds.includes(organizationId)) fields.organizationId = 'not a member of this partnership';
  else if (d.state.organizationIds.length <= 2) fields.organizationId = 'a partnership needs at least two organizations';
  if (reassignTo !== null && (reassignTo === organizationId || !d.state.organizationIds.includes(reassignTo))) fields.reassignTo = 'must be another member';
  const holds = (set: { roles: { organizationId: string }[]; kpis: { ownerOrganizationId: string }[] }) =>
    set.roles.some((role) => role.organizationId === organizationId) || set.kpis.some((kpi) => kpi.ownerOrganizationId === organizationId);
  const holdsRoles = holds(d.state) || (d.state.draft !== null && holds(d.state.draft));
  if (holdsRoles && reassignTo === null) fields.reassignTo = 'the organization holds roles or KPIs: say who takes them over';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.membership, 'The organization cannot leave this way', fields);
  if (d.partnersDecide) return proposeChange(d, { kind: 'remove_organization', organizationId, reassignTo }, reason);
  dischargeOrganization(d, organizationId, reassignTo);
}

/** A leaving organization's open tasks are cancelled and its roles and KPIs go to `reassignTo`. */
export function dischargeOrganization(d: Decision, organizationId: string, reassignTo: string | null): void {
  d.cancelTasks((task) => task.assignee.kind === 'organization' && task.assignee.organizationId === organizationId, 'the organization left the partnership');
  const wasEligible = d.state.signoff?.eligible.includes(organizationId) ?? false;
  d.emit({ type: 'OrganizationLeft', data: { organizationId, reassignTo } });
  if (wasEligible) extendToSuccessor(d, reassignTo);
  // Its cancelled measurement or health check may have been the last the cycle's review waited for.
  openReviewWhenReady(d, d.state.cycle);
}

export function moveDueDate(d: Decision, taskId: string, dueAt: string, reason?: string): void {
  requireCoordinator(d.state, d.actor);
  const task = d.state.openTasks.find((candidate) => candidate.id === taskId);
  if (!task) throw conflict(ERROR_CODES.taskNotFound, 'This task is no longer open');
  const due = Date.parse(dueAt);
  if (Number.isNaN(due) || due <= d.now.getTime()) throw ruleBroken(ERROR_CODES.invalidDueDate, 'The new due date must be in the future', { dueAt: 'must be a future instant' });
  // The reason is optional so that moves sent before it existed still decide (and replay) the same.
  const why = reason?.trim();
  d.emit({ type: 'TaskDueDateMoved', data: { taskId, from: task.dueAt, to: new Date(due).toISOString(), ...(why ? { reason: why } : {}) } });
}

/**
 * The API refreshes the calendars of a partnership's members when an organization's country changes;
 * dates already set stay as they are, the new calendar applies to deadlines computed from now on.
 */
export function setHolidayCalendars(d: Decision, calendars: HolidayCalendars): void {
  requireCoordinator(d.state, d.actor);
  const fields: Record<string, string> = {};
  for (const organizationId of Object.keys(calendars)) if (!d.state.organizationIds.includes(organizationId)) fields[`calendars.${organizationId}`] = 'not a member of this partnership';
  if (Object.keys(calendars).length === 0) fields.calendars = 'name at least one organization';
  if (Object.keys(fields).length > 0) throw ruleBroken(ERROR_CODES.invalidCalendar, 'The holiday calendars do not fit this partnership', fields);
  // Sent again (a retried refresh), a calendar the partnership already keeps records nothing.
  const changed = Object.fromEntries(Object.entries(calendars).filter(([organizationId, calendar]) => !sameCalendar(d, organizationId, calendar)));
  if (Object.keys(changed).length > 0) recordCalendars(d, changed, 'calendars');
}

const sameCalendar = (d: Decision, organizationId: string, calendar: HolidayCalendar | null): boolean =>
  JSON.stringify(d.state.holidayCalendars?.[organizationId] ?? null) === JSON.stringify(calendar);

function recordCalendars(d: Decision, calendars: HolidayCalendars, field: string): void {
  const problems = calendarProblems(calendars, field);
  if (Object.keys(problems).length > 0) throw ruleBroken(ERROR_CODES.invalidCalendar, 'The holiday calendars are not valid', problems);
  d.emit({ type: 'HolidayCalendarsSet', data: { calendars: { ...calendars } } });
}
