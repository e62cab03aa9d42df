/**
 * Exporting a partnership's history against the real stack: the dossier, the JSON export and the
 * CSV table, who may have them, what they hold, that scripts/verify-dossier.mjs accepts an untouched
 * export and refuses a tampered one with the right exit code and sequence, and that every export and
 * verification lands in the access log (which only admins read), never in the partnership's log.
 */
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDirectory } from '../support/directory.js';
import { DEMO, listQuery, login, request, type Session } from '../support/http.js';
import { castOf, type Cast } from '../support/lifecycle.js';
import { smartGoals } from '../support/partnerships.js';
import { withGuardOff } from '../support/tamper.js';

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
  formulaCoordinator = await login(email, { password: 'correct horse battery' });
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
    // The deployment's current key (no rotation here), without the list of previous ones.
    const { previousKeys, ...currentKey } = (await auditor.get('/api/audit/public-key')).body as { previousKeys: unknown[] };
    expect(previousKeys).toEqual([]);
    expect(body.publicKey).toEqual(currentKey);
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

describe('exports at once', () => {
  it('runs at most two in the API process: a further one answers 503 SERVER.BUSY with Retry-After, and is recorded', async () => {
    const { id } = await partnership();
    // Eight at once: each holds its slot across several database round trips, so some must find both taken.
    const replies = await Promise.all(Array.from({ length: 8 }, () => download(auditor, id, '?format=dossier')));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.every((status) => status === 200 || status === 503), statuses.join(',')).toBe(true);
    expect(statuses.filter((status) => status === 200).length, statuses.join(',')).toBeGreaterThanOrEqual(2);
    const busy = replies.filter((reply) => reply.status === 503);
    expect(busy.length, statuses.join(',')).toBeGreaterThan(0);
    for (const reply of busy) {
      expect(JSON.parse(reply.text)).toMatchObject({ statusCode: 503, code: 'SERVER.BUSY' });
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The slots are free again once the burst is over.
    await exported(auditor, id, 'json');
    const rows = (await accessLog(admin, { partnershipId: id })).body as { outcome: string; refusal: string | null }[];
    expect(rows.filter((row) => row.refusal === '503 SERVER.BUSY')).toHaveLength(busy.length);
  });
});

describe('scripts/verify-dossier.mjs', () => {
  it('exits 0 for an untouched JSON export and dossier against the trusted public key, and 3 when no key is pinned', async () => {
    const { id, events } = await partnership();
    const json = (await exported(auditor, id, 'json')).text;
    const dossier = (await exported(auditor, id, 'dossier')).text;
    const publicKey = (await auditor.get('/api/audit/public-key')).body as { keyId: string; pem: string };
    const keyFile = join(workDir, 'public-key.json');
    writeFileSync(keyFile, JSON.stringify(publicKey));
    const pemFile = join(workDir, 'public-key.pem');
    writeFileSync(pemFile, publicKey.pem);
    const good = verifyFile('good.json', json, '--public-key', keyFile);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(`VERIFIED: the record holds up to event ${events}, signed by the pinned key ${publicKey.keyId}`);
    expect(good.stdout).toContain(`all ${events} events follow one another`);
    const page = verifyFile('good.html', dossier, '--public-key', pemFile);
    expect(page.status, page.stderr).toBe(0);
    expect(page.stdout).toContain(`The page shows exactly the ${events} events verified`);
    const unpinned = verifyFile('unpinned.json', json);
    expect(unpinned.status).toBe(3);
    expect(unpinned.stdout).not.toContain('VERIFIED');
    expect(unpinned.stderr).toContain(`HOLDS, but signed by key ${publicKey.keyId} that you have not pinned: pass --public-key <pem|json from GET /api/audit/public-key>`);
    const notAKey = verifyFile('not-a-key.json', json, '--public-key', join(workDir, 'unpinned.json'));
    expect(notAKey.status).toBe(2);
    expect(notAKey.stderr).toContain('Cannot read the public key');
  });

  it('does not pass a dossier a forger re-signed with a key of their own: 3 without a pinned key, 1 naming the mismatch with it', async () => {
    const { id, events } = await partnership();
    const original = (await exported(auditor, id, 'dossier')).text;
    const embedded = /(<script type="application\/json" id="audit-export">)([\s\S]*?)(<\/script>)/;
    const data = JSON.parse(embedded.exec(original)![2]!) as { checkpoint: { partnershipId: string; sequence: number; hash: string; signedAt: string; keyId: string; signature: string }; publicKey: unknown };
    // The forger signs the real head with their own key and ships their public key in the file.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
    const { partnershipId, sequence, hash, signedAt } = data.checkpoint;
    const message = `partnership-engine/audit-checkpoint/v1\n${JSON.stringify({ hash, partnershipId, sequence, signedAt: new Date(signedAt).toISOString() })}`;
    data.checkpoint = { ...data.checkpoint, keyId, signature: sign(null, Buffer.from(message), privateKey).toString('base64') };
    data.publicKey = { algorithm: 'Ed25519', keyId, pem, jwk: publicKey.export({ format: 'jwk' }) };
    const forged = original.replace(embedded, (_whole, open: string, _json: string, close: string) => `${open}${JSON.stringify(data).replace(/</g, '\\u003c')}${close}`);

    const unpinned = verifyFile('forged-dossier.html', forged);
    expect(unpinned.status, unpinned.stdout + unpinned.stderr).toBe(3);
    expect(unpinned.stderr).toContain(`HOLDS, but signed by key ${keyId} that you have not pinned`);
    const pinned = verifyFile('forged-dossier.html', forged, '--public-key', join(workDir, 'public-key.json'));
    expect(pinned.status).toBe(1);
    const trusted = ((await auditor.get('/api/audit/public-key')).body as { keyId: string }).keyId;
    expect(pinned.stdout).toContain(`FAIL Key mismatch: the export carries public key ${keyId}, but the key you trust is ${trusted}`);
    expect(pinned.stdout).toContain(`FAIL Checkpoint signature invalid: key ${trusted} (trusted) did not sign this checkpoint of event ${events}`);
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
    await withGuardOff(db, 'partnership_events', () => db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence >= 3', [id]));
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
    expect(reply.headers.get('content-range')).toBe('access-log 0-6/7');
    expect(reply.body.map((row: Record<string, unknown>) => [row.action, row.format, row.actorName, row.actorRole, row.outcome, row.refusal])).toEqual([
      ['export', 'dossier', auditor.user.name, 'auditor', 'served', null],
      ['export', 'json', auditor.user.name, 'auditor', 'served', null],
      ['export', 'csv', auditor.user.name, 'auditor', 'served', null],
      ['verify', null, auditor.user.name, 'auditor', 'served', null],
      ['export', 'pdf', auditor.user.name, 'auditor', 'refused', '400 REQUEST.MALFORMED'],
      ['export', 'json', cast.northwind.user.name, 'partner', 'refused', '404 RESOURCE.NOT_FOUND'],
      ['export', 'csv', cast.riverside.user.name, 'partner', 'served', null],
    ]);
    for (const row of reply.body) {
      expect(row).toMatchObject({ partnershipId: id, partnershipName: expect.stringContaining('Export <b>corridor</b>'), ip: expect.any(String) });
      expect(Date.parse(row.at)).toBeGreaterThanOrEqual(Date.parse(before));
    }
    // Reading the record changed nothing in it.
    expect(((await auditor.get(`/api/events?${listQuery({ partnershipId: id })}`)).body as unknown[]).length).toBe(events);
    expect((await auditor.get(`/api/partnerships/${id}/verify`)).body).toMatchObject({ valid: true, events });
  });

  it('records refused attempts on ids that do not exist or are malformed, with what was tried', async () => {
    const unknown = randomUUID();
    const prober = await login(DEMO.auditor);
    const since = new Date(Date.now() - 1000).toISOString();
    expect((await download(prober, unknown, '?format=json')).status).toBe(404);
    expect((await prober.get(`/api/partnerships/${unknown}/verify`)).status).toBe(404);
    expect((await download(prober, 'not-a-partnership', '?format=csv')).status).toBe(404);
    const probes = (await accessLog(admin, { actorId: prober.user.id, since })).body as Record<string, unknown>[];
    const mine = probes.filter((row) => row.partnershipId === unknown || (row.detail as Record<string, unknown>).requestedId === 'not-a-partnership');
    expect(mine.map((row) => [row.action, row.partnershipId, row.outcome, row.refusal, row.detail])).toEqual([
      ['export', unknown, 'refused', '404 RESOURCE.NOT_FOUND', { format: 'json', outcome: 'refused', status: 404, code: 'RESOURCE.NOT_FOUND' }],
      ['verify', unknown, 'refused', '404 RESOURCE.NOT_FOUND', { outcome: 'refused', status: 404, code: 'RESOURCE.NOT_FOUND' }],
      ['export', null, 'refused', '404 RESOURCE.NOT_FOUND', { format: 'csv', requestedId: 'not-a-partnership', outcome: 'refused', status: 404, code: 'RESOURCE.NOT_FOUND' }],
    ]);
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

  it('records each page of the verification of every partnership, with its cursor, and a refused page with its code', async () => {
    await partnership();
    const person = formulaCoordinator;
    const first = await person.get('/api/audit/verification?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.next).toEqual(expect.any(String));
    expect((await person.get(`/api/audit/verification?limit=1&after=${first.body.next}`)).status).toBe(200);
    expect((await person.get('/api/audit/verification?limit=0')).status).toBe(400);

    const rows = (await accessLog(admin, { action: 'verify-all', actorId: person.user.id })).body as Record<string, unknown>[];
    expect(rows.map((row) => [row.action, row.actorRole, row.partnershipId, row.detail])).toEqual([
      ['verify-all', 'coordinator', null, { limit: '1', outcome: 'served' }],
      ['verify-all', 'coordinator', null, { after: first.body.next, limit: '1', outcome: 'served' }],
      ['verify-all', 'coordinator', null, { limit: '0', outcome: 'refused', status: 400, code: 'REQUEST.MALFORMED' }],
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
