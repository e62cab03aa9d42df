/**
 * The deadline ledger across partnerships (GET /api/deadlines), its visibility and filters, moving
 * a due date from it; marking one's own notifications read; the measures' per-cycle series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, eventually, listQuery, login, request, type Session } from '../support/http.js';
import { castOf, send, type Cast } from '../support/lifecycle.js';
import { measuredPartnership, runCycle } from '../support/measurement.js';
import { createPartnership, FAST_POLICY, submitGoals } from '../support/partnerships.js';

interface Entry {
  id: string;
  partnershipId: string;
  purpose: string;
  firesAt: string;
  taskId: string | null;
  taskKind: string | null;
  assigneeUserId: string | null;
  dueAt: string | null;
  level: number | null;
  recipients: ({ userId: string } | { organizationId: string })[];
}
interface Note {
  id: string;
  kind: string;
  readAt: string | null;
}

let cast: Cast;
let auditor: Session;
/** Holds partnerships whose timers would keep firing, so they stop writing events after the test. */
const toHold: string[] = [];

beforeAll(async () => {
  cast = await castOf();
  auditor = await login(DEMO.auditor);
});
afterAll(async () => {
  for (const id of toHold) await cast?.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'test over' });
});

const ledger = async (session: Session, filter: Record<string, unknown>, sort: [string, 'ASC' | 'DESC'] = ['firesAt', 'ASC'], range: [number, number] = [0, 99]) =>
  session.get<Entry[]>(`/api/deadlines?${listQuery(filter, sort, range)}`);

/** A partnership of Riverside and Northwind (Eastvale is not a member) waiting on the sponsor's approval. */
async function submittedOf(members: ('riverside' | 'northwind' | 'eastvale')[]) {
  const reply = await cast.coordinator.post('/api/partnerships', {
    name: `Ledger ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Ledger test',
    sponsorId: cast.sponsor.user.id,
    organizationIds: members.map((key) => cast.orgs[key]),
  });
  expect(reply.status).toBe(201);
  await submitGoals(cast.coordinator, reply.body.id);
  return reply.body.id as string;
}

describe('GET /api/deadlines', () => {
  it('lists every pending timer across partnerships, with whom it chases, earliest first, as a simple-REST page', async () => {
    const first = await submittedOf(['riverside', 'northwind']);
    const second = await submittedOf(['northwind', 'eastvale']);
    const reply = await ledger(cast.coordinator, { partnershipId: [first, second] });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-range')).toBe('deadlines 0-3/4');
    expect(reply.body.map((entry) => `${entry.partnershipId === first ? 'first' : 'second'}:${entry.purpose}`).sort()).toEqual(
      ['first:escalation', 'first:reminder', 'second:escalation', 'second:reminder'],
    );
    const times = reply.body.map((entry) => Date.parse(entry.firesAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const reminder = reply.body.find((entry) => entry.partnershipId === first && entry.purpose === 'reminder')!;
    expect(reminder).toMatchObject({ taskKind: 'APPROVE_PRIORITIES', assigneeUserId: cast.sponsor.user.id, recipients: [{ userId: cast.sponsor.user.id }] });
    const escalation = reply.body.find((entry) => entry.partnershipId === first && entry.purpose === 'escalation')!;
    expect(escalation).toMatchObject({ level: 1, recipients: [{ userId: cast.coordinator.user.id }] });

    // The same rows as the per-partnership ledger.
    const single = (await cast.coordinator.get<Entry[]>(`/api/partnerships/${first}/deadlines`)).body;
    expect(single).toEqual(reply.body.filter((entry) => entry.partnershipId === first));
  });

  it('filters by purpose, task kind, assignee and the person chased; sorts and pages', async () => {
    const id = await submittedOf(['riverside', 'northwind']);
    const escalations = (await ledger(cast.coordinator, { partnershipId: id, purpose: 'escalation' })).body;
    expect(escalations.map((entry) => entry.purpose)).toEqual(['escalation']);
    expect((await ledger(cast.coordinator, { partnershipId: id, kind: 'REVIEW' })).body).toEqual([]);
    expect((await ledger(cast.coordinator, { partnershipId: id, assigneeUserId: cast.sponsor.user.id })).body).toHaveLength(2);
    expect((await ledger(cast.coordinator, { partnershipId: id, recipientUserId: cast.coordinator.user.id })).body.map((entry) => entry.purpose)).toEqual(['escalation']);
    const latestFirst = await ledger(cast.coordinator, { partnershipId: id }, ['firesAt', 'DESC'], [0, 0]);
    expect(latestFirst.headers.get('content-range')).toBe('deadlines 0-0/2');
    expect(latestFirst.body.map((entry) => entry.purpose)).toEqual(['escalation']);
  });

  it('shows a partner only the timers of partnerships its organization belongs to; the auditor sees all', async () => {
    const shared = await submittedOf(['riverside', 'northwind']);
    const elsewhere = await submittedOf(['northwind', 'eastvale']);
    const riversideSees = (await ledger(cast.riverside, {}, ['firesAt', 'ASC'], [0, 499])).body;
    expect(riversideSees.some((entry) => entry.partnershipId === shared)).toBe(true);
    expect(riversideSees.some((entry) => entry.partnershipId === elsewhere)).toBe(false);
    expect((await ledger(cast.riverside, { partnershipId: elsewhere })).body).toEqual([]);
    const visible = new Set(((await cast.riverside.get(`/api/partnerships?${listQuery({}, ['name', 'ASC'], [0, 499])}`)).body as { id: string }[]).map((p) => p.id));
    expect(riversideSees.every((entry) => visible.has(entry.partnershipId))).toBe(true);
    expect((await ledger(cast.northwind, { partnershipId: elsewhere })).body).toHaveLength(2);
    expect((await ledger(auditor, { partnershipId: [shared, elsewhere] })).body).toHaveLength(4);
  });

  it('answers malformed filters, sorts and ranges with 400 and the field', async () => {
    const cases: [Record<string, unknown>, [string, 'ASC' | 'DESC'], [number, number], string][] = [
      [{ purpose: 'nap' }, ['firesAt', 'ASC'], [0, 9], 'filter.purpose'],
      [{ kind: 'NAP' }, ['firesAt', 'ASC'], [0, 9], 'filter.kind'],
      [{ partnershipId: 'not-a-uuid' }, ['firesAt', 'ASC'], [0, 9], 'filter.partnershipId'],
      [{ mine: true }, ['firesAt', 'ASC'], [0, 9], 'filter'],
      [{}, ['hash', 'ASC'], [0, 9], 'sort'],
      [{}, ['firesAt', 'ASC'], [5, 1], 'range'],
    ];
    for (const [filter, sort, range, field] of cases) {
      const reply = await ledger(cast.coordinator, filter, sort, range);
      expect(reply.status, JSON.stringify(filter)).toBe(400);
      expect(reply.body).toMatchObject({ code: 'REQUEST.MALFORMED', errors: { [field]: expect.any(String) } });
    }
    expect((await request('GET', '/api/deadlines')).status).toBe(401);
  });

  it('moves with the due date when the coordinator moves it', async () => {
    const id = await submittedOf(['riverside', 'northwind']);
    const [reminder] = (await ledger(cast.coordinator, { partnershipId: id, purpose: 'reminder' })).body;
    const dueAt = new Date(Date.parse(reminder!.dueAt!) + 3 * 24 * 3600_000).toISOString();
    await send(cast, cast.coordinator, id, { type: 'MoveDueDate', taskId: reminder!.taskId, dueAt });
    const [moved] = (await ledger(cast.coordinator, { partnershipId: id, purpose: 'reminder' })).body;
    expect(Date.parse(moved!.dueAt!)).toBe(Date.parse(dueAt));
    expect(Date.parse(moved!.firesAt)).toBeGreaterThan(Date.parse(reminder!.firesAt));
  });
});

describe('POST /api/notifications/read', () => {
  /** The caller's unread count, of one partnership when named: other files' partnerships keep reminding the same people. */
  const unread = async (session: Session, partnershipId?: string) => {
    const reply = await session.get<Note[]>(`/api/notifications?${listQuery({ unread: true, ...(partnershipId ? { partnershipId } : {}) }, ['createdAt', 'DESC'], [0, 0])}`);
    return Number(reply.headers.get('content-range')?.split('/')[1]);
  };

  it('marks only the caller’s own notifications read, and the unread count follows', async () => {
    const { id } = await createPartnership(cast.coordinator, FAST_POLICY);
    toHold.push(id);
    await submitGoals(cast.coordinator, id);
    // The sponsor's approval task is reminded after two seconds.
    const notes = await eventually('the sponsor’s reminders', async () => {
      const list = (await cast.sponsor.get<Note[]>(`/api/notifications?${listQuery({ partnershipId: id, unread: true }, ['createdAt', 'DESC'])}`)).body;
      return list.length >= 2 ? list : undefined;
    });
    // Held, the partnership sends no further reminder while the counts are compared.
    expect((await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'counting notifications' })).status).toBe(200);
    const before = await unread(cast.sponsor, id);
    expect(before).toBeGreaterThanOrEqual(2);

    // The coordinator cannot mark the sponsor's notification: nothing changes.
    expect((await cast.coordinator.post('/api/notifications/read', { ids: [notes[0]!.id] })).body).toEqual({ marked: 0 });
    expect((await cast.sponsor.get<Note>(`/api/notifications/${notes[0]!.id}`)).body.readAt).toBeNull();

    expect((await cast.sponsor.post('/api/notifications/read', { ids: [notes[0]!.id] })).body).toEqual({ marked: 1 });
    const marked = (await cast.sponsor.get<Note>(`/api/notifications/${notes[0]!.id}`)).body;
    expect(marked.readAt).not.toBeNull();
    expect(await unread(cast.sponsor, id)).toBe(before - 1);
    // Marking again keeps the first time.
    expect((await cast.sponsor.post('/api/notifications/read', { ids: [notes[0]!.id] })).body).toEqual({ marked: 0 });
    expect((await cast.sponsor.get<Note>(`/api/notifications/${notes[0]!.id}`)).body.readAt).toBe(marked.readAt);

    const coordinatorUnread = await unread(cast.coordinator);
    expect((await cast.sponsor.post('/api/notifications/read', { all: true })).status).toBe(200);
    expect(await unread(cast.sponsor, id)).toBe(0);
    // …and "all" is the caller's all: the coordinator's notifications stay unread.
    expect(await unread(cast.coordinator)).toBeGreaterThanOrEqual(coordinatorUnread);
  });

  it('answers a malformed body or filter with 400 and the field', async () => {
    for (const body of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { ids: ['1'], all: true }, { ids: ['1'], extra: 1 }]) {
      const reply = await cast.sponsor.post('/api/notifications/read', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.code).toBe('REQUEST.MALFORMED');
      expect(Object.keys(reply.body.errors ?? {})).not.toHaveLength(0);
    }
    const badFilter = await cast.sponsor.get(`/api/notifications?${listQuery({ unread: 'perhaps' })}`);
    expect(badFilter).toMatchObject({ status: 400, body: { errors: { filter: expect.stringContaining('unread') } } });
  });
});

describe('measures per review cycle', () => {
  it('serves each KPI against its trajectory, the health check per organization with the gap, and NPS and T-score per cycle', async () => {
    const { id, kpiIds } = await measuredPartnership(cast);
    toHold.push(id);
    const { riverside, northwind } = cast.orgs;
    await runCycle(cast, id, kpiIds, 1, {
      values: { [riverside]: 60, [northwind]: 58 },
      health: {
        [riverside]: { strategy: 4, operations: 3, relationship: 5, governance: 4, recommend: 9 },
        [northwind]: { strategy: 2, operations: 3, relationship: 4, governance: 4, recommend: 6 },
      },
      goalScores: { '1': 1, '2': 0 },
    });
    const measures = (await cast.coordinator.get(`/api/partnerships/${id}/measures`)).body;
    expect(measures.cycles[0]).toMatchObject({ cycle: 1, partnerNps: 0, onTimeSubmissionRate: 1 });
    expect(measures.cycles[0].goalAttainmentTScore).toBeCloseTo(56.20174, 4);
    expect(measures.health[0]).toMatchObject({ cycle: 1, gap: { overall: 2, byDimension: { strategy: 2, operations: 0, relationship: 1, governance: 0 } } });
    expect(measures.health[0].organizations.map((entry: { organizationId: string }) => entry.organizationId).sort()).toEqual([riverside, northwind].sort());
    const trajectory = measures.trajectories.find((entry: { kpiId: string }) => entry.kpiId === kpiIds[riverside]);
    expect(trajectory).toMatchObject({ baseline: 55, target: 90, unit: '%' });
    expect(trajectory.points.map((point: { actual: number | null; cycle: number | null }) => [point.cycle, point.actual])).toEqual([
      [null, 55],
      [1, 60],
      [null, null],
    ]);
    expect(trajectory.points[2].planned).toBe(90);
  });
});
