/**
 * Exporting a partnership's history against the real stack: the dossier, the JSON export and the
 * CSV table, who may have them, what they hold, that scripts/verify-dossier.mjs accepts an untouched
 * export and refuses a tampered one with the right exit code and sequence, and that every export and
 * verification lands in the access log (which only admins read), never in the partnership's log.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDirectory } from '../support/directory.js';
import { DEMO, listQuery, login, request, type Session } from '../support/http.js';
import { castOf, type Cast } from '../support/lifecycle.js';
import { smartGoals } from '../support/partnerships.js';

const HOSTILE_GOAL = '</script><script>window.owned = true</script> Cut readmissions';
const FORMULA_NAME = '=HYPERLINK("http://evil.test","Cora, the coordinator")';
const SCRIPT = join(process.cwd(), 'scripts', 'verify-dossier.mjs');

const directory = testDirectory('audit-export');
const workDir = mkdtempSync(join(tmpdir(), 'audit-export-'));
let cast: Cast;
let admin: Session;
let auditor: Session;
let formulaCoordinator: Session;
let db: pg.Client;

interface Download {
  status: number;
  headers: Headers;
  text: string;
}

async function download(session: Session | null, id: string, query: string): Promise<Download> {
  const response = await fetch(`${inject('apiUrl')}/api/partnerships/${id}/export${query}`, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const exported = async (session: Session, id: string, format: 'dossier' | 'json' | 'csv') => {
  const reply = await download(session, id, `?format=${format}`);
  expect(reply.status, reply.text).toBe(200);
  return reply;
};

/** A partnership of Riverside and Eastvale, coordinated by someone whose name a spreadsheet would run, with a goal that tries to close the dossier's script. */
async function partnership(): Promise<{ id: string; events: number }> {
  const created = await formulaCoordinator.post('/api/partnerships', {
    name: `Export <b>corridor</b> ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Hospitals, carriers, "and", commas',
    sponsorId: cast.sponsor.user.id,
    organizationIds: [cast.orgs.riverside, cast.orgs.eastvale],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const [first, second] = smartGoals();
  for (const command of [{ type: 'RecordGoals', goals: [{ ...first, title: HOSTILE_GOAL }, second], scope: 'The eastern region,\nand its "ports"' }, { type: 'SubmitPriorities' }]) {
    const reply = await formulaCoordinator.post(`/api/partnerships/${id}/commands`, command);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
  const events = (await auditor.get(`/api/events?${listQuery({ partnershipId: id }, ['sequence', 'ASC'])}`)).body as unknown[];
  return { id, events: events.length };
}

function verifyFile(name: string, content: string, ...args: string[]) {
  const file = join(workDir, name);
  writeFileSync(file, content);
  const run = spawnSync(process.execPath, [SCRIPT, file, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted && char === '"' && text[index + 1] === '"') {
      field += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && char === '\r' && text[index + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      index += 1;
    } else {
      field += char;
    }
  }
  return rows;
}

const accessLog = (session: Session, filter: Record<string, unknown>, sort: [string, 'ASC' | 'DESC'] = ['at', 'ASC']) => session.get(`/api/access-log?${listQuery(filter, sort)}`);

beforeAll(async () => {
  [cast, admin, auditor] = await Promise.all([castOf(), login(DEMO.admin), login(DEMO.auditor)]);
  const email = directory.email('coordinator');
  const created = await admin.post('/api/users', { email, name: FORMULA_NAME, role: 'coordinator', password: 'correct horse battery' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  formulaCoordinator = await login(email, 'correct horse battery');
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await directory.remove();
  rmSync(workDir, { recursive: true, force: true });
});

describe('exporting a partnership', () => {
  it('answers JSON: every event with its hashes, the newest signed checkpoint and the public key, as a named download', async () => {
    const { id, events } = await partnership();
    const reply = await exported(auditor, id, 'json');
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="export-b-corridor-b-[a-z0-9]+-${id.slice(0, 8)}-head-${events}-events\\.json"$`));
    const body = JSON.parse(reply.text);
    expect(body).toMatchObject({
      format: 'partnership-engine/audit-export/v1',
      partnership: { id },
      exportedBy: { id: auditor.user.id, name: auditor.user.name, role: 'auditor' },
      head: { sequence: events },
      checkpoint: { partnershipId: id, sequence: events },
    });
    expect(body.events.map((event: { sequence: number }) => event.sequence)).toEqual(Array.from({ length: events }, (_, index) => index + 1));
    expect(body.events[0]).toMatchObject({ type: 'PartnershipCreated', actor: { kind: 'user', userId: formulaCoordinator.user.id, role: 'coordinator' }, actorName: FORMULA_NAME });
    expect(body.head.hash).toBe(body.events.at(-1).hash);
    expect(body.checkpoint.hash).toBe(body.head.hash);
    expect(body.publicKey).toEqual((await auditor.get('/api/audit/public-key')).body);
    const verified = (await auditor.get(`/api/partnerships/${id}/verify`)).body;
    expect(body.head.hash).toBe(verified.headHash);
  });

  it('answers the dossier as one HTML file that allows only its own script, with every record field escaped', async () => {
    const { id, events } = await partnership();
    const reply = await exported(auditor, id, 'dossier');
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(new RegExp(`-${id.slice(0, 8)}-head-${events}-dossier\\.html"$`));
    const policy = reply.headers.get('content-security-policy')!;
    expect(policy).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(reply.text).toContain(`<meta http-equiv="Content-Security-Policy" content="${policy.replace(/'/g, '&#39;')}">`);
    // Only the two script elements the dossier writes; the goal's text stays text.
    const scripts = [...reply.text.matchAll(/(<script\b[^>]*>)[\s\S]*?<\/script>/g)].map((script) => script[1]);
    expect(scripts).toEqual(['<script type="application/json" id="audit-export">', '<script type="module">']);
    expect(reply.text.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')).not.toMatch(/<script/i);
    expect(reply.text).not.toMatch(/src=|href="http/);
    expect(reply.text).toContain('&lt;/script&gt;&lt;script&gt;window.owned = true&lt;/script&gt; Cut readmissions');
    expect(reply.text).toContain('<h1>Export &lt;b&gt;corridor&lt;/b&gt;');
    expect(reply.text).toContain(`Coordinator</dt><dd>${FORMULA_NAME.replace(/"/g, '&quot;')}</dd>`);
    for (const section of ['Summary', 'Agreement versions', 'Measures', 'Proof', 'Timeline']) expect(reply.text).toContain(`>${section}</h2>`);
  });

  it('answers CSV: one row per event, quoted as RFC 4180 says, a formula defused', async () => {
    const { id, events } = await partnership();
    const reply = await exported(auditor, id, 'csv');
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(reply.headers.get('content-disposition')).toMatch(/-events\.csv"$/);
    expect(reply.text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(reply.text);
    expect(header).toEqual(['sequence', 'at', 'type', 'actorId', 'actorName', 'actorRole', 'actorOrganizationId', 'actorOrganizationName', 'payload', 'previousHash', 'hash', 'workflowRunId']);
    const json = JSON.parse((await exported(auditor, id, 'json')).text);
    expect(rows).toHaveLength(events);
    for (const [index, row] of rows.entries()) {
      const event = json.events[index];
      expect(row[0]).toBe(String(event.sequence));
      expect(JSON.parse(row[8]!)).toEqual(event.data);
      expect([row[9], row[10]]).toEqual([event.previousHash, event.hash]);
    }
    // The coordinator's name starts with "=": a spreadsheet shows it, it does not run it.
    expect(rows[0]![4]).toBe(`'${FORMULA_NAME}`);
    expect(reply.text).toContain(`"'=HYPERLINK(""http://evil.test"",""Cora, the coordinator"")"`);
  });

  it('names a wrong or missing format, and answers 401 and 404 as reading the partnership does', async () => {
    const { id } = await partnership();
    for (const query of ['?format=pdf', '', '?format=json&extra=1']) {
      const reply = await download(auditor, id, query);
      expect(reply.status, query).toBe(400);
      expect(JSON.parse(reply.text)).toMatchObject({ code: 'REQUEST.MALFORMED' });
    }
    expect(JSON.parse((await download(auditor, id, '?format=pdf')).text).errors).toEqual({ format: 'must be one of dossier, json, csv' });
    expect((await download(null, id, '?format=json')).status).toBe(401);
    expect((await download(auditor, '7d9f0a5e-1c55-4b8e-8d3f-00000000dead', '?format=json')).status).toBe(404);
    expect((await download(auditor, 'not-a-partnership', '?format=json')).status).toBe(404);
  });

  it('gives a partner its own organization’s partnerships only: another organization’s answers 404 in every format', async () => {
    const { id } = await partnership();
    for (const format of ['dossier', 'json', 'csv'] as const) {
      expect((await download(cast.northwind, id, `?format=${format}`)).status, format).toBe(404);
      expect((await download(cast.riverside, id, `?format=${format}`)).status, format).toBe(200);
    }
  });
});

describe('scripts/verify-dossier.mjs', () => {
  it('exits 0 for an untouched JSON export and dossier, also against the trusted public key', async () => {
    const { id, events } = await partnership();
    const json = (await exported(auditor, id, 'json')).text;
    const dossier = (await exported(auditor, id, 'dossier')).text;
    const good = verifyFile('good.json', json);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(`VERIFIED: the record holds up to event ${events}`);
    expect(good.stdout).toContain(`all ${events} events follow one another`);
    const page = verifyFile('good.html', dossier);
    expect(page.status, page.stderr).toBe(0);
    expect(page.stdout).toContain(`The page shows exactly the ${events} events verified`);
    writeFileSync(join(workDir, 'public-key.json'), JSON.stringify((await auditor.get('/api/audit/public-key')).body));
    expect(verifyFile('pinned.json', json, '--public-key', join(workDir, 'public-key.json')).status).toBe(0);
  });

  it('exits 1 naming the sequence for a tampered payload, a cut tail and a forged signature', async () => {
    const { id, events } = await partnership();
    const original = JSON.parse((await exported(auditor, id, 'json')).text);
    const copy = () => structuredClone(original);

    const tampered = copy();
    tampered.events[1].data.scope = 'A smaller region';
    const payload = verifyFile('payload.json', JSON.stringify(tampered));
    expect(payload.status).toBe(1);
    expect(payload.stderr).toContain('NOT VERIFIED at sequence 2: Hash chain broken: event 2 is not as written');

    const cut = copy();
    cut.events.pop();
    cut.head = { sequence: cut.events.at(-1).sequence, hash: cut.events.at(-1).hash };
    const tail = verifyFile('cut.json', JSON.stringify(cut));
    expect(tail.status).toBe(1);
    expect(tail.stderr).toContain(`NOT VERIFIED at sequence ${events}: The log ends at event ${events - 1} but a signed checkpoint vouches for event ${events}`);

    const forged = copy();
    const signature = Buffer.from(forged.checkpoint.signature, 'base64');
    signature.writeUInt8(signature.readUInt8(0) ^ 0x01, 0);
    forged.checkpoint.signature = signature.toString('base64');
    const signed = verifyFile('forged.json', JSON.stringify(forged));
    expect(signed.status).toBe(1);
    expect(signed.stderr).toContain(`NOT VERIFIED at sequence ${events}: Checkpoint signature invalid`);
  });

  it('exits 1 for a dossier with one byte changed, in its data or on its page', async () => {
    const { id } = await partnership();
    const dossier = (await exported(auditor, id, 'dossier')).text;
    const inData = dossier.replace(/("scope":"The eastern region,\\nand its \\"ports)(\\"")/, '$1!$2');
    expect(inData).not.toBe(dossier);
    expect(inData.length).toBe(dossier.length + 1);
    const data = verifyFile('data.html', inData);
    expect(data.status).toBe(1);
    expect(data.stderr).toContain('NOT VERIFIED at sequence 2: Hash chain broken');

    const onPage = dossier.replace('eastern region,\\nand its', 'Eastern region,\\nand its');
    expect(onPage).not.toBe(dossier);
    const page = verifyFile('page.html', onPage);
    expect(page.status).toBe(1);
    expect(page.stderr).toContain('NOT VERIFIED at sequence 2: The page is not the verified record: event 2 as shown on the page differs from the verified event (its data)');
  });

  it('exits 1 for an export of a log whose newest events were cut off in the database, and 2 for what is no export', async () => {
    const { id } = await partnership();
    await db.query('ALTER TABLE partnership_events DISABLE TRIGGER partnership_events_no_rewrite');
    try {
      await db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence >= 3', [id]);
    } finally {
      await db.query('ALTER TABLE partnership_events ENABLE TRIGGER partnership_events_no_rewrite');
    }
    const cut = verifyFile('db-cut.json', (await exported(auditor, id, 'json')).text);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toContain('NOT VERIFIED at sequence 3: The log ends at event 2');
    expect(verifyFile('junk.html', '<html>no export</html>').status).toBe(2);
    expect(spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' }).status).toBe(2);
  });
});

describe('the access log', () => {
  it('records every export and verification — who, when, what — outside the partnership’s log', async () => {
    const { id, events } = await partnership();
    const before = new Date(Date.now() - 1000).toISOString();
    for (const format of ['dossier', 'json', 'csv'] as const) await exported(auditor, id, format);
    expect((await auditor.get(`/api/partnerships/${id}/verify`)).status).toBe(200);
    expect((await download(auditor, id, '?format=pdf')).status).toBe(400);
    expect((await download(cast.northwind, id, '?format=json')).status).toBe(404);
    await exported(cast.riverside, id, 'csv');

    const reply = await accessLog(admin, { partnershipId: id });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-range')).toBe('access-log 0-4/5');
    expect(reply.body.map((row: Record<string, unknown>) => [row.action, row.format, row.actorName, row.actorRole])).toEqual([
      ['export', 'dossier', auditor.user.name, 'auditor'],
      ['export', 'json', auditor.user.name, 'auditor'],
      ['export', 'csv', auditor.user.name, 'auditor'],
      ['verify', null, auditor.user.name, 'auditor'],
      ['export', 'csv', cast.riverside.user.name, 'partner'],
    ]);
    for (const row of reply.body) {
      expect(row).toMatchObject({ partnershipId: id, partnershipName: expect.stringContaining('Export <b>corridor</b>'), ip: expect.any(String) });
      expect(Date.parse(row.at)).toBeGreaterThanOrEqual(Date.parse(before));
    }
    // Reading the record changed nothing in it.
    expect(((await auditor.get(`/api/events?${listQuery({ partnershipId: id })}`)).body as unknown[]).length).toBe(events);
    expect((await auditor.get(`/api/partnerships/${id}/verify`)).body).toMatchObject({ valid: true, events });
  });

  it('filters by action, user, partnership and time, sorts and pages like the other lists', async () => {
    const { id } = await partnership();
    await exported(auditor, id, 'json');
    await auditor.get(`/api/partnerships/${id}/verify`);
    await exported(cast.riverside, id, 'json');
    const rows = async (filter: Record<string, unknown>) => ((await accessLog(admin, { partnershipId: id, ...filter })).body as { action: string; actorId: string }[]).map((row) => [row.action, row.actorId]);
    expect(await rows({ action: 'verify' })).toEqual([['verify', auditor.user.id]]);
    expect(await rows({ action: ['export'], actorId: cast.riverside.user.id })).toEqual([['export', cast.riverside.user.id]]);
    expect(await rows({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await rows({ until: new Date(Date.now() + 60_000).toISOString() })).toHaveLength(3);
    const newest = await admin.get(`/api/access-log?${listQuery({ partnershipId: id }, ['at', 'DESC'], [0, 0])}`);
    expect(newest.body.map((row: { actorId: string }) => row.actorId)).toEqual([cast.riverside.user.id]);
    expect(newest.headers.get('content-range')).toBe('access-log 0-0/3');
    for (const filter of [{ action: 'delete' }, { since: 'yesterday' }, { actorId: 'someone' }, { ip: '127.0.0.1' }]) {
      const bad = await accessLog(admin, filter);
      expect(bad.status, JSON.stringify(filter)).toBe(400);
    }
    expect((await accessLog(admin, { since: 'yesterday' })).body.errors).toEqual({ 'filter.since': 'must be an ISO-8601 instant such as 2026-11-23T10:00:00Z' });
  });

  it('records each page of the verification of every partnership, with its cursor, and nothing refused', async () => {
    await partnership();
    const person = formulaCoordinator;
    const first = await person.get('/api/audit/verification?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.next).toEqual(expect.any(String));
    expect((await person.get(`/api/audit/verification?limit=1&after=${first.body.next}`)).status).toBe(200);
    expect((await person.get('/api/audit/verification?limit=0')).status).toBe(400);

    const rows = (await accessLog(admin, { action: 'verify-all', actorId: person.user.id })).body as Record<string, unknown>[];
    expect(rows.map((row) => [row.action, row.actorRole, row.partnershipId, row.detail])).toEqual([
      ['verify-all', 'coordinator', null, { limit: '1' }],
      ['verify-all', 'coordinator', null, { after: first.body.next, limit: '1' }],
    ]);
  });

  it('is the admins’ alone: every other role gets 403', async () => {
    for (const session of [auditor, cast.coordinator, cast.sponsor, cast.riverside]) {
      const reply = await accessLog(session, {});
      expect(reply.status, session.user.role).toBe(403);
      expect(reply.body).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    }
    expect((await request('GET', '/api/access-log')).status).toBe(401);
  });
});
