/**
 * Determinism without replaying in the request: `/verify` answers a run it has no verdict for
 * `pending` (with when the replay was asked for) while the API replays it in the background, then the
 * verdict. Verdicts are stored per run, deployed workflow code and history length, so a closed run is
 * replayed once — later verifications and other API processes reuse it — the current run again once
 * it has grown, and every run again under other workflow code. What was replayed shows in the stored
 * rows: a planted verdict that is reported was reused, and a row's `replayed_at` moves only when the
 * run is replayed again.
 */
import type { Client, Connection } from '@temporalio/client';
import { workflowIdFor } from '@pe/workflows';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, listQuery, login, type Session } from '../support/http.js';
import { createPartnership, smartGoals, submitGoals } from '../support/partnerships.js';
import { sharedSetting, startApi, type PrivateApi } from '../support/private-processes.js';
import { onceReplayed } from '../support/proof.js';
import { connectTemporal, createWithHistoryLimit, nextRun } from '../support/temporal.js';

let coordinator: Session;
let sponsor: Session;
let auditor: Session;
let db: pg.Client;
let connection: Connection;
let client: Client;
let otherApi: PrivateApi | undefined;

beforeAll(async () => {
  [coordinator, sponsor, auditor] = await Promise.all([login(DEMO.coordinator), login(DEMO.sponsor), login(DEMO.auditor)]);
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  ({ connection, client } = await connectTemporal());
});
afterAll(async () => {
  await otherApi?.stop();
  await db?.end();
  await connection?.close();
});

interface VerdictRow {
  run_id: string;
  code_id: string;
  history_length: number;
  verdict: unknown;
  replayed_at: Date;
}

const PLANTED = { status: 'not-reproduced', error: 'planted: this stored verdict was reused, not replayed' };

const verifyOnce = async (id: string) => {
  const reply = await auditor.get(`/api/partnerships/${id}/verify`);
  expect(reply.status).toBe(200);
  return reply.body;
};

const verdictRows = async (id: string) =>
  (await db.query('SELECT run_id, code_id, history_length, verdict, replayed_at FROM workflow_replay_verdicts WHERE workflow_id = $1 ORDER BY replayed_at', [workflowIdFor(id)])).rows as VerdictRow[];

const historyLength = async (id: string, runId: string) => (await client.workflow.getHandle(workflowIdFor(id), runId).fetchHistory()).events!.length;

describe('determinism replayed in the background, its verdicts stored', () => {
  it('answers pending with when the replay was asked for, then the verdict, stored for the run’s history as replayed', async () => {
    const { id } = await createPartnership(coordinator);
    await submitGoals(coordinator, id);
    const askedFrom = Date.now();
    const first = await verifyOnce(id);
    const askedBy = Date.now();
    expect(first).toMatchObject({ valid: true, complete: false, checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'passed', determinism: 'pending' } });
    const [run] = first.temporal.runs as { runId: string; determinism: { status: string; requestedAt: string } }[];
    expect(run!.determinism.status).toBe('pending');
    expect(Date.parse(run!.determinism.requestedAt)).toBeGreaterThanOrEqual(askedFrom - 1000);
    expect(Date.parse(run!.determinism.requestedAt)).toBeLessThanOrEqual(askedBy + 1000);

    const settled = await onceReplayed(() => verifyOnce(id));
    expect(settled).toMatchObject({ valid: true, complete: true, checks: { determinism: 'passed' } });
    expect(settled.temporal.runs[0].determinism).toEqual({ status: 'reproduced' });
    const rows = await verdictRows(id);
    expect(rows).toEqual([expect.objectContaining({ run_id: run!.runId, verdict: { status: 'reproduced' }, history_length: await historyLength(id, run!.runId) })]);
  });

  it('replays a closed run once: later verifications and another API process reuse its verdict, while the current run is replayed again once it has grown', async () => {
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

    expect(await onceReplayed(() => verifyOnce(id))).toMatchObject({ complete: true, checks: { determinism: 'passed' } });
    const replayed = await verdictRows(id);
    expect(replayed.map((row) => row.run_id).sort()).toEqual([firstRunId, second.runId].sort());
    const closed = replayed.find((row) => row.run_id === firstRunId)!;
    const current = replayed.find((row) => row.run_id === second.runId)!;
    expect(closed.history_length).toBe(await historyLength(id, firstRunId));

    // A verdict no replay of this history would reach: reported from now on only if the stored row is used.
    await db.query('UPDATE workflow_replay_verdicts SET verdict = $2 WHERE workflow_id = $1 AND run_id = $3', [workflowIdFor(id), JSON.stringify(PLANTED), firstRunId]);
    // The current run grows, so its verdict no longer holds.
    await moveDueDate();

    const next = await verifyOnce(id);
    const runsOf = (proof: { temporal: { runs: { runId: string; determinism: unknown }[] } }) => Object.fromEntries(proof.temporal.runs.map((run) => [run.runId, run.determinism]));
    expect(runsOf(next)).toEqual({ [firstRunId]: PLANTED, [second.runId]: { status: 'pending', requestedAt: expect.any(String) } });
    // No fault of the record, and a history today's code does not reproduce is reported as soon as it is known.
    expect(next).toMatchObject({ valid: true, complete: false, checks: { determinism: 'failed' } });
    const afterGrowth = await onceReplayed(() => verifyOnce(id));
    expect(runsOf(afterGrowth)).toEqual({ [firstRunId]: PLANTED, [second.runId]: { status: 'reproduced' } });
    await expect.poll(async () => (await verdictRows(id)).find((row) => row.run_id === second.runId)!.history_length).toBeGreaterThan(current.history_length);

    // Another API process (as after a restart) has the verdicts too: it replays only what no process has.
    otherApi = await startApi(sharedSetting(), { name: 'api-sharing-verdicts', until: 'ready' });
    const signIn = await fetch(`${otherApi.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.auditor, password: DEMO_PASSWORD }) });
    const { token } = (await signIn.json()) as { token: string };
    const fromOther = await onceReplayed(async () => (await fetch(`${otherApi!.url}/api/partnerships/${id}/verify`, { headers: { authorization: `Bearer ${token}` } })).json());
    expect(runsOf(fromOther)).toEqual({ [firstRunId]: PLANTED, [second.runId]: { status: 'reproduced' } });

    const rows = await verdictRows(id);
    expect(rows).toHaveLength(2);
    // The closed run was never replayed again: its row is the one written by the first replay.
    expect(rows.find((row) => row.run_id === firstRunId)).toEqual({ ...closed, verdict: PLANTED });
  });

  it('replays every run again once the deployed workflow code is other than the one a verdict was reached with', async () => {
    const { id } = await createPartnership(coordinator);
    await submitGoals(coordinator, id);
    await onceReplayed(() => verifyOnce(id));
    const [deployed] = await verdictRows(id);
    // As if the verdict had been reached by an earlier deployment's workflow code.
    await db.query('UPDATE workflow_replay_verdicts SET code_id = $2, verdict = $3 WHERE workflow_id = $1', [workflowIdFor(id), 'an-earlier-deployment', JSON.stringify(PLANTED)]);

    const next = await verifyOnce(id);
    expect(next.checks.determinism).toBe('pending');
    const settled = await onceReplayed(() => verifyOnce(id));
    expect(settled.temporal.runs[0].determinism).toEqual({ status: 'reproduced' });

    const rows = await verdictRows(id);
    expect(rows.map((row) => [row.code_id, row.verdict])).toEqual([
      ['an-earlier-deployment', PLANTED],
      [deployed!.code_id, { status: 'reproduced' }],
    ]);
    expect(rows[1]!.replayed_at.getTime()).toBeGreaterThan(deployed!.replayed_at.getTime());
    expect(deployed!.code_id).toMatch(/^@temporalio\/worker@[\d.]+\+[0-9a-f]{64}$/);
  });
});
