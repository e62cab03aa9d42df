/**
 * Auditing across partnerships against the real stack: every partnership verified at once (one
 * tampered log among clean ones, a page at a time, each person seeing what they may see), and what
 * one person did in every partnership. The partnerships belong to organizations and a coordinator
 * this file creates, so other files' partnerships (tampered ones included) change nothing here.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDirectory } from '../support/directory.js';
import { DEMO, DEMO_PASSWORD, listQuery, login, request, type Session } from '../support/http.js';
import { smartGoals } from '../support/partnerships.js';
import { withGuardOff } from '../support/tamper.js';

interface Row {
  partnershipId: string;
  name: string;
  verdict: string;
  valid: boolean;
  events: number;
  firstBrokenSequence: number | null;
  missingSequences: number[];
  unsignedSequences: number[];
  checkpoint: { sequence: number; signatureValid: boolean; presentInLog: boolean } | null;
}
interface Page {
  checks: string[];
  checkedAt: string;
  total: number;
  summary: { checked: number; valid: number; withoutCheckpoint: number } & Record<string, number>;
  problems: Row[];
  partnerships: Row[];
  next: string | null;
}
interface EventRow {
  id: string;
  partnershipId: string;
  partnershipName: string;
  sequence: number;
  type: string;
  occurredAt: string;
  actorId: string;
  actorName: string;
}

const directory = testDirectory('audit-across');
let db: pg.Client;
let auditor: Session;
let outsider: Session;
let coordinator: Session;
let partner: Session;
/** Four partnerships of this file's two organizations: two left clean, one edited, one cut short. */
const ids = { clean: '', alsoClean: '', edited: '', cut: '' };

async function createUser(admin: Session, role: string, organizationId: string | null): Promise<Session> {
  const email = directory.email(role);
  const reply = await admin.post('/api/users', { email, name: `Audit-across ${role}`, role, organizationId, password: DEMO_PASSWORD });
  if (reply.status !== 201) throw new Error(`user: ${reply.status} ${JSON.stringify(reply.body)}`);
  return login(email);
}

async function send(session: Session, id: string, command: Record<string, unknown>): Promise<void> {
  const reply = await session.post(`/api/partnerships/${id}/commands`, command);
  if (reply.status !== 200) throw new Error(`${String(command.type)}: ${reply.status} ${JSON.stringify(reply.body)}`);
}


const verification = (session: Session, query = '') => session.get<Page>(`/api/audit/verification${query}`);

/** Every page, following `next`, as the console does. */
async function verifyEverything(session: Session, limit = 200): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const reply: { status: number; body: Page } = await verification(session, `?limit=${limit}${after ? `&after=${after}` : ''}`);
    expect(reply.status).toBe(200);
    pages.push(reply.body);
    after = reply.body.next;
  } while (after !== null);
  return pages;
}

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  const admin = await login(DEMO.admin);
  [auditor, outsider] = await Promise.all([login(DEMO.auditor), login(DEMO.partnerNorthwind)]);
  const organizationIds: string[] = [];
  for (const label of ['Harbour clinic', 'Valley couriers']) {
    const reply = await admin.post('/api/organizations', { name: directory.organizationName(label), kind: 'company' });
    organizationIds.push(reply.body.id as string);
  }
  [coordinator, partner] = await Promise.all([createUser(admin, 'coordinator', organizationIds[0]!), createUser(admin, 'partner', organizationIds[0]!)]);
  const sponsor = (await admin.get(`/api/users?${listQuery({ role: 'sponsor', active: true })}`)).body[0] as { id: string };
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
    const reply = await coordinator.post('/api/partnerships', { name: `Audit-across ${key} ${Math.random().toString(36).slice(2, 8)}`, sponsorId: sponsor.id, organizationIds });
    if (reply.status !== 201) throw new Error(`create: ${reply.status} ${JSON.stringify(reply.body)}`);
    ids[key] = reply.body.id as string;
    await send(coordinator, ids[key], { type: 'RecordGoals', goals: smartGoals(), scope: 'The harbour district' });
    await send(coordinator, ids[key], { type: 'SubmitPriorities' });
  }
  await withGuardOff(db, 'partnership_events', async () => {
    await db.query(`UPDATE partnership_events SET payload = jsonb_set(payload, '{scope}', '"the whole county"') WHERE partnership_id = $1 AND sequence = 2`, [ids.edited]);
    await db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence >= 3', [ids.cut]);
  });
});

afterAll(async () => {
  await directory.remove();
  await db?.end();
});

describe('verifying every partnership at once', () => {
  it('names the edited log broken at its sequence and the cut one truncated, among clean ones, with the counts', async () => {
    const reply = await verification(partner);
    expect(reply.status).toBe(200);
    const page = reply.body;
    // The partner's organization belongs to these four partnerships and no other.
    expect(page).toMatchObject({ checks: ['hash-chain', 'signed-checkpoint'], total: 4, next: null });
    expect(page.summary).toEqual({ checked: 4, valid: 2, broken: 1, truncated: 1, forged: 0, unsigned: 0, withoutCheckpoint: 0 });
    const byId = new Map(page.partnerships.map((row) => [row.partnershipId, row]));
    expect([...byId.keys()].sort()).toEqual(Object.values(ids).sort());
    expect(byId.get(ids.clean)).toMatchObject({ verdict: 'valid', valid: true, events: 4, firstBrokenSequence: null, checkpoint: { sequence: 4, signatureValid: true, presentInLog: true } });
    expect(byId.get(ids.edited)).toMatchObject({ verdict: 'broken', valid: false, firstBrokenSequence: 2, missingSequences: [] });
    expect(byId.get(ids.cut)).toMatchObject({ verdict: 'truncated', valid: false, events: 2, firstBrokenSequence: null, missingSequences: [3, 4] });
    expect(page.problems.map((row) => [row.partnershipId, row.verdict])).toEqual([
      [ids.edited, 'broken'],
      [ids.cut, 'truncated'],
    ]);
    expect(Date.parse(page.checkedAt)).not.toBeNaN();
  });

  it('pages in id order after a cursor, each page summarizing its own partnerships', async () => {
    const first = (await verification(partner, '?limit=3')).body;
    expect(first.partnerships).toHaveLength(3);
    expect(first.summary.checked).toBe(3);
    expect(first.next).toBe(first.partnerships[2]!.partnershipId);
    const second = (await verification(partner, `?limit=3&after=${first.next}`)).body;
    expect(second.partnerships).toHaveLength(1);
    expect(second.next).toBeNull();
    const order = [...first.partnerships, ...second.partnerships].map((row) => row.partnershipId);
    expect(order).toEqual(Object.values(ids).sort());
    for (const verdict of ['valid', 'broken', 'truncated'] as const) {
      expect(first.summary[verdict]! + second.summary[verdict]!).toBe(verdict === 'valid' ? 2 : 1);
    }
  });

  it('shows the auditor every partnership, these among them, with counts that add up on every page', async () => {
    const pages = await verifyEverything(auditor, 150);
    const rows = pages.flatMap((page) => page.partnerships);
    expect(rows.length).toBe(pages[0]!.total);
    expect(new Set(rows.map((row) => row.partnershipId)).size).toBe(rows.length);
    const verdictOf = (id: string) => rows.find((row) => row.partnershipId === id)?.verdict;
    expect([verdictOf(ids.clean), verdictOf(ids.alsoClean), verdictOf(ids.edited), verdictOf(ids.cut)]).toEqual(['valid', 'valid', 'broken', 'truncated']);
    for (const page of pages) {
      const { checked, withoutCheckpoint: _, ...byVerdict } = page.summary;
      expect(checked).toBe(page.partnerships.length);
      expect(Object.values(byVerdict).reduce((sum, count) => sum + count, 0)).toBe(checked);
      expect(page.problems.every((row) => row.verdict !== 'valid')).toBe(true);
      expect(page.problems).toHaveLength(checked - page.summary.valid);
    }
  });

  it('shows another organization’s partner none of them', async () => {
    const rows = (await verifyEverything(outsider)).flatMap((page) => page.partnerships);
    expect(rows.filter((row) => Object.values(ids).includes(row.partnershipId))).toEqual([]);
  });

  it('refuses a stranger (401) and names a malformed page (400); no signed-in role is refused, each sees its own', async () => {
    expect((await request('GET', '/api/audit/verification')).status).toBe(401);
    expect((await request('GET', '/api/audit/verification', { token: 'not-a-token' })).status).toBe(401);
    const tooMany = await verification(auditor, '?limit=201');
    expect(tooMany).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED', errors: { limit: expect.stringContaining('from 1 to 200') } } });
    expect((await auditor.get('/api/audit/verification?after=the-start')).body.errors).toHaveProperty('after');
    expect((await verification(auditor, '?page=2')).status).toBe(400);
    for (const email of [DEMO.coordinator, DEMO.sponsor, DEMO.admin]) {
      expect((await verification(await login(email), '?limit=1')).status).toBe(200);
    }
  });
});

describe('what one person did everywhere', () => {
  const eventsOf = async (session: Session, filter: Record<string, unknown>, range: [number, number] = [0, 99]) =>
    (await session.get<EventRow[]>(`/api/events?${listQuery(filter, ['occurredAt', 'DESC'], range)}`)).body;

  it('lists the coordinator’s events across partnerships, newest first, each with its partnership', async () => {
    const events = await eventsOf(auditor, { actorId: coordinator.user.id, partnershipId: [ids.clean, ids.alsoClean] });
    // Per partnership: created, goals recorded, priorities submitted; the task opened for the sponsor is the coordinator's command's too.
    const perPartnership = (await eventsOf(auditor, { partnershipId: ids.clean, actorId: coordinator.user.id })).length;
    expect(perPartnership).toBeGreaterThanOrEqual(3);
    expect(events).toHaveLength(perPartnership * 2);
    expect(new Set(events.map((event) => event.partnershipId))).toEqual(new Set([ids.clean, ids.alsoClean]));
    expect(events.every((event) => event.actorName === coordinator.user.name && event.partnershipName.startsWith('Audit-across'))).toBe(true);
    for (const [index, event] of events.entries()) {
      const next = events[index + 1];
      if (next) expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(Date.parse(next.occurredAt));
    }
    // Submitting priorities records PrioritiesSubmitted and opens the sponsor's task in one command, at
    // one instant: a tie the order breaks by sequence, the later first.
    for (const partnershipId of [ids.clean, ids.alsoClean]) {
      const tied = events.filter((event) => event.partnershipId === partnershipId && (event.type === 'PrioritiesSubmitted' || event.type === 'TaskOpened'));
      const submitted = tied.find((event) => event.type === 'PrioritiesSubmitted')!;
      const sameInstant = tied.filter((event) => event.occurredAt === submitted.occurredAt);
      expect(sameInstant.length).toBeGreaterThanOrEqual(2);
      const positions = sameInstant.map((event) => events.indexOf(event));
      const sequences = sameInstant.map((event) => event.sequence);
      // Adjacent in the list, and in descending sequence order.
      expect(Math.max(...positions) - Math.min(...positions)).toBe(sameInstant.length - 1);
      expect([...sequences].sort((a, b) => b - a)).toEqual(sequences);
    }
  });

  it('pages without repeating or skipping events that share an instant', async () => {
    const filter = { actorId: coordinator.user.id };
    const all = await eventsOf(auditor, filter);
    const paged: EventRow[] = [];
    for (let start = 0; start < all.length; start += 2) paged.push(...(await eventsOf(auditor, filter, [start, start + 1])));
    expect(paged.map((event) => event.id)).toEqual(all.map((event) => event.id));
  });

  it('narrows by event type and time range across partnerships', async () => {
    const filter = { actorId: coordinator.user.id };
    const created = await eventsOf(auditor, { ...filter, type: 'PartnershipCreated' });
    expect(created.map((event) => event.partnershipId).sort()).toEqual(Object.values(ids).sort());
    const submissions = await eventsOf(auditor, { ...filter, type: ['PrioritiesSubmitted', 'GoalsRecorded'] });
    expect(new Set(submissions.map((event) => event.type))).toEqual(new Set(['PrioritiesSubmitted', 'GoalsRecorded']));
    const newestCreation = created[0]!;
    const since = await eventsOf(auditor, { ...filter, occurredFrom: newestCreation.occurredAt });
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((event) => Date.parse(event.occurredAt) >= Date.parse(newestCreation.occurredAt))).toBe(true);
    expect(since.some((event) => event.partnershipId !== newestCreation.partnershipId)).toBe(false);
  });

  it('shows a partner the person’s events only in partnerships of its organization', async () => {
    const filter = { actorId: coordinator.user.id };
    expect((await eventsOf(partner, filter)).map((event) => event.id).sort()).toEqual((await eventsOf(auditor, filter)).map((event) => event.id).sort());
    expect(await eventsOf(outsider, filter)).toEqual([]);
  });
});
