/**
 * Verification against the workflow's own Temporal history: each run's `recordEvents` inputs are
 * the causes of the log's rows, so a cut tail, a row without cause and an altered event are named
 * with their sequence, run by run across continue-as-new; each run's history replays against the
 * workflow code deployed now. When Temporal is silent or down the log's own checks still answer.
 */
import type { Client, Connection } from '@temporalio/client';
import { freePort, waitUntil, type Service } from '@pe/devstack';
import { TEMPORAL_UNAVAILABLE_REASONS, type TemporalUnavailableCause } from '@pe/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, listQuery, login, type Session } from '../support/http.js';
import { onceReplayed } from '../support/proof.js';
import { createPartnership, smartGoals, submitGoals } from '../support/partnerships.js';
import { sharedSetting, startApi } from '../support/private-processes.js';
import { connectTemporal, createWithHistoryLimit, nextRun } from '../support/temporal.js';
import { temporalRelay } from '../support/temporal-relay.js';
import { withGuardOff } from '../support/tamper.js';

let coordinator: Session;
let sponsor: Session;
let auditor: Session;
let db: pg.Client;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  [coordinator, sponsor, auditor] = await Promise.all([login(DEMO.coordinator), login(DEMO.sponsor), login(DEMO.auditor)]);
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  ({ connection, client } = await connectTemporal());
});
afterAll(async () => {
  await db?.end();
  await connection?.close();
});

/** The proof once the background replay has a verdict for every run (the first call answers it `pending`). */
const verify = (id: string, as: Session = auditor) =>
  onceReplayed(async () => {
    const reply = await as.get(`/api/partnerships/${id}/verify`);
    expect(reply.status).toBe(200);
    return reply.body;
  });

/** Four events, in one run: created, goals recorded, priorities submitted, the sponsor's task opened. */
async function partnershipWithFourEvents(): Promise<string> {
  const { id } = await createPartnership(coordinator);
  await submitGoals(coordinator, id);
  return id;
}


const runIdOf = async (id: string, sequence: number) =>
  ((await db.query('SELECT workflow_run_id FROM partnership_events WHERE partnership_id = $1 AND sequence = $2', [id, sequence])).rows[0] as { workflow_run_id: string }).workflow_run_id;

describe('the log against the workflow’s Temporal history', () => {
  it('verifies an untouched partnership fully: chain, checkpoint, cross-check and determinism', async () => {
    const id = await partnershipWithFourEvents();
    const report = await verify(id);
    expect(report).toMatchObject({
      valid: true,
      complete: true,
      events: 4,
      checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'passed', determinism: 'passed' },
      temporal: { status: 'checked', workflowId: `partnership-${id}`, missing: [], withoutCause: [], different: [], unchecked: [] },
    });
    expect(report.temporal.runs).toEqual([
      { runId: await runIdOf(id, 1), history: 'retained', recorded: 4, logged: 4, missing: [], withoutCause: [], different: [], determinism: { status: 'reproduced' } },
    ]);
    // Any role that sees the partnership may see its proof.
    expect((await verify(id, coordinator)).valid).toBe(true);
  });

  it('names the newest events cut off with their checkpoint as missing, which the log alone no longer shows', async () => {
    const id = await partnershipWithFourEvents();
    await withGuardOff(db, 'partnership_events', () => db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence >= 3', [id]));
    await withGuardOff(db, 'audit_checkpoints', () => db.query('DELETE FROM audit_checkpoints WHERE partnership_id = $1 AND sequence >= 3', [id]));
    const report = await verify(id);
    expect(report).toMatchObject({
      valid: false,
      events: 2,
      checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'failed', determinism: 'passed' },
      temporal: { missing: [3, 4], withoutCause: [], different: [] },
    });
    expect(report.temporal.runs[0]).toMatchObject({ recorded: 4, logged: 2, missing: [3, 4] });
  });

  it('names an altered payload as different, field by field', async () => {
    const id = await partnershipWithFourEvents();
    await withGuardOff(db, 'partnership_events', () =>
      db.query(`UPDATE partnership_events SET payload = jsonb_set(payload, '{scope}', '"a smaller scope"') WHERE partnership_id = $1 AND sequence = 2`, [id]),
    );
    expect(await verify(id)).toMatchObject({
      valid: false,
      firstBrokenSequence: 2,
      checks: { chain: 'failed', crossCheck: 'failed' },
      temporal: { missing: [], withoutCause: [], different: [{ sequence: 2, fields: ['data'] }] },
    });
  });

  it('names a row that no run recorded as without cause', async () => {
    const id = await partnershipWithFourEvents();
    // A copy of event 4 appended as event 5: no recordEvents activity ever carried it.
    await db.query(
      `INSERT INTO partnership_events (partnership_id, sequence, type, occurred_at, actor_id, actor_role, actor_organization_id, payload, previous_hash, hash, workflow_run_id)
       SELECT partnership_id, 5, type, occurred_at, actor_id, actor_role, actor_organization_id, payload, hash, repeat('f', 64), workflow_run_id
       FROM partnership_events WHERE partnership_id = $1 AND sequence = 4`,
      [id],
    );
    const report = await verify(id);
    expect(report).toMatchObject({ valid: false, checks: { crossCheck: 'failed' }, temporal: { missing: [], withoutCause: [5], different: [] } });
    expect(report.temporal.runs[0].withoutCause).toEqual([5]);
  });

  it('checks each run of a partnership that continued as new, and names a fault in the run it belongs to', async () => {
    const { partnershipId: id, firstRunId } = await createWithHistoryLimit(client, coordinator, 28);
    for (const command of [{ type: 'RecordGoals', goals: smartGoals(), scope: 'Region' }, { type: 'SubmitPriorities' }]) {
      expect((await coordinator.post(`/api/partnerships/${id}/commands`, command)).status).toBe(200);
    }
    const [opened] = (await sponsor.get(`/api/tasks?${listQuery({ mine: true, status: 'open', partnershipId: id })}`)).body as { id: string; dueAt: string }[];
    const moveDueDate = async () => {
      expect((await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'MoveDueDate', taskId: opened!.id, dueAt: opened!.dueAt })).status).toBe(200);
    };
    const second = await nextRun(client, id, firstRunId, moveDueDate);
    await moveDueDate();

    const report = await verify(id);
    expect(report).toMatchObject({ valid: true, complete: true, checks: { crossCheck: 'passed', determinism: 'passed' } });
    const runs = report.temporal.runs as { runId: string; recorded: number; logged: number; determinism: unknown }[];
    expect(runs.map((run) => run.runId)).toEqual([firstRunId, second.runId]);
    for (const run of runs) {
      expect(run.recorded).toBeGreaterThan(0);
      expect(run.logged).toBe(run.recorded);
      expect(run.determinism).toEqual({ status: 'reproduced' });
    }
    expect(runs[0]!.recorded + runs[1]!.recorded).toBe(report.events);

    // One fault in each run: the goals altered in the first, the newest event cut off (with its checkpoint) in the second.
    const newest = report.events as number;
    await withGuardOff(db, 'partnership_events', async () => {
      await db.query(`UPDATE partnership_events SET payload = jsonb_set(payload, '{scope}', '"elsewhere"') WHERE partnership_id = $1 AND sequence = 2`, [id]);
      await db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence = $2', [id, newest]);
    });
    await withGuardOff(db, 'audit_checkpoints', () => db.query('DELETE FROM audit_checkpoints WHERE partnership_id = $1 AND sequence = $2', [id, newest]));
    const tampered = await verify(id);
    expect(tampered).toMatchObject({ valid: false, temporal: { missing: [newest], different: [{ sequence: 2, fields: ['data'] }] } });
    expect(tampered.temporal.runs).toMatchObject([
      { runId: firstRunId, missing: [], different: [{ sequence: 2 }] },
      { runId: second.runId, missing: [newest], different: [] },
    ]);
  });
});

describe('verification while Temporal is silent or down', () => {
  let api: Service | undefined;
  afterAll(async () => {
    await api?.stop();
  });

  it('answers with the log’s own checks and Temporal reported unavailable (or busy), remembers a checked log for a while, and checks Temporal again once it answers', async () => {
    const id = await partnershipWithFourEvents();
    const other = await partnershipWithFourEvents();
    const third = await partnershipWithFourEvents();
    const relay = temporalRelay(inject('temporalAddress'));
    const relayPort = await freePort();
    await relay.listen(relayPort);
    // A second API, the same database and signing key, reaching Temporal only through the relay.
    const behindRelay = await startApi(sharedSetting({ TEMPORAL_ADDRESS: `127.0.0.1:${relayPort}` }), { name: 'api-behind-relay', until: 'ready' });
    api = behindRelay.service;
    const apiUrl = behindRelay.url;
    const signIn = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.auditor, password: DEMO_PASSWORD }) });
    const { token } = (await signIn.json()) as { token: string };
    const verifyBehindRelay = async (partnershipId: string) => {
      const reply = await fetch(`${apiUrl}/api/partnerships/${partnershipId}/verify`, { headers: { authorization: `Bearer ${token}` } });
      expect(reply.status).toBe(200);
      return (await reply.json()) as any;
    };
    const replayedBehindRelay = (partnershipId: string) => onceReplayed(() => verifyBehindRelay(partnershipId));
    const logOnly = { valid: true, complete: false, events: 4, firstBrokenSequence: null, checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'unavailable', determinism: 'unavailable' } };

    const unavailable = (cause: TemporalUnavailableCause) => ({ ...logOnly, temporal: { status: 'unavailable', cause, reason: TEMPORAL_UNAVAILABLE_REASONS[cause] } });

    expect(await replayedBehindRelay(id)).toMatchObject({ complete: true, temporal: { status: 'checked' } });

    relay.hold();
    // The log has not changed since: Temporal's part is remembered, and Temporal not asked again.
    expect(await verifyBehindRelay(id)).toMatchObject({ complete: true, temporal: { status: 'checked' } });
    expect(relay.heldChunks()).toBe(0);

    // Another log is checked against Temporal, which stays silent; meanwhile that check holds the one turn.
    const silent = verifyBehindRelay(other);
    await waitUntil('a verification waiting on Temporal', async () => relay.heldChunks() > 0, 10_000);
    expect(await verifyBehindRelay(third)).toMatchObject(unavailable('busy'));
    expect(await silent).toMatchObject(unavailable('timeout'));

    // An unavailable part is not remembered: once Temporal answers, the same log is checked.
    relay.release();
    expect(await replayedBehindRelay(other)).toMatchObject({ complete: true, temporal: { status: 'checked' } });

    await relay.cut();
    const down = await verifyBehindRelay(third);
    // Refused at once or retried until the deadline, either way a generic reason: never the transport's text with its addresses.
    expect([unavailable('unreachable'), unavailable('timeout')]).toContainEqual(expect.objectContaining({ temporal: down.temporal }));
    expect(down).toMatchObject({ ...logOnly });
    expect(JSON.stringify(down)).not.toContain('127.0.0.1');
  });
});
