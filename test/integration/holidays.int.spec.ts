/**
 * Holiday calendars against the real stack: an organization's country is checked against the holiday
 * library; a partnership created with it records its public holidays in the history, and the task
 * assigned to it falls due later by the holidays its window spans, while a person's task and a
 * country-less organization's keep the plain window. A country change reaches the open partnership.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDirectory } from '../support/directory.js';
import { DEMO, login, request, type Session } from '../support/http.js';
import { allTasks, castOf, completeOpenTasks, send, timeline, type Cast } from '../support/lifecycle.js';
import { SLOW_POLICY, smartGoals } from '../support/partnerships.js';

const DAY = 24 * 60 * 60 * 1000;
const put = (session: Session, path: string, body: unknown) => request('PUT', path, { token: session.token, body });
/**
 * A window long enough to span a German national holiday from any day of the year (the longest gap,
 * New Year to a late Good Friday, is under 115 days), so the test proves a skip whenever it runs.
 */
const POLICY = { ...SLOW_POLICY, taskDue: 'P120D' };
const directory = testDirectory('holidays');
let admin: Session;
let cast: Cast;

beforeAll(async () => {
  [admin, cast] = await Promise.all([login(DEMO.admin), castOf()]);
});
afterAll(async () => {
  await directory.remove();
});

/** The due date of a window of `days` calendar days from `openedAt` where none of `holidays` counts. */
function windowEnd(openedAt: string, days: number, holidays: ReadonlySet<string>): { dueAt: string; skipped: number } {
  let at = Date.parse(openedAt);
  let remaining = days;
  let skipped = 0;
  while (remaining > 0) {
    at += DAY;
    if (holidays.has(new Date(at).toISOString().slice(0, 10))) skipped += 1;
    else remaining -= 1;
  }
  return { dueAt: new Date(at).toISOString(), skipped };
}

describe('holiday calendars', () => {
  it('checks the country against the holiday library and lists the countries', async () => {
    const countries = (await admin.get('/api/countries')).body as { id: string; name: string }[];
    expect(countries).toContainEqual({ id: 'DE', name: 'Germany' });
    expect(countries.length).toBeGreaterThan(100);
    const unknown = await admin.post('/api/organizations', { name: directory.organizationName('Nowhere'), kind: 'company', country: 'ZZ' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.country).toMatch(/ZZ is not a country the holiday calendar knows/);
    const malformed = await admin.post('/api/organizations', { name: directory.organizationName('Nowhere'), kind: 'company', country: 'Germany' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.country).toMatch(/two-letter country code/);
    const lower = await admin.post('/api/organizations', { name: directory.organizationName('Lower'), kind: 'company', country: 'fr' });
    expect(lower.status).toBe(201);
    expect(lower.body.country).toBe('FR');
  });

  it('a German organization’s task skips German public holidays; a person’s and a country-less organization’s do not', async () => {
    const created = await admin.post('/api/organizations', { name: directory.organizationName('Rhein Kliniken'), kind: 'public body', country: 'DE' });
    expect(created.status).toBe(201);
    const german = created.body.id as string;
    const partnership = await cast.coordinator.post('/api/partnerships', {
      name: `Holidays ${Math.random().toString(36).slice(2, 8)}`,
      description: 'A German hospital group and Riverside',
      sponsorId: cast.sponsor.user.id,
      organizationIds: [german, cast.orgs.riverside],
      policy: POLICY,
    });
    expect(partnership.status, JSON.stringify(partnership.body)).toBe(201);
    const id = partnership.body.id as string;

    // The history records exactly which holidays: beside the creation, Germany's for this year and the next nine.
    const events = await timeline(cast, id);
    expect(events.map((event) => event.type).slice(0, 2)).toEqual(['PartnershipCreated', 'HolidayCalendarsSet']);
    const recorded = events[1]!.payload.calendars;
    expect(Object.keys(recorded)).toEqual([german]);
    const year = new Date().getUTCFullYear();
    expect(recorded[german]).toMatchObject({ country: 'DE', fromYear: year, toYear: year + 9 });
    expect(recorded[german].dates).toContain(`${year + 1}-10-03`);
    expect(recorded[german].dates).toContain(`${year + 1}-12-25`);
    const holidays = new Set<string>(recorded[german].dates);

    await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: smartGoals(), scope: 'Two regions' });
    await send(cast, cast.coordinator, id, { type: 'SubmitPriorities' });
    // The sponsor's task keeps the plain window: people serve across countries.
    const [approval] = (await allTasks(cast, id, 'APPROVE_PRIORITIES'));
    expect(Date.parse(approval!.dueAt) - Date.parse(approval!.openedAt)).toBe(120 * DAY);
    await completeOpenTasks(cast, cast.sponsor, id, 'APPROVE_PRIORITIES');

    await send(cast, cast.coordinator, id, { type: 'AddStakeholder', stakeholder: { name: 'Patients’ council', organizationId: null, interest: 5, influence: 3 } });
    await send(cast, cast.coordinator, id, {
      type: 'RecordListeningSession',
      session: { heldOn: new Date().toISOString().slice(0, 10), participants: ['ward managers'], heard: 'Discharge is slow', concerns: [] },
    });
    for (const organizationId of [german, cast.orgs.riverside]) await send(cast, cast.coordinator, id, { type: 'ScoreAlignment', organizationId, scores: { '1': 3, '2': 2 } });
    await send(cast, cast.coordinator, id, { type: 'OpenListeningSignoff' });

    const confirmations = (await allTasks(cast, id, 'CONFIRM_LISTENING'));
    const taskOf = (organizationId: string) => confirmations.find((task) => task.assigneeOrganizationId === organizationId)!;
    const germanTask = taskOf(german);
    const expected = windowEnd(germanTask.openedAt, 120, holidays);
    expect(expected.skipped).toBeGreaterThan(0);
    expect(germanTask.dueAt).toBe(expected.dueAt);
    const riversideTask = taskOf(cast.orgs.riverside);
    expect(Date.parse(riversideTask.dueAt) - Date.parse(riversideTask.openedAt)).toBe(120 * DAY);

    // A new country reaches the open partnership as one more calendar event.
    const changed = await put(admin, `/api/organizations/${german}`, { country: 'AT' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ country: 'AT', calendars: { refreshed: [id], failed: [] } });
    const after = await timeline(cast, id);
    const refresh = after.at(-1)!;
    expect(refresh).toMatchObject({ type: 'HolidayCalendarsSet', actorId: admin.user.id });
    expect(refresh.payload.calendars[german]).toMatchObject({ country: 'AT', fromYear: year });
    // The same country again retries every partnership, and those already holding its calendar record nothing.
    const same = await put(admin, `/api/organizations/${german}`, { country: 'AT' });
    expect(same.body.calendars).toEqual({ refreshed: [id], failed: [] });
    expect((await timeline(cast, id)).length).toBe(after.length);
  });
});
