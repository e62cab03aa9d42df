/**
 * The append itself, on a database of its own beside the shared stack's (so no other file sees its
 * partnerships): events the decider produced, stored in appends of one and of several events, chain
 * and project exactly as a fold of the whole log would; a retried append stores and signs nothing
 * new; a different event at a taken sequence, or a gap, is refused and leaves nothing behind.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SYSTEM_ACTOR, decide, fold, nextDeadline, type Actor, type PartnershipCommand, type PartnershipEvent } from '@pe/domain';
import { EventLogIntegrityError, appendEvents, chainVerification, openDatabase, rebuildProjections, type EventRow, type SequencedEvent } from '@pe/persistence';

const { privateKey } = generateKeyPairSync('ed25519');
const database = `pe_event_store_${randomUUID().replace(/-/g, '')}`;
const coordinator: Actor = { kind: 'user', userId: randomUUID(), role: 'coordinator', organizationId: randomUUID() };
const sponsorId = randomUUID();
let admin: pg.Client;
let db: DataSource;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${database}`;
  db = await openDatabase(url.toString());
});

afterAll(async () => {
  await db?.destroy();
  await admin?.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin?.end();
});

/**
 * A partnership's commands through the decider, as its workflow would run them: created, goals
 * recorded, submitted (the approval task opens), then its reminder fires. Each entry is one append.
 */
function decidedAppends(partnershipId: string): SequencedEvent[][] {
  const start = Date.UTC(2030, 0, 14, 9, 0, 0);
  const commands: [PartnershipCommand, number][] = [
    [
      {
        type: 'CreatePartnership',
        partnershipId,
        name: 'Health corridor',
        description: 'Hospitals and carriers',
        coordinatorId: coordinator.userId,
        sponsorId,
        steeringGroupIds: [sponsorId],
        organizationIds: [coordinator.organizationId!, randomUUID()],
        policy: { taskDue: 'PT40S', reminderBeforeDue: 'PT10S', overdueReminderEvery: 'P1D', escalateAfterOverdue: 'P5D', healthPulse: 'P2M', reviewCycle: 'P6M' },
      },
      start,
    ],
    [{ type: 'RecordGoals', goals: [{ rank: 1, title: 'Cut readmissions', metric: 'per 1,000', baseline: 42, target: 30, dueDate: '2031-06-30' }], scope: 'East' }, start + 1000],
    [{ type: 'SubmitPriorities' }, start + 2000],
  ];
  const appends: SequencedEvent[][] = [];
  let log: PartnershipEvent[] = [];
  const append = (events: PartnershipEvent[]) => {
    appends.push(events.map((event, index) => ({ ...event, sequence: log.length + index + 1 })));
    log = [...log, ...events];
  };
  for (const [command, at] of commands) append(decide(fold(log), command, { now: new Date(at), actor: coordinator }));
  const due = nextDeadline(fold(log));
  expect(due).not.toBeNull();
  append(decide(fold(log), { type: 'FireDueTimers' }, { now: new Date(due!), actor: SYSTEM_ACTOR }));
  return appends;
}

const rowsOf = async (partnershipId: string) =>
  (await db.query('SELECT * FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence', [partnershipId])) as EventRow[];
const checkpointsOf = async (partnershipId: string) =>
  (await db.query('SELECT sequence, hash FROM audit_checkpoints WHERE partnership_id = $1 ORDER BY sequence', [partnershipId])) as { sequence: number; hash: string }[];

/** Every projected row of one partnership, read the way the chaos audit compares them. */
async function projectionsOf(partnershipId: string, manager: Pick<DataSource, 'query'> = db) {
  return {
    partnership: await manager.query('SELECT * FROM partnerships WHERE id = $1', [partnershipId]),
    tasks: await manager.query('SELECT * FROM tasks WHERE partnership_id = $1 ORDER BY id', [partnershipId]),
    notifications: await manager.query(
      'SELECT user_id, task_id, event_sequence, kind, message, created_at FROM notifications WHERE partnership_id = $1 ORDER BY event_sequence, user_id',
      [partnershipId],
    ),
  };
}

describe('appending events', () => {
  it('chains, projects and signs appends of one and of several events as a fold of the whole log would', async () => {
    const partnershipId = randomUUID();
    const appends = decidedAppends(partnershipId);
    expect(appends.map((events) => events.length).some((length) => length > 1)).toBe(true);
    for (const events of appends) {
      expect(await appendEvents(db, { partnershipId, workflowRunId: 'run-1', events }, privateKey)).toEqual({ appended: events.length });
    }

    const rows = await rowsOf(partnershipId);
    expect(rows.map((row) => row.sequence)).toEqual(appends.flat().map((event) => event.sequence));
    expect(rows.map((row) => row.type)).toContain('ReminderSent');
    expect(chainVerification(partnershipId, rows)).toMatchObject({ valid: true, firstBrokenSequence: null });
    // Each append signed the head it wrote.
    expect(await checkpointsOf(partnershipId)).toEqual(
      appends.map((events) => {
        const head = rows.find((row) => row.sequence === events.at(-1)!.sequence)!;
        return { sequence: head.sequence, hash: head.hash };
      }),
    );

    const projected = await projectionsOf(partnershipId);
    expect(projected.partnership).toHaveLength(1);
    expect(projected.tasks).toHaveLength(1);
    expect(projected.notifications.length).toBeGreaterThan(0);
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      await rebuildProjections(runner.manager);
      expect(await projectionsOf(partnershipId, runner.manager)).toEqual(projected);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('stores and signs nothing new when an append is retried', async () => {
    const partnershipId = randomUUID();
    const appends = decidedAppends(partnershipId);
    for (const events of appends) await appendEvents(db, { partnershipId, workflowRunId: 'run-1', events }, privateKey);
    const [rows, checkpoints, projected] = [await rowsOf(partnershipId), await checkpointsOf(partnershipId), await projectionsOf(partnershipId)];

    for (const events of appends) {
      expect(await appendEvents(db, { partnershipId, workflowRunId: 'run-1', events }, privateKey)).toEqual({ appended: 0 });
    }
    expect(await rowsOf(partnershipId)).toEqual(rows);
    expect(await checkpointsOf(partnershipId)).toEqual(checkpoints);
    expect(await projectionsOf(partnershipId)).toEqual(projected);
  });

  it('refuses a different event at a taken sequence, and a gap, storing nothing of the append', async () => {
    const partnershipId = randomUUID();
    const [created, goals, submitted] = decidedAppends(partnershipId);
    await appendEvents(db, { partnershipId, workflowRunId: 'run-1', events: created! }, privateKey);
    await appendEvents(db, { partnershipId, workflowRunId: 'run-1', events: goals! }, privateKey);
    const before = { rows: await rowsOf(partnershipId), checkpoints: await checkpointsOf(partnershipId), projected: await projectionsOf(partnershipId) };

    // The same sequence with another time: what a re-run decision would produce.
    const rewritten = goals!.map((event) => ({ ...event, at: new Date(Date.parse(event.at) + 1).toISOString() }));
    await expect(appendEvents(db, { partnershipId, workflowRunId: 'run-2', events: [...rewritten, ...submitted!] }, privateKey)).rejects.toThrow(
      EventLogIntegrityError,
    );
    const skipping = submitted!.map((event) => ({ ...event, sequence: event.sequence + 1 }));
    await expect(appendEvents(db, { partnershipId, workflowRunId: 'run-1', events: skipping }, privateKey)).rejects.toThrow(/Event 3 of partnership .* is missing/);

    expect({ rows: await rowsOf(partnershipId), checkpoints: await checkpointsOf(partnershipId), projected: await projectionsOf(partnershipId) }).toEqual(before);
  });
});
