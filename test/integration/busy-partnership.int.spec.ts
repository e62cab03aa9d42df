/**
 * A partnership busy with commands sent without pause, through the HTTP API: the commands that arrive
 * while an append is in flight are stored together by the next append, and past its history limit the
 * run still continues as new — it refuses new commands meanwhile and the API sends them again to the
 * next run — so every command is applied once, the log is gapless, and verification holds the log
 * against every run. The history limit is lowered for this partnership only (a workflow input).
 */
import type { Client, Connection } from '@temporalio/client';
import { workflowIdFor } from '@pe/workflows';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, login, type Session } from '../support/http.js';
import { smartGoals } from '../support/partnerships.js';
import { sharedSetting, startApi, type PrivateApi } from '../support/private-processes.js';
import { onceReplayed } from '../support/proof.js';
import { connectTemporal, createWithHistoryLimit } from '../support/temporal.js';

let coordinator: Session;
let auditor: Session;
let connection: Connection;
let client: Client;
let db: pg.Client;
/**
 * The auditor verifies through an API process of the test's own: the shared API replays one
 * partnership at a time, and by this file it may have a queue of every partnership the earlier files'
 * verify-all pages asked for; this one's replay would wait behind them.
 */
let auditApi: PrivateApi | undefined;

beforeAll(async () => {
  auditApi = await startApi(sharedSetting(), { name: 'api-busy-audit', until: 'ready' });
  [coordinator, auditor] = await Promise.all([login(DEMO.coordinator), login(DEMO.auditor, { baseUrl: auditApi.url })]);
  ({ connection, client } = await connectTemporal());
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await auditApi?.stop();
  await db?.end();
  await connection?.close();
});

const SENDERS = 6;
const EACH = 12;
const HISTORY_LIMIT = 60;
/** History events one command adds to its run at most: its update accepted and completed, its append, and the workflow tasks between. */
const EVENTS_PER_COMMAND_AT_MOST = 12;
/** 72 commands and a replay of every run: on a busy 2-core machine this took longer than the suite's 120 s default. */
const BUSY_MS = 360_000;

describe('a partnership busy with commands', () => {
  it('stores commands that arrive during an append together, still continues as new under load, and applies each command once', async () => {
    const { partnershipId: id } = await createWithHistoryLimit(client, coordinator, HISTORY_LIMIT);
    const scopes = Array.from({ length: SENDERS }, (_, sender) => Array.from({ length: EACH }, (_, draft) => `Sender ${sender + 1}, draft ${draft + 1}`));
    // Each sender sends its next command as soon as the last is answered: at no point is the partnership idle.
    const statuses = await Promise.all(
      scopes.map(async (drafts) => {
        const answered: number[] = [];
        for (const scope of drafts) answered.push((await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'RecordGoals', goals: smartGoals(), scope })).status);
        return answered;
      }),
    );
    expect(statuses.flat()).toEqual(Array<number>(SENDERS * EACH).fill(200));

    const rows = (await db.query(`SELECT sequence, type, payload->>'scope' AS scope, workflow_run_id FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence`, [id])).rows as {
      sequence: number;
      type: string;
      scope: string | null;
      workflow_run_id: string;
    }[];
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, index) => index + 1));
    // Every command applied exactly once, none lost and none doubled by being sent again.
    expect(rows.filter((row) => row.type === 'GoalsRecorded').map((row) => row.scope).sort()).toEqual(scopes.flat().sort());

    const runIds = [...new Set(rows.map((row) => row.workflow_run_id))];
    // Each command adds several history events: the runs continued as new while the commands kept coming.
    expect(runIds.length).toBeGreaterThanOrEqual(3);
    let commands = 0;
    let appends = 0;
    for (const [index, runId] of runIds.entries()) {
      const { events } = await client.workflow.getHandle(workflowIdFor(id), runId).fetchHistory();
      // Past its limit a run takes no new command: it ends once the few it had accepted (one per sender at most) are stored.
      if (index < runIds.length - 1) expect(events!.length).toBeLessThan(HISTORY_LIMIT + SENDERS * EVENTS_PER_COMMAND_AT_MOST);
      commands += events!.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes).length;
      appends += events!.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'recordEvents').length;
    }
    // The create and every RecordGoals were accepted by some run; fewer appends stored them all.
    expect(commands).toBe(1 + SENDERS * EACH);
    expect(appends).toBeLessThan(commands);

    const proof = await onceReplayed(async () => (await auditor.get(`/api/partnerships/${id}/verify`)).body);
    expect(proof).toMatchObject({ valid: true, complete: true, checks: { chain: 'passed', checkpoint: 'passed', crossCheck: 'passed', determinism: 'passed' } });
    // Temporal's runs begin with those that stored events; a run that continued as new after the last
    // append may follow with nothing of its own yet.
    const temporalRunIds = proof.temporal.runs.map((run: { runId: string }) => run.runId);
    expect(temporalRunIds.slice(0, runIds.length)).toEqual(runIds);
    expect(temporalRunIds.length - runIds.length).toBeLessThanOrEqual(1);
  }, BUSY_MS);
});
