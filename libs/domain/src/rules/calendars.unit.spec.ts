/**
 * Holiday calendars: the API sends each organization's public holidays; the decider records them and
 * an organization's task windows and escalation steps skip them. Without a calendar, or for a
 * person's task, dates are what they always were (weekends alone skipped by escalations).
 */
import { describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '../calendar.js';
import { ERROR_CODES } from '../decide.js';
import { addBusinessDuration, addTaskWindow } from '../duration.js';
import type { PartnershipEvent } from '../events.js';
import { DEFAULT_POLICY } from '../policy.js';
import { deadlines, escalationAt } from '../timers.js';
import { active, admin, coordinator, createdData, DAY, given, IDS, inMeasurement, inRoles, listened, NOW, partnerA, sponsor, stamped } from '../spec-helpers.js';

const calendar = (...dates: string[]): HolidayCalendar => ({ country: 'DE', fromYear: 2030, toYear: 2032, dates });
const iso = (at: number) => new Date(at).toISOString();
/** NOW is Tuesday 2030-01-15 09:00; the policy's P7D window ends Tuesday 2030-01-22. */
const WINDOW_END = '2030-01-22T09:00:00.000Z';

const dueDates = (events: PartnershipEvent[]) =>
  Object.fromEntries(events.flatMap((event) => (event.type === 'TaskOpened' && event.data.task.assignee.kind === 'organization' ? [[event.data.task.assignee.organizationId, event.data.task.dueAt]] : [])));

describe('addTaskWindow', () => {
  it('moves the due date a day for each holiday the window spans, and for one on the due day', () => {
    const opened = Date.parse(NOW.toISOString());
    expect(iso(addTaskWindow(opened, 'P7D', new Set(['2030-01-17'])))).toBe('2030-01-23T09:00:00.000Z');
    expect(iso(addTaskWindow(opened, 'P7D', new Set(['2030-01-17', '2030-01-18'])))).toBe('2030-01-24T09:00:00.000Z');
    expect(iso(addTaskWindow(opened, 'P7D', new Set(['2030-01-22'])))).toBe('2030-01-23T09:00:00.000Z');
  });

  it('keeps today’s window without holidays, with holidays outside it, and for windows in hours or seconds', () => {
    const opened = Date.parse(NOW.toISOString());
    expect(iso(addTaskWindow(opened, 'P7D'))).toBe(WINDOW_END);
    expect(iso(addTaskWindow(opened, 'P7D', new Set(['2030-01-14', '2030-01-23'])))).toBe(WINDOW_END);
    expect(addTaskWindow(opened, 'PT30S', new Set(['2030-01-15'])) - opened).toBe(30_000);
  });
});

describe('addBusinessDuration with holidays', () => {
  const friday = Date.parse('2030-01-18T09:00:00.000Z');
  it('skips the weekend and a holiday: Friday + 5 business days over a Monday holiday is the Monday after', () => {
    expect(iso(addBusinessDuration(friday, 'P5D', new Set(['2030-01-21'])))).toBe('2030-01-28T09:00:00.000Z');
  });
  it('skips weekends alone without a calendar, and a holiday on a weekend changes nothing', () => {
    expect(iso(addBusinessDuration(friday, 'P5D'))).toBe('2030-01-25T09:00:00.000Z');
    expect(iso(addBusinessDuration(friday, 'P1D', new Set(['2030-01-19'])))).toBe('2030-01-21T09:00:00.000Z');
  });
  it('passes escalation steps the same calendar', () => {
    expect(iso(escalationAt({ dueAt: '2030-01-18T09:00:00.000Z' }, DEFAULT_POLICY, 1, new Set(['2030-01-21'])))).toBe('2030-01-28T09:00:00.000Z');
  });
});

describe('SetHolidayCalendars', () => {
  it('records the calendars sent; an organization’s task then falls due a day later over its holiday, the others as before', () => {
    const s = listened();
    given(s)
      .when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-01-17'), [IDS.orgB]: null } }, { actor: admin })
      // orgB had no calendar: its null changes nothing, so only orgA's is recorded.
      .then([{ type: 'HolidayCalendarsSet', data: { calendars: { [IDS.orgA]: calendar('2030-01-17') } } }]);
    s.do({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-01-17') } });
    const events = given(s).when({ type: 'OpenListeningSignoff' }).events();
    expect(dueDates(events)).toEqual({ [IDS.orgA]: '2030-01-23T09:00:00.000Z', [IDS.orgB]: WINDOW_END, [IDS.orgC]: WINDOW_END });
  });

  it('without any calendar, every window is today’s', () => {
    const events = given(listened()).when({ type: 'OpenListeningSignoff' }).events();
    expect(new Set(Object.values(dueDates(events)))).toEqual(new Set([WINDOW_END]));
  });

  it('escalates an organization’s overdue task by its own business days', () => {
    const s = listened().do({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-01-17', '2030-01-28') } }).do({ type: 'OpenListeningSignoff' });
    const state = active(s.state);
    const taskOf = (organizationId: string) => state.openTasks.find((task) => task.assignee.kind === 'organization' && task.assignee.organizationId === organizationId)!;
    const escalation = (organizationId: string) => deadlines(state).find((deadline) => deadline.purpose === 'escalation' && deadline.taskId === taskOf(organizationId).id)!.at;
    // A's task is due one day later (its holiday on the 17th), and its five business days skip the 28th.
    expect(escalation(IDS.orgA)).toBe(addBusinessDuration(Date.parse(taskOf(IDS.orgA).dueAt), 'P5D', new Set(['2030-01-28'])));
    expect(escalation(IDS.orgA) - Date.parse(taskOf(IDS.orgA).dueAt)).toBe(8 * DAY);
    expect(escalation(IDS.orgB) - Date.parse(taskOf(IDS.orgB).dueAt)).toBe(7 * DAY);
  });

  it('an integrated round’s vote falls due with the last of its tasks, one an organization’s holiday moved', () => {
    const proposed = inMeasurement('integrated').do({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-01-17') } }).do({ type: 'ProposeTermination', option: 'exit', reason: 'Goals met' });
    const events = given(proposed).when({ type: 'CompleteTask', taskId: proposed.task('APPROVE_TERMINATION').id, decision: 'approve' }, { actor: sponsor }).events();
    const opened = events.find((event) => event.type === 'SignoffOpened');
    expect(opened?.type === 'SignoffOpened' && opened.data.voteAt).toBe('2030-01-23T09:00:00.000Z');
    expect(dueDates(events)[IDS.orgA]).toBe('2030-01-23T09:00:00.000Z');
    expect(dueDates(events)[IDS.orgB]).toBe(WINDOW_END);
  });

  it('records only the calendars that change: a refresh sent again adds nothing', () => {
    const s = listened().do({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-05-01') } });
    given(s).when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-05-01') } }).then([]);
    given(s)
      .when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-05-01'), [IDS.orgB]: calendar('2030-10-03') } })
      .then([{ type: 'HolidayCalendarsSet', data: { calendars: { [IDS.orgB]: calendar('2030-10-03') } } }]);
  });

  it('is taken while the partnership is on hold: holidays are a fact about the world', () => {
    const held = listened().do({ type: 'PutOnHold', reason: 'Funding review' });
    given(held)
      .when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: calendar('2030-05-01') } }, { actor: admin })
      .then([{ type: 'HolidayCalendarsSet', data: { calendars: { [IDS.orgA]: calendar('2030-05-01') } } }]);
  });

  it('refuses a non-member, a bad country or a date outside the span → 422 CALENDAR.INVALID; is the coordinator’s or an admin’s', () => {
    given(listened())
      .when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgD]: calendar('2030-05-01') } })
      .thenThrows(ERROR_CODES.invalidCalendar, { fields: { [`calendars.${IDS.orgD}`]: 'not a member of this partnership' } });
    given(listened())
      .when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: { ...calendar('2029-12-25'), country: 'germany' } } })
      .thenThrows(ERROR_CODES.invalidCalendar, {
        fields: { [`calendars.${IDS.orgA}.country`]: 'must be an ISO 3166-1 alpha-2 code', [`calendars.${IDS.orgA}.dates`]: '2029-12-25 is not a date within 2030–2032' },
      });
    given(listened()).when({ type: 'SetHolidayCalendars', calendars: {} }).thenThrows(ERROR_CODES.invalidCalendar, { fields: { calendars: 'name at least one organization' } });
    given(listened()).when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: null } }, { actor: partnerA }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
    given(listened()).when({ type: 'SetHolidayCalendars', calendars: { [IDS.orgA]: null } }, { actor: sponsor }).thenThrows(ERROR_CODES.notCoordinator, { kind: 'forbidden' });
  });
});

describe('calendars on creation and on joining', () => {
  it('CreatePartnership records the members’ calendars beside the creation', () => {
    const { partnershipId, ...rest } = createdData();
    const calendars = { [IDS.orgA]: calendar('2030-01-17'), [IDS.orgB]: null };
    given([])
      .when({ type: 'CreatePartnership', partnershipId, ...rest, holidayCalendars: calendars })
      .then([
        { type: 'PartnershipCreated', data: createdData() },
        { type: 'HolidayCalendarsSet', data: { calendars } },
      ]);
  });

  it('CreatePartnership without calendars is recorded exactly as before, and refuses a calendar for a non-member', () => {
    const { partnershipId, ...rest } = createdData();
    given([]).when({ type: 'CreatePartnership', partnershipId, ...rest }).then([{ type: 'PartnershipCreated', data: createdData() }]);
    given([])
      .when({ type: 'CreatePartnership', partnershipId, ...rest, holidayCalendars: { [IDS.orgD]: calendar() } })
      .thenThrows(ERROR_CODES.invalidDefinition, { fields: { [`holidayCalendars.${IDS.orgD}`]: 'not a member of this partnership' } });
  });

  it('AddOrganization records the joiner’s calendar before it joins', () => {
    given(inRoles())
      .when({ type: 'AddOrganization', organizationId: IDS.orgD, holidayCalendar: calendar('2030-03-01') }, { actor: coordinator })
      .then([
        { type: 'HolidayCalendarsSet', data: { calendars: { [IDS.orgD]: calendar('2030-03-01') } } },
        { type: 'OrganizationJoined', data: { organizationId: IDS.orgD } },
      ]);
  });

  it('AddOrganization without a country (null) records nothing new, but clears a calendar kept from an earlier membership', () => {
    given(inRoles()).when({ type: 'AddOrganization', organizationId: IDS.orgD, holidayCalendar: null }, { actor: coordinator }).then([{ type: 'OrganizationJoined', data: { organizationId: IDS.orgD } }]);
    const kept = inRoles()
      .do({ type: 'AddOrganization', organizationId: IDS.orgD, holidayCalendar: calendar('2030-03-01') })
      .do({ type: 'RemoveOrganization', organizationId: IDS.orgD, reassignTo: null });
    given(kept)
      .when({ type: 'AddOrganization', organizationId: IDS.orgD, holidayCalendar: null }, { actor: coordinator })
      .then([
        { type: 'HolidayCalendarsSet', data: { calendars: { [IDS.orgD]: null } } },
        { type: 'OrganizationJoined', data: { organizationId: IDS.orgD } },
      ]);
    given(kept).when({ type: 'AddOrganization', organizationId: IDS.orgD, holidayCalendar: calendar('2030-03-01') }, { actor: coordinator }).then([{ type: 'OrganizationJoined', data: { organizationId: IDS.orgD } }]);
  });

  it('an old history, without HolidayCalendarsSet, folds to no calendar at all', () => {
    expect(active(given([stamped({ type: 'PartnershipCreated', data: createdData() })]).state).holidayCalendars).toBeUndefined();
  });
});
