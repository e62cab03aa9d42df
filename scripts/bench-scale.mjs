// The scale part of `npm run bench`: BENCH_SCALE_N (default 1000) partnerships created quickly with the
// raw Temporal client (create, record goals, submit), each then waiting on its approval task's first
// reminder under a second-scale policy. Prints how long creation took, the worker's peak memory while
// they wait, and how late the reminders were stored (recorded_at) against their planned time
// (the task's openedAt + half its window). Every loop is bounded in count and time.
import { readFileSync } from 'node:fs';
import { createAndSubmit, percentile } from './bench-raw.mjs';

const SCALE_N = Number(process.env.BENCH_SCALE_N ?? 1000);
const SCALE_CONCURRENCY = Number(process.env.BENCH_SCALE_CONCURRENCY ?? 20);
/** The approval task's window: its first reminder is planned half-way, TASK_DUE_SECONDS / 2 after submission. */
const TASK_DUE_SECONDS = Number(process.env.BENCH_SCALE_TASK_DUE_SECONDS ?? 120);
/** Extra time allowed, after the last planned reminder, for the reminders to be stored. */
const GRACE_MS = 120_000;
/** Creation gives up after this long (the bench must stop by itself). */
const CREATION_LIMIT_MS = 15 * 60_000;
const MAX_FAILURES = 10;

/**
 * One reminder per task, half-way through the window: the reminder "before due" coincides with it
 * (so it is not scheduled separately) and nothing else (overdue reminders, escalations, reviews,
 * pulses) falls within the measurement.
 */
const SCALE_POLICY = {
  taskDue: `PT${TASK_DUE_SECONDS}S`,
  reminderBeforeDue: `PT${TASK_DUE_SECONDS / 2}S`,
  overdueReminderEvery: 'PT1H',
  escalateAfterOverdue: 'PT1H',
  healthPulse: 'P2M',
  reviewCycle: 'P6M',
};

const MB = 1024 * 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM of a process in bytes, or null once it has gone. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
    return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * @param {object} context
 * @param {import('@pe/devstack').RunningStack} context.stack
 * @param {import('@temporalio/client').Client} context.temporal
 */
export async function runScale({ stack, temporal, coordinator, sponsor, organizationIds, goals, step }) {
  // Imported here, not at the top: bench.mjs imports this file before it installs dependencies.
  const { default: pg } = await import('pg');
  step(
    `Scale: ${SCALE_N} partnerships (${SCALE_CONCURRENCY} at a time), each waiting on a reminder ${TASK_DUE_SECONDS / 2} s after submission`,
  );

  const pid = stack.pid('worker');
  if (pid === undefined) throw new Error('scale: the stack has no worker process to measure');
  const before = memoryOf(pid);
  let peakRss = before?.rss ?? 0;
  const sampler = setInterval(() => {
    const memory = memoryOf(pid);
    if (memory && memory.rss > peakRss) peakRss = memory.rss;
  }, 500);

  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const ids = [];
    let failures = 0;
    let firstError;
    async function createOne(index) {
      const { partnershipId } = await createAndSubmit(temporal, { coordinator, sponsor, name: `Scale bench ${index}`, organizationIds, policy: SCALE_POLICY, goals });
      ids.push(partnershipId);
    }

    let next = 0;
    const started = performance.now();
    const creationDeadline = Date.now() + CREATION_LIMIT_MS;
    await Promise.all(
      Array.from({ length: Math.min(SCALE_CONCURRENCY, SCALE_N) }, async () => {
        while (next < SCALE_N && failures < MAX_FAILURES && Date.now() < creationDeadline) {
          const index = next++;
          await createOne(index).catch((error) => {
            failures += 1;
            firstError ??= error;
          });
        }
      }),
    );
    const creationSeconds = (performance.now() - started) / 1000;
    const createdAt = Date.now();
    console.log(
      `scale: created ${ids.length} partnerships in ${creationSeconds.toFixed(1)} s (${(ids.length / creationSeconds).toFixed(1)}/s, ${SCALE_CONCURRENCY} at a time)` +
        (failures ? `; ${failures} failed, first: ${firstError instanceof Error ? firstError.message : String(firstError)}` : ''),
    );
    if (ids.length === 0) throw new Error('scale: no partnership was created');

    // Wait for every first reminder, bounded by the latest planned one plus a grace period.
    const countReminders = async () =>
      Number(
        (await db.query(`SELECT count(*)::int AS n FROM partnership_events WHERE type = 'ReminderSent' AND partnership_id = ANY($1::uuid[])`, [ids]))
          .rows[0].n,
      );
    const waitDeadline = createdAt + (TASK_DUE_SECONDS / 2) * 1000 + GRACE_MS;
    let stored = await countReminders();
    console.log(`scale: ${ids.length - stored} of ${ids.length} first reminders still pending when creation ended`);
    while (stored < ids.length && Date.now() < waitDeadline) {
      await sleep(1000);
      stored = await countReminders();
    }
    clearInterval(sampler);
    const after = memoryOf(pid);
    if (after && after.rss > peakRss) peakRss = after.rss;

    const { rows } = await db.query(
      `SELECT extract(epoch FROM r.recorded_at) * 1000 AS recorded,
              o.payload->'task'->>'openedAt' AS opened,
              o.payload->'task'->>'dueAt' AS due
         FROM partnership_events r
         JOIN partnership_events o
           ON o.partnership_id = r.partnership_id AND o.type = 'TaskOpened' AND o.payload->'task'->>'id' = r.payload->>'taskId'
        WHERE r.type = 'ReminderSent' AND (r.payload->>'reminder')::int = 1 AND r.partnership_id = ANY($1::uuid[])`,
      [ids],
    );
    const measured = rows.map((row) => {
      const opened = Date.parse(row.opened);
      const planned = opened + (Date.parse(row.due) - opened) / 2; // = openedAt + taskDue / 2
      return { planned, late: Number(row.recorded) - planned };
    });
    const sorted = (list) => list.map((item) => item.late).sort((a, b) => a - b);
    const lateness = sorted(measured);
    // Timers that fell due while partnerships were still being created compete with that load.
    const duringCreation = sorted(measured.filter((item) => item.planned < createdAt));
    const afterCreation = sorted(measured.filter((item) => item.planned >= createdAt));
    const missing = ids.length - lateness.length;
    const mb = (bytes) => `${Math.round(bytes / MB)} MB`;
    const ms = (value) => `${Math.round(value)} ms`;
    const figures = (list) => `p50 ${ms(percentile(list, 50))}, p99 ${ms(percentile(list, 99))}, max ${ms(list[list.length - 1])}`;
    const latenessText = lateness.length ? `timer lateness ${figures(lateness)}` : 'no reminder stored';
    console.log(
      `scale: ${ids.length} partnerships waiting on timers; worker peak RSS ${mb(peakRss)} (VmHWM ${after ? mb(after.hwm) : '?'}, ` +
        `${before ? mb(before.rss) : '?'} before the scale run); ${latenessText}` +
        (missing ? `; ${missing} reminders not stored within ${Math.round((waitDeadline - createdAt) / 1000)} s` : ''),
    );
    for (const [label, list] of [['planned during creation', duringCreation], ['planned after creation', afterCreation]]) {
      if (list.length) console.log(`scale:   ${String(list.length).padStart(5)} ${label.padEnd(24)} lateness ${figures(list)}`);
    }
    return { created: ids.length, creationRate: ids.length / creationSeconds, peakRss, lateness, missing };
  } finally {
    clearInterval(sampler);
    await db.end();
  }
}
