/**
 * The replay of a partnership's page over a real log: its record as of an event or an instant, built
 * by the same mapping as the live record; the points the API refuses; who may replay; and the
 * people and event types its timeline can be filtered by.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, type Session } from '../support/http.js';
import { castOf, send, timeline, type Cast } from '../support/lifecycle.js';
import { SLOW_POLICY, smartGoals } from '../support/partnerships.js';

let cast: Cast;
let auditor: Session;
/** Northwind and Eastvale, without Riverside: Riverside's representative may not see it. */
let id: string;
/** When each event happened, by sequence. */
let occurredAt: Map<number, string>;

const recordAt = (session: Session, at: string | number) => session.get(`/api/partnerships/${id}?at=${encodeURIComponent(String(at))}`);
const targetOfGoal2 = (record: { goals: { rank: number; target: number }[] }) => record.goals.find((goal) => goal.rank === 2)?.target;

beforeAll(async () => {
  [cast, auditor] = await Promise.all([castOf(), login(DEMO.auditor)]);
  const created = await cast.coordinator.post('/api/partnerships', {
    name: `Replay ${Math.random().toString(36).slice(2, 8)}`,
    description: 'A foundation and a carrier',
    sponsorId: cast.sponsor.user.id,
    organizationIds: [cast.orgs.northwind, cast.orgs.eastvale],
    policy: SLOW_POLICY,
  });
  expect(created.status).toBe(201);
  id = created.body.id;
  const goals = smartGoals();
  await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals, scope: 'The eastern region' });
  await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: [goals[0], { ...goals[1], target: 35 }], scope: 'The eastern region' });
  await send(cast, cast.coordinator, id, { type: 'SubmitPriorities' });
  const events = await timeline(cast, id);
  expect(events.map((event) => event.type)).toEqual(['PartnershipCreated', 'GoalsRecorded', 'GoalsRecorded', 'PrioritiesSubmitted', 'TaskOpened']);
  occurredAt = new Map((events as unknown as { sequence: number; occurredAt: string }[]).map((event) => [event.sequence, event.occurredAt]));
});

describe('the record as of a point of the log', () => {
  it('reads as it was after each event, and at the newest event exactly as the live record', async () => {
    const before = await recordAt(auditor, 2);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ id, version: 2, stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING', scope: 'The eastern region', openTasks: [], onHold: false });
    expect(targetOfGoal2(before.body)).toBe(90);

    const after = await recordAt(auditor, 3);
    expect(after.body).toMatchObject({ version: 3, prioritiesStatus: 'DRAFTING' });
    expect(targetOfGoal2(after.body)).toBe(35);

    const created = await recordAt(auditor, 1);
    expect(created.body).toMatchObject({ version: 1, goals: [], scope: '' });

    // One mapping from state to record: the replay of the newest event is the live page's record, field for field.
    const live = await auditor.get(`/api/partnerships/${id}`);
    expect(live.body).toMatchObject({ version: 5, prioritiesStatus: 'SUBMITTED' });
    expect((await recordAt(auditor, 5)).body).toEqual(live.body);
  });

  it('as of an instant, includes every event up to and at it', async () => {
    // Each command is its own round trip through the workflow: its events come milliseconds after the last command's.
    const justAfterCreation = new Date(Date.parse(occurredAt.get(1)!) + 1).toISOString();
    expect((await recordAt(auditor, justAfterCreation)).body).toMatchObject({ version: 1, goals: [] });
    const atTheChange = await recordAt(auditor, occurredAt.get(3)!);
    expect(atTheChange.status).toBe(200);
    expect(atTheChange.body.version).toBe(3);
    expect(targetOfGoal2(atTheChange.body)).toBe(35);
    // Submitting wrote two events at one instant: the record as of it holds both.
    expect(occurredAt.get(5)).toBe(occurredAt.get(4));
    expect((await recordAt(auditor, occurredAt.get(4)!)).body).toMatchObject({ version: 5, prioritiesStatus: 'SUBMITTED' });
  });

  it('answers 400 naming `at` for a point before the partnership, past its newest event, still to come or malformed', async () => {
    const problem = async (at: string | number) => {
      const reply = await recordAt(auditor, at);
      expect(reply.status, String(at)).toBe(400);
      expect(Object.keys(reply.body.errors)).toEqual(['at']);
      return reply.body.errors.at as string;
    };
    expect(await problem(0)).toContain('before the partnership was created');
    expect(await problem(new Date(Date.parse(occurredAt.get(1)!) - 60_000).toISOString())).toContain('before the partnership was created');
    expect(await problem(99)).toBe('there is no event 99; the newest is 5');
    expect(await problem(new Date(Date.now() + 3_600_000).toISOString())).toContain('is still to come');
    expect(await problem('yesterday')).toContain('ISO-8601 instant');
    expect(await problem('-1')).toContain('event sequence number');
    const unknown = await auditor.get(`/api/partnerships/${id}?sequence=2`);
    expect(unknown.status).toBe(400);
  });

  it('is seen by whoever sees the partnership: a partner of another organization gets 404', async () => {
    expect((await recordAt(cast.riverside, 2)).status).toBe(404);
    expect((await cast.riverside.get(`/api/partnerships/${id}/event-facets`)).status).toBe(404);
    expect((await recordAt(cast.northwind, 2)).status).toBe(200);
    expect((await recordAt(cast.sponsor, 2)).status).toBe(200);
    expect((await recordAt(auditor, '00000000-0000-4000-8000-000000000000')).status).toBe(400);
    expect((await auditor.get('/api/partnerships/00000000-0000-4000-8000-000000000000?at=1')).status).toBe(404);
  });

  it('takes the same point for the state, the measures and the agreement versions', async () => {
    expect((await auditor.get(`/api/partnerships/${id}/state?at=3`)).body).toMatchObject({ status: 'active', version: 3 });
    expect((await auditor.get(`/api/partnerships/${id}/state?at=0`)).body).toEqual({ status: 'absent', version: 0 });
    expect((await auditor.get(`/api/partnerships/${id}/state?at=6`)).status).toBe(400);
    const measures = await auditor.get(`/api/partnerships/${id}/measures?at=2`);
    expect(measures.status).toBe(200);
    expect(measures.body).toMatchObject({ cycle: 0, kpis: [] });
    expect((await auditor.get(`/api/partnerships/${id}/measures?at=0`)).status).toBe(400);
    expect((await auditor.get(`/api/partnerships/${id}/agreements?at=3`)).body).toEqual([]);
  });
});

describe('what the timeline can be filtered by', () => {
  it('counts the people who acted and the event types over the whole log', async () => {
    const facets = await auditor.get(`/api/partnerships/${id}/event-facets`);
    expect(facets.status).toBe(200);
    const events = await timeline(cast, id);
    const countBy = (key: (event: (typeof events)[number]) => string) => [...events.reduce((counts, event) => counts.set(key(event), (counts.get(key(event)) ?? 0) + 1), new Map<string, number>())];
    expect((facets.body.types as { type: string; events: number }[]).map(({ type, events: count }) => [type, count]).sort()).toEqual(countBy((event) => event.type).sort());
    expect((facets.body.actors as { actorId: string; events: number }[]).map(({ actorId, events: count }) => [actorId, count]).sort()).toEqual(countBy((event) => event.actorId).sort());
    expect(facets.body.actors).toContainEqual({ actorId: cast.coordinator.user.id, actorName: cast.coordinator.user.name, events: expect.any(Number) });
  });
});
