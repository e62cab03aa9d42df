/**
 * Organizations' missions over HTTP against the real stack: an admin records versions (each kept,
 * none rewritten), every bad field is named, other roles read but do not write, and the partnership
 * page's API shows each member's mission beside the matrix, saying when it changed after the
 * organization scored — and, replayed, what it read then.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, login, type Session } from '../support/http.js';
import { testDirectory } from '../support/directory.js';
import { castOf, send, toListening, type Cast } from '../support/lifecycle.js';

const UNKNOWN_ID = '7d9f0a5e-1c55-4b8e-8d3f-00000000beef';
const directory = testDirectory('missions');
let admin: Session;
let cast: Cast;

interface Version {
  organizationId: string;
  version: number;
  text: string;
  recordedAt: string;
  recordedBy: string;
  recordedByName: string | null;
}

beforeAll(async () => {
  [admin, cast] = await Promise.all([login(DEMO.admin), castOf()]);
});
afterAll(async () => {
  await directory.remove();
});

async function record(organizationId: string, text: string): Promise<Version> {
  const reply = await admin.post(`/api/organizations/${organizationId}/missions`, { text });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as Version;
}

describe('an organization’s mission', () => {
  it('is recorded by an admin as versions that are all kept, newest first, and shown on the organization', async () => {
    const created = await admin.post('/api/organizations', { name: directory.organizationName('Harbour Trust'), kind: 'nonprofit' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await admin.get(`/api/organizations/${id}/missions`)).body).toEqual([]);

    const first = await record(id, '  Safe harbours for every fishing family  ');
    expect(first).toMatchObject({ organizationId: id, version: 1, text: 'Safe harbours for every fishing family', recordedBy: admin.user.id, recordedByName: admin.user.name });
    const second = await record(id, 'Safe harbours and fair markets for every fishing family');
    expect(second.version).toBe(2);

    const history = (await cast.coordinator.get(`/api/organizations/${id}/missions`)).body as Version[];
    expect(history.map((version) => [version.version, version.text])).toEqual([
      [2, 'Safe harbours and fair markets for every fishing family'],
      [1, 'Safe harbours for every fishing family'],
    ]);
    expect(history[1]).toEqual(first);
    const organization = (await cast.coordinator.get(`/api/organizations/${id}`)).body;
    expect(organization).toMatchObject({ mission: 'Safe harbours and fair markets for every fishing family', missionVersion: 2 });

    // The table itself refuses to rewrite a version, whatever reaches the database.
    const db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    try {
      await expect(db.query('UPDATE organization_missions SET text = $2 WHERE organization_id = $1', [id, 'rewritten'])).rejects.toThrow(/append-only/);
    } finally {
      await db.end();
    }
  });

  it('is refused, field by field, when empty or too long; only admins write; an unknown organization is a 404', async () => {
    const id = cast.orgs.eastvale;
    const empty = await admin.post(`/api/organizations/${id}/missions`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual({ text: 'write the mission' });
    const long = await admin.post(`/api/organizations/${id}/missions`, { text: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual({ text: 'must be at most 2000 characters' });
    const extra = await admin.post(`/api/organizations/${id}/missions`, { text: 'ok', version: 7 });
    expect(extra.status).toBe(400);
    // An unknown key is refused as a whole (it names no field of the schema), with the key in the message.
    expect(JSON.stringify(extra.body.errors)).toContain('version');
    expect((await cast.coordinator.post(`/api/organizations/${id}/missions`, { text: 'A coordinator’s idea of it' })).status).toBe(403);
    expect((await cast.riverside.post(`/api/organizations/${cast.orgs.riverside}/missions`, { text: 'Our own' })).status).toBe(403);
    expect((await admin.post(`/api/organizations/${UNKNOWN_ID}/missions`, { text: 'Nobody’s' })).status).toBe(404);
    expect((await admin.get(`/api/organizations/${UNKNOWN_ID}/missions`)).status).toBe(404);
  });

  it('stands beside the goals each member scores on the partnership’s page, which says when it changed after scoring', async () => {
    const before = await record(cast.orgs.riverside, 'Care close to home for the river valley');
    const { id } = await toListening(cast);
    const unscored = (await cast.riverside.get(`/api/partnerships/${id}/missions`)).body;
    expect(unscored).toEqual([
      { organizationId: cast.orgs.riverside, mission: before, scoredAt: null, scoredUnder: null, changedSinceScored: false },
      expect.objectContaining({ organizationId: cast.orgs.northwind, scoredAt: null, changedSinceScored: false }),
    ]);

    const scored = await send(cast, cast.riverside, id, { type: 'ScoreAlignment', organizationId: cast.orgs.riverside, scores: { '1': 3, '2': 2 } });
    const afterScoring = (await cast.coordinator.get(`/api/partnerships/${id}/missions`)).body;
    expect(afterScoring[0]).toMatchObject({ mission: before, scoredUnder: before.version, changedSinceScored: false });
    expect(Date.parse(afterScoring[0].scoredAt)).toBeGreaterThanOrEqual(Date.parse(before.recordedAt));

    const changed = await record(cast.orgs.riverside, 'Care close to home, and prevention first, for the river valley');
    const now = (await cast.riverside.get(`/api/partnerships/${id}/missions`)).body;
    expect(now[0]).toMatchObject({ mission: changed, scoredUnder: before.version, changedSinceScored: true });

    // Replayed at the scoring event, the page reads the mission in force then, and nothing changed yet.
    const then = (await cast.coordinator.get(`/api/partnerships/${id}/missions?at=${scored.events[0]!.sequence}`)).body;
    expect(then[0]).toMatchObject({ mission: before, scoredUnder: before.version, changedSinceScored: false });

    // A partner of another organization does not see this partnership at all.
    const outsider = await cast.coordinator.post('/api/partnerships', {
      name: `Missions ${Math.random().toString(36).slice(2, 8)}`,
      description: 'Northwind and Eastvale only',
      sponsorId: cast.sponsor.user.id,
      organizationIds: [cast.orgs.northwind, cast.orgs.eastvale],
    });
    expect(outsider.status).toBe(201);
    expect((await cast.riverside.get(`/api/partnerships/${outsider.body.id}/missions`)).status).toBe(404);
  });
});
