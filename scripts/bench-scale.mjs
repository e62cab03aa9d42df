// The scale part of `npm run bench`: BENCH_SCALE_N (default 10,000) partnerships created with the raw
// Temporal client (create, record goals, submit), all of them then live and waiting on timers, with
// the worker's workflow cache bounded (WORKER_MAX_CACHED_WORKFLOWS). It prints how long creation
// took, the worker's peak memory (its RSS sampled every 500 ms, and the kernel's VmHWM), how late the
// approval tasks' first reminders were stored against their planned time, and the list endpoints'
// latency over all those partnerships.
//
// Timers: every partnership waits on its approval task's timers. Most take the product's default
// policy, whose timers fall days away. The last BENCH_SCALE_TIMED created take a policy of their own
// whose first reminder is planned after creation has ended (estimated from the rate so far when the
// first of them is created, with a margin), BENCH_SCALE_FIRE_RATE a second. At the default policy a
// partnership with an open task sees a timer about every two days, so 10,000 of them fire fewer than
// one a second: the default 5 a second is many times that, yet a rate the machine sustains, so the
// lateness measured is the timers' own and not a queue's. A reminder planned before creation ended
// (the estimate was short) is reported apart. Every loop is bounded.
import { readFileSync } from 'node:fs';
import { createAndSubmit, percentile } from './bench-raw.mjs';

const SCALE_N = Number(process.env.BENCH_SCALE_N ?? 10_000);
const SCALE_CONCURRENCY = Number(process.env.BENCH_SCALE_CONCURRENCY ?? 20);
/** How many partnerships (the last created) carry a measured reminder. */
const TIMED = Math.min(SCALE_N, Number(process.env.BENCH_SCALE_TIMED ?? 1000));
/** Measured reminders per second once creation is over. */
const FIRE_RATE = Number(process.env.BENCH_SCALE_FIRE_RATE ?? 5);
/** The estimated rest of creation is stretched by this much, in case creation slows down. */
const ESTIMATE_MARGIN = 1.25;
/** Quiet time planned between the estimated end of creation and the first reminder. */
const SETTLE_MS = 30_000;
/** No reminder is planned sooner than this after its task opens. */
const MIN_WAIT_SECONDS = 20;
/** Extra time allowed, after the last planned reminder, for the reminders to be stored. */
const GRACE_MS = 180_000;
/** Creation gives up after this long (the bench must stop by itself). */
const CREATION_LIMIT_MS = Number(process.env.BENCH_SCALE_CREATION_LIMIT_MINUTES ?? 240) * 60_000;
const MAX_FAILURES = 10;
/** Each list request is timed this many times, one request at a time, after two to warm up. */
const LIST_REPEATS = Number(process.env.BENCH_SCALE_LIST_REPEATS ?? 20);

const MB = 1024 * 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value) => `${Math.round(value)} ms`;

/**
 * One reminder per task, `waitSeconds` after it opens: half the window, where the reminder "before
 * due" coincides with it (so it is not scheduled apart), and nothing else (overdue reminders,
 * escalations, reviews, pulses) falls within the measurement.
 */
const reminderPolicy = (waitSeconds) => ({
  taskDue: `PT${2 * waitSeconds}S`,
  reminderBeforeDue: `PT${waitSeconds}S`,
  overdueReminderEvery: 'PT1H',
  escalateAfterOverdue: 'PT1H',
  healthPulse: 'P2M',
  reviewCycle: 'P6M',
});

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

/** The machine's load averages, to read the figures by: the bench shares the machine with whatever else runs. */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * @param {object} context
 * @param {import('@pe/devstack').RunningStack} context.stack
 * @param {import('@temporalio/client').Client} context.temporal
 */
export async function runScale({ stack, temporal, coordinator, sponsor, partner, organizationIds, goals, defaultPolicy, step, http }) {
  // Imported here, not at the top: bench.mjs imports this file before it installs dependencies.
  const { default: pg } = await import('pg');
  const { loadConfig, workerTuningSchema } = await import('@pe/config');
  const tuning = loadConfig(workerTuningSchema);
  step(
    `Scale: ${SCALE_N} partnerships (${SCALE_CONCURRENCY} at a time), each waiting on its approval task's timers, ` +
      `the last ${TIMED} on a reminder measured after creation, ${FIRE_RATE} a second; the worker caches ${tuning.WORKER_MAX_CACHED_WORKFLOWS} workflows ` +
      `and runs ${tuning.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS} workflow tasks at once`,
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
    const untimedIds = [];
    const ids = [];
    let failures = 0;
    let firstError;
    const started = Date.now();
    const creationDeadline = started + CREATION_LIMIT_MS;
    const firstTimed = SCALE_N - TIMED;
    /** When the measured reminders are planned; set when the first timed partnership is about to be created. */
    let plan = null;

    async function createOne(index) {
      if (index < firstTimed) {
        const { partnershipId } = await createAndSubmit(temporal, { coordinator, sponsor, name: `Scale bench ${index}`, organizationIds, policy: defaultPolicy, goals });
        untimedIds.push(partnershipId);
        return;
      }
      const planned = plan.firstAt + ((index - firstTimed) * 1000) / FIRE_RATE;
      const waitSeconds = Math.max(MIN_WAIT_SECONDS, Math.ceil((planned - Date.now()) / 1000));
      const { partnershipId } = await createAndSubmit(temporal, { coordinator, sponsor, name: `Scale bench ${index}`, organizationIds, policy: reminderPolicy(waitSeconds), goals });
      ids.push(partnershipId);
    }

    async function createRange(from, to) {
      let next = from;
      await Promise.all(
        Array.from({ length: Math.min(SCALE_CONCURRENCY, to - from) }, async () => {
          while (next < to && failures < MAX_FAILURES && Date.now() < creationDeadline) {
            const index = next++;
            await createOne(index).catch((error) => {
              failures += 1;
              firstError ??= error;
            });
          }
        }),
      );
    }

    await createRange(0, firstTimed);
    // The rate so far, or a guess for a run that times every partnership.
    const rate = untimedIds.length > 0 ? untimedIds.length / ((Date.now() - started) / 1000) : 5;
    plan = { firstAt: Date.now() + ((TIMED / rate) * 1000 * ESTIMATE_MARGIN) + SETTLE_MS };
    console.log(
      `scale: ${untimedIds.length} created at ${rate.toFixed(1)}/s on the default policy; the last ${TIMED} are planned to be reminded from ` +
        `${Math.round((plan.firstAt - Date.now()) / 1000)} s from now, ${FIRE_RATE} a second (load ${loadAverage()})`,
    );
    await createRange(firstTimed, SCALE_N);
    const creationSeconds = (Date.now() - started) / 1000;
    const createdAt = Date.now();
    const created = untimedIds.length + ids.length;
    console.log(
      `scale: created ${created} partnerships in ${creationSeconds.toFixed(0)} s (${(created / creationSeconds).toFixed(1)}/s, ${SCALE_CONCURRENCY} at a time; load ${loadAverage()})` +
        (failures ? `; ${failures} failed, first: ${firstError instanceof Error ? firstError.message : String(firstError)}` : ''),
    );
    if (created === 0) throw new Error('scale: no partnership was created');
    const live = await temporal.workflow.count(`WorkflowType = 'partnershipWorkflow' AND ExecutionStatus = 'Running'`).catch(() => null);
    if (live) console.log(`scale: ${live.count} partnership workflows running (the rates part's included), memory of the worker now ${Math.round((memoryOf(pid)?.rss ?? 0) / MB)} MB`);

    // Wait for every first reminder, bounded by the latest planned one plus a grace period.
    const countReminders = async () =>
      Number(
        (await db.query(`SELECT count(*)::int AS n FROM partnership_events WHERE type = 'ReminderSent' AND partnership_id = ANY($1::uuid[])`, [ids]))
          .rows[0].n,
      );
    const lastPlanned = plan.firstAt + (Math.max(0, ids.length - 1) * 1000) / FIRE_RATE;
    const waitDeadline = Math.max(createdAt, lastPlanned) + GRACE_MS;
    let stored = await countReminders();
    console.log(`scale: ${ids.length - stored} of ${ids.length} first reminders still pending when creation ended`);
    while (stored < ids.length && Date.now() < waitDeadline) {
      await sleep(2000);
      stored = await countReminders();
    }
    clearInterval(sampler);
    const after = memoryOf(pid);
    if (after && after.rss > peakRss) peakRss = after.rss;

    // Two instants per reminder: when the workflow woke for its timer and decided it (the event's
    // time, the workflow's clock at that workflow task), and when the append stored it (recorded_at).
    const { rows } = await db.query(
      `SELECT extract(epoch FROM r.occurred_at) * 1000 AS woke,
              extract(epoch FROM r.recorded_at) * 1000 AS recorded,
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
      return { planned, woke: Number(row.woke) - planned, stored: Number(row.recorded) - planned };
    });
    const sorted = (list, measure) => list.map((item) => item[measure]).sort((a, b) => a - b);
    const lateness = sorted(measured, 'woke');
    const missing = ids.length - lateness.length;
    const mb = (bytes) => `${Math.round(bytes / MB)} MB`;
    const figures = (list) => `p50 ${ms(percentile(list, 50))}, p99 ${ms(percentile(list, 99))}, max ${ms(list[list.length - 1])}`;
    const latenessText = lateness.length
      ? `timer lateness (the workflow woke) ${figures(lateness)}; stored ${figures(sorted(measured, 'stored'))} (${lateness.length} reminders)`
      : 'no reminder stored';
    console.log(
      `scale: ${created} partnerships waiting on timers; worker peak RSS ${mb(peakRss)} (VmHWM ${after ? mb(after.hwm) : '?'}, ` +
        `${before ? mb(before.rss) : '?'} before the scale run); ${latenessText}` +
        (missing ? `; ${missing} reminders not stored within ${Math.round((waitDeadline - createdAt) / 1000)} s of the end of creation` : ''),
    );
    // Timers that fell due while partnerships were still being created compete with that load.
    const duringCreation = measured.filter((item) => item.planned < createdAt);
    const afterCreation = measured.filter((item) => item.planned >= createdAt);
    for (const [label, list] of [['planned during creation', duringCreation], ['planned after creation', afterCreation]]) {
      if (list.length) console.log(`scale:   ${String(list.length).padStart(5)} ${label.padEnd(24)} woke ${figures(sorted(list, 'woke'))}; stored ${figures(sorted(list, 'stored'))}`);
    }

    const lists = await measureLists({ http, coordinator, sponsor, partner, created });
    return { created, creationRate: created / creationSeconds, peakRss, lateness, missing, lists };
  } finally {
    clearInterval(sampler);
    await db.end();
  }
}

/**
 * The list endpoints the console calls, over every partnership of the run, one request at a time:
 * the partnership list as the console first asks it (25 newest) and sorted, paged, filtered and
 * searched otherwise, a partner's list (its organization's partnerships), the sponsor's inbox and
 * notifications, and the deadline ledger across partnerships. Prints p50 and p95 of each, and of the
 * partnership list's requests together.
 */
async function measureLists({ http, coordinator, sponsor, partner, created }) {
  const query = (params) =>
    Object.entries(params)
      .map(([key, value]) => `${key}=${encodeURIComponent(JSON.stringify(value))}`)
      .join('&');
  const deep = Math.max(0, Math.floor(created / 2));
  const partnershipLists = [
    ['partnerships, newest 25', coordinator, `/api/partnerships?${query({ sort: ['updatedAt', 'DESC'], range: [0, 24] })}`],
    ['partnerships by name', coordinator, `/api/partnerships?${query({ sort: ['name', 'ASC'], range: [0, 24] })}`],
    [`partnerships, page at ${deep}`, coordinator, `/api/partnerships?${query({ sort: ['updatedAt', 'DESC'], range: [deep, deep + 24] })}`],
    ['partnerships in a stage', coordinator, `/api/partnerships?${query({ sort: ['updatedAt', 'DESC'], range: [0, 24], filter: { stage: 'PRIORITY_SETTING' } })}`],
    ['partnerships, search', coordinator, `/api/partnerships?${query({ sort: ['updatedAt', 'DESC'], range: [0, 24], filter: { q: 'bench 4242' } })}`],
    ["a partner's partnerships", partner, `/api/partnerships?${query({ sort: ['updatedAt', 'DESC'], range: [0, 24] })}`],
  ];
  const otherLists = [
    ["the sponsor's inbox", sponsor, `/api/tasks?${query({ sort: ['dueAt', 'ASC'], range: [0, 24], filter: { mine: true, status: 'open' } })}`],
    ["the sponsor's notifications", sponsor, `/api/notifications?${query({ sort: ['createdAt', 'DESC'], range: [0, 24] })}`],
    ['deadline ledger, all partnerships', coordinator, `/api/deadlines?${query({ sort: ['firesAt', 'ASC'], range: [0, 24] })}`],
  ];
  const timed = async ([label, session, path]) => {
    for (let warm = 0; warm < 2; warm += 1) await http('GET', path, session.token);
    const latencies = [];
    for (let repeat = 0; repeat < LIST_REPEATS; repeat += 1) {
      const t0 = performance.now();
      await http('GET', path, session.token);
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    console.log(`scale:   ${label.padEnd(34)} p50 ${ms(percentile(latencies, 50)).padStart(7)}   p95 ${ms(percentile(latencies, 95)).padStart(7)}`);
    return latencies;
  };
  console.log(`scale: list requests over ${created} partnerships, ${LIST_REPEATS} of each, one at a time (load ${loadAverage()}):`);
  const partnershipLatencies = [];
  for (const list of partnershipLists) partnershipLatencies.push(...(await timed(list)));
  const others = {};
  for (const list of otherLists) others[list[0]] = await timed(list);
  partnershipLatencies.sort((a, b) => a - b);
  console.log(`scale: the partnership list over ${created} partnerships: p95 ${ms(percentile(partnershipLatencies, 95))} (all ${partnershipLists.length} requests above together)`);
  return { partnerships: partnershipLatencies, others };
}
