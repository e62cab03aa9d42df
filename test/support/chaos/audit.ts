/**
 * What must hold after the faults, gathered from the stack and judged by verdicts.ts: every
 * partnership's log gapless from 1, every acknowledged command in it exactly once where its answer
 * said, each workflow level with its log, the projections equal to a rebuild from the log, /verify
 * valid, and each reminder fired once.
 */
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import type { PartnershipPolicy } from '@pe/domain';
import { openDatabase, rebuildProjections } from '@pe/persistence';
import { stateQuery, workflowIdFor } from '@pe/workflows';
import type { AppliedCommand } from './load.js';
import type { RetryingClient } from './retrying-client.js';
import { gapsIn, notExactlyOnce, remindersNotOnce, rowsApart, workflowsApartFromLog, type LoggedCommand, type Rows } from './verdicts.js';

/** A task whose reminders fell due while the worker was being killed. */
export interface ReminderWatch {
  partnershipId: string;
  taskId: string;
  policy: PartnershipPolicy;
}

export interface AuditInput {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  http: RetryingClient;
  /** A token that may read every partnership's /verify. */
  token: string;
  partnershipIds: string[];
  runId: string;
  applied: AppliedCommand[];
  reminders: ReminderWatch[];
}

export interface AuditReport {
  events: number;
  gaps: string[];
  notExactlyOnce: string[];
  workflowsApartFromLog: string[];
  projectionsApartFromLog: string[];
  verifyFailures: string[];
  remindersNotOnce: string[];
}

export async function audit(input: AuditInput): Promise<AuditReport> {
  const db = new pg.Client({ connectionString: input.databaseUrl });
  await db.connect();
  try {
    const sequencesOf = await sequences(db, input.partnershipIds);
    return {
      events: [...sequencesOf.values()].reduce((sum, list) => sum + list.length, 0),
      gaps: gapsIn(input.partnershipIds, sequencesOf),
      notExactlyOnce: notExactlyOnce(input.applied, await loggedCommands(db, input.runId)),
      workflowsApartFromLog: workflowsApartFromLog(await workflowVersions(input), sequencesOf),
      projectionsApartFromLog: await projectionsAgainstRebuild(input.databaseUrl),
      verifyFailures: await verifyFailures(input),
      remindersNotOnce: remindersNotOnce(await remindedTasks(db, input.reminders), Date.now()),
    };
  } finally {
    await db.end();
  }
}

async function sequences(db: pg.Client, partnershipIds: string[]): Promise<Map<string, number[]>> {
  const { rows } = await db.query<{ partnership_id: string; sequences: number[] }>(
    'SELECT partnership_id, array_agg(sequence ORDER BY sequence) AS sequences FROM partnership_events WHERE partnership_id = ANY($1::uuid[]) GROUP BY partnership_id',
    [partnershipIds],
  );
  return new Map(rows.map((row) => [row.partnership_id, row.sequences]));
}

async function loggedCommands(db: pg.Client, runId: string): Promise<LoggedCommand[]> {
  const { rows } = await db.query<{ partnership_id: string; sequence: number; name: string }>(
    `SELECT partnership_id, sequence, payload->'stakeholder'->>'name' AS name FROM partnership_events
     WHERE type = 'StakeholderAdded' AND payload->'stakeholder'->>'name' LIKE $1`,
    [`chaos ${runId} %`],
  );
  return rows.map((row) => ({ partnershipId: row.partnership_id, sequence: row.sequence, name: row.name }));
}

async function workflowVersions(input: AuditInput): Promise<Map<string, number>> {
  const connection = await Connection.connect({ address: input.temporalAddress });
  try {
    const client = new Client({ connection, namespace: input.temporalNamespace });
    const versions = new Map<string, number>();
    for (const id of input.partnershipIds) versions.set(id, (await client.workflow.getHandle(workflowIdFor(id)).query(stateQuery)).version);
    return versions;
  } finally {
    await connection.close();
  }
}

/** Rebuilds every projection from the log inside a transaction, compares, and rolls the rebuild back. */
async function projectionsAgainstRebuild(databaseUrl: string): Promise<string[]> {
  const dataSource = await openDatabase(databaseUrl);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    const projected = await projections(runner.manager);
    await rebuildProjections(runner.manager);
    const rebuilt = await projections(runner.manager);
    return Object.keys(projected).flatMap((table) => rowsApart(table, projected[table]!, rebuilt[table]!));
  } finally {
    await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

async function projections(manager: { query(sql: string): Promise<unknown> }): Promise<Record<string, Rows>> {
  const keyed = async (sql: string, key: (row: Record<string, unknown>) => string) =>
    new Map(((await manager.query(sql)) as Record<string, unknown>[]).map((row) => [key(row), JSON.stringify(row)]));
  return {
    partnerships: await keyed('SELECT * FROM partnerships', (row) => String(row.id)),
    tasks: await keyed('SELECT * FROM tasks', (row) => String(row.id)),
    // The row id is a counter and read_at a reader's doing: neither comes from the log.
    notifications: await keyed(
      'SELECT user_id, partnership_id, task_id, event_sequence, kind, message, created_at FROM notifications',
      (row) => `${String(row.partnership_id)}#${String(row.event_sequence)}→${String(row.user_id)}`,
    ),
  };
}

async function verifyFailures(input: AuditInput): Promise<string[]> {
  const problems: string[] = [];
  for (const id of input.partnershipIds) {
    const { body } = await input.http.ok<{ valid: boolean }>('GET', `/api/partnerships/${id}/verify`, { token: input.token });
    if (body.valid !== true) problems.push(`${id}: ${JSON.stringify(body)}`);
  }
  return problems;
}

async function remindedTasks(db: pg.Client, watches: ReminderWatch[]) {
  return Promise.all(
    watches.map(async (watch) => {
      const { rows } = await db.query<{ type: string; payload: any }>(
        `SELECT type, payload FROM partnership_events WHERE partnership_id = $1
         AND ((type = 'TaskOpened' AND payload->'task'->>'id' = $2) OR (type = 'ReminderSent' AND payload->>'taskId' = $2)) ORDER BY sequence`,
        [watch.partnershipId, watch.taskId],
      );
      const opened = rows.find((row) => row.type === 'TaskOpened')?.payload.task as { openedAt: string; dueAt: string } | undefined;
      if (!opened) throw new Error(`the watched task ${watch.taskId} was never opened`);
      const sent = rows.filter((row) => row.type === 'ReminderSent').map((row) => Number(row.payload.reminder));
      return { id: watch.taskId, openedAt: opened.openedAt, dueAt: opened.dueAt, policy: watch.policy, sent };
    }),
  );
}
