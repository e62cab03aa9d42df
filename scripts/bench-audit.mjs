// The audit part of `npm run bench` (alone: `node scripts/bench-audit.mjs` or `BENCH_ONLY=audit npm run
// bench`): one partnership whose log is built to BENCH_AUDIT_EVENTS events (default 10,000) through
// the real path — the raw Temporal client sending executeCommand updates, BENCH_AUDIT_CONCURRENCY at
// once, the workflow continuing as new along the way — then the auditor's reads on it, each measured
// BENCH_AUDIT_REPEATS times beside a plain SELECT of the same rows in the same run, as a ratio of medians.
// The build stops at BENCH_AUDIT_BUILD_SECONDS (default 900) and the figures are then for the count reached.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { apiClient } from './bench-http.mjs';
import { createWithTemporal, userActor } from './bench-raw.mjs';
import { build, ensureDependencies, repoRoot, step } from './bootstrap.mjs';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_AUDIT_CONCURRENCY ?? 8);
const BUILD_LIMIT_MS = Number(process.env.BENCH_AUDIT_BUILD_SECONDS ?? 900) * 1000;
const REPEATS = Number(process.env.BENCH_AUDIT_REPEATS ?? 3);
/** A command that failed for another reason than its run continuing as new is sent again this often, waiting longer each time. */
const RETRIES = 6;
/** How long the bench waits for the background replay to reach a verdict for every run. */
const REPLAY_WAIT_MS = 30 * 60_000;
const EVENTS_SQL = 'SELECT * FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
async function timed(run) {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

/**
 * RecordGoals while the priorities are drafted is the cheapest command that appends: one
 * GoalsRecorded event, and the state does not grow with the log (the goals are replaced).
 */
function goalsFor(index, dueDate) {
  return [
    { rank: 1, title: 'Cut emergency readmissions', metric: 'readmissions per 1,000', baseline: 42, target: 20 + (index % 20), dueDate },
    { rank: 2, title: 'Next-day medicine delivery', metric: 'share under 24 h (%)', baseline: 55, target: 90, dueDate },
  ];
}

/**
 * @param {object} context
 * @param {import('@pe/devstack').RunningStack} context.stack
 * @param {import('@temporalio/client').Client} context.temporal
 */
export async function runAudit({ stack, temporal, coordinator, sponsor, organizationIds, policy }) {
  const { default: pg } = await import('pg');
  const { DOMAIN_ERROR_FAILURE, RUN_CONTINUING_FAILURE, executeCommand } = await import('@pe/workflows');
  const { TEMPORAL_PART_REUSED_MS } = await import(pathToFileURL(join(repoRoot, 'apps/api/dist/insight/proof.service.js')).href);
  const { loginAs } = apiClient(stack.apiUrl);
  const auditor = await loginAs('auditor@demo.test');
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    step(`Audit: building one partnership's log to ${EVENTS} events (RecordGoals, ${CONCURRENCY} at a time, at most ${BUILD_LIMIT_MS / 1000} s)`);
    const dueDate = `${new Date().getUTCFullYear() + 1}-06-30`;
    const buildStarted = performance.now();
    const { partnershipId, handle } = await createWithTemporal(temporal, { coordinator, sponsor, name: 'Audit bench', organizationIds, policy });
    const actor = userActor(coordinator.user);
    let head = 1;
    let sent = 0;
    let resent = 0;
    let retried = 0;
    /** The first command that failed for good: every loop stops sending, and the bench says which and why once none is in flight. */
    let failure;
    let lastReport = performance.now();
    const outOfTime = () => performance.now() - buildStarted > BUILD_LIMIT_MS;
    /** Sends one command until a run takes it: a run continuing as new refuses it (nothing applied), and the next one takes it. */
    async function send(command) {
      for (let attempt = 0; ; ) {
        try {
          return await handle.executeUpdate(executeCommand, { args: [{ command, actor }] });
        } catch (error) {
          if (error?.cause?.type === RUN_CONTINUING_FAILURE) {
            resent += 1;
            await sleep(100);
            continue;
          }
          if (error?.cause?.type === DOMAIN_ERROR_FAILURE || attempt >= RETRIES) throw error;
          attempt += 1;
          retried += 1;
          await sleep(250 * 2 ** attempt);
        }
      }
    }
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        // The create stored one event; each RecordGoals stores one more.
        while (1 + sent < EVENTS && !outOfTime() && !failure) {
          const index = sent++;
          try {
            const answer = await send({ type: 'RecordGoals', goals: goalsFor(index, dueDate), scope: 'Eastern region' });
            head = Math.max(head, answer.version);
          } catch (error) {
            failure ??= error;
          }
          if (performance.now() - lastReport > 30_000) {
            lastReport = performance.now();
            const seconds = (lastReport - buildStarted) / 1000;
            console.log(`  ${head} events after ${seconds.toFixed(0)} s (${(head / seconds).toFixed(0)} events/s)`);
          }
        }
      }),
    );
    if (failure) {
      const { rows: reached } = await db.query('SELECT count(*)::int AS events FROM partnership_events WHERE partnership_id = $1', [partnershipId]);
      throw new Error(`building the log stopped at ${reached[0].events} events: a command failed for good`, { cause: failure });
    }
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    const counted = await db.query('SELECT count(*)::int AS events, count(DISTINCT workflow_run_id)::int AS runs FROM partnership_events WHERE partnership_id = $1', [partnershipId]);
    const { events, runs } = counted.rows[0];
    const reached = events >= EVENTS ? 'reached' : `NOT reached (stopped at the ${BUILD_LIMIT_MS / 1000} s limit)`;
    console.log(`built ${events} events over ${runs} workflow runs in ${buildSeconds.toFixed(1)} s (${(events / buildSeconds).toFixed(0)} events/s; commands sent again: ${resent} while their run continued as new, ${retried} after another failure); target ${EVENTS} ${reached}`);

    const { rows: nearEnd } = await db.query('SELECT sequence, occurred_at FROM partnership_events WHERE partnership_id = $1 AND sequence = $2', [partnershipId, Math.max(1, events - 10)]);
    const at = new Date(nearEnd[0].occurred_at).toISOString();

    /** The plain SELECT of the same rows, through pg: the baseline every row is divided by. */
    const select = async () => {
      const { result } = await timed(() => db.query(EVENTS_SQL, [partnershipId]));
      if (result.rows.length !== events) throw new Error(`the SELECT read ${result.rows.length} rows, not ${events}`);
    };
    const get = async (path) => {
      const response = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${auditor.token}` } });
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body.toString('utf8').slice(0, 300)}`);
      return body;
    };
    /** The operation and the SELECT alternate, so both see the same machine. */
    async function beside(label, operation, repeats = REPEATS) {
      const own = [];
      const baseline = [];
      let last;
      for (let round = 0; round < repeats; round += 1) {
        baseline.push((await timed(select)).ms);
        const { ms, result } = await timed(operation);
        own.push(ms);
        last = result;
      }
      return { label, ms: median(own), selectMs: median(baseline), runs: repeats, last };
    }
    const rows = [];

    step(`Audit: measuring on ${events} events, ${REPEATS} times each (median), each beside SELECT * FROM partnership_events of the same rows`);
    rows.push(await beside(`state ?at= (sequence ${nearEnd[0].sequence})`, () => get(`/api/partnerships/${partnershipId}/state?at=${encodeURIComponent(at)}`)));

    // GET /api/audit/verification verifies a page of partnerships in id order after a cursor: a page of one, after the id before ours.
    const { rows: before } = await db.query('SELECT id FROM partnerships WHERE id < $1 ORDER BY id DESC LIMIT 1', [partnershipId]);
    const cursor = before[0] ? `&after=${before[0].id}` : '';
    const chain = await beside('chain verification (API page of 1)', async () => {
      const page = JSON.parse((await get(`/api/audit/verification?limit=1${cursor}`)).toString('utf8'));
      const [verified] = page.partnerships;
      if (verified?.partnershipId !== partnershipId) throw new Error(`the verification page held ${verified?.partnershipId}, not ${partnershipId}`);
      return verified;
    });
    rows.push(chain);

    const verifyPath = `/api/partnerships/${partnershipId}/verify`;
    const proof = async () => JSON.parse((await get(verifyPath)).toString('utf8'));
    const replaying = (report) => report.temporal.status === 'checked' && report.temporal.runs.some((run) => run.determinism.status === 'pending');
    const first = await beside('verify: first call (replay asked for)', proof, 1);
    rows.push(first);
    // The replay runs in the API's background: the time until every run has a stored verdict, asking every second.
    const replayStarted = performance.now();
    let replayed = first.last;
    while (replaying(replayed)) {
      if (performance.now() - replayStarted > REPLAY_WAIT_MS) throw new Error(`the replay did not reach a verdict for every run within ${REPLAY_WAIT_MS / 60_000} min`);
      await sleep(1_000);
      replayed = await proof();
    }
    const replaySelect = (await timed(select)).ms;
    rows.push({ label: 'determinism: background replay until verdicts', ms: performance.now() - replayStarted, selectMs: replaySelect, runs: 1, last: replayed });
    const cached = await beside(`verify: cross-check reused, verdicts stored`, proof);
    rows.push(cached);
    const uncached = [];
    for (let round = 0; round < REPEATS; round += 1) {
      // Past the time an unchanged log's cross-check is reused, so each call fetches every history again (the verdicts stay stored).
      await sleep(TEMPORAL_PART_REUSED_MS + 1_000);
      uncached.push(await beside('verify', proof, 1));
    }
    const lastUncached = uncached.at(-1).last;
    rows.push({
      label: `verify: histories fetched again (after ${(TEMPORAL_PART_REUSED_MS + 1_000) / 1000} s)`,
      ms: median(uncached.map((row) => row.ms)),
      selectMs: median(uncached.map((row) => row.selectMs)),
      runs: REPEATS,
      last: lastUncached,
    });

    const dossier = await beside('export dossier', () => get(`/api/partnerships/${partnershipId}/export?format=dossier`));
    rows.push(dossier);
    const json = await beside('export json', () => get(`/api/partnerships/${partnershipId}/export?format=json`));
    rows.push(json);

    console.log(`\n${'operation'.padEnd(46)} ${'median ms'.padStart(10)} ${'SELECT ms'.padStart(10)} ${'ratio'.padStart(8)}  runs`);
    for (const row of rows) {
      console.log(`${row.label.padEnd(46)} ${row.ms.toFixed(1).padStart(10)} ${row.selectMs.toFixed(1).padStart(10)} ${(row.ms / row.selectMs).toFixed(1).padStart(8)}  ${row.runs}`);
    }
    const determinismOf = (runs) => {
      const counts = {};
      for (const run of runs) counts[run.determinism.status] = (counts[run.determinism.status] ?? 0) + 1;
      return Object.entries(counts).map(([status, count]) => `${count} ${status}`).join(', ');
    };
    const temporalOf = (report) =>
      report.temporal.status === 'checked'
        ? `checked: ${report.temporal.runs.length} runs, missing ${report.temporal.missing.length}, without cause ${report.temporal.withoutCause.length}, different ${report.temporal.different.length}; determinism ${determinismOf(report.temporal.runs)}`
        : `unavailable (${report.temporal.cause})`;
    console.log(`\n${events} events over ${runs} workflow runs; state as of ${at}`);
    console.log(`chain verification: valid ${chain.last.valid}, checkpoint ${chain.last.checkpoint ? `at ${chain.last.checkpoint.sequence}` : 'none'}`);
    for (const [name, row] of [['first', first], ['once replayed', { last: replayed }], ['reused', cached], ['fetched again', { last: lastUncached }]]) {
      console.log(`verify ${name}: valid ${row.last.valid}, checks ${JSON.stringify(row.last.checks)}; Temporal ${temporalOf(row.last)}`);
    }
    console.log(`export sizes: dossier ${(dossier.last.length / 1024).toFixed(0)} KiB, json ${(json.last.length / 1024).toFixed(0)} KiB`);
  } finally {
    await db.end();
  }
}

/** Alone: a private stack of its own, like `npm run bench`. */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureDependencies();
  build();
  step(`Starting a private stack (data under ${process.env.DATA_DIR ?? '.data'}/bench)`);
  const { startStack } = await import('@pe/devstack');
  const { Client, Connection } = await import('@temporalio/client');
  const { DEFAULT_POLICY } = await import('@pe/domain');
  const stack = await startStack({ repoRoot, mode: 'test', dataFolder: 'bench', echo: false, log: () => undefined });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    const temporal = new Client({ connection, namespace: stack.temporalNamespace });
    const { http, loginAs } = apiClient(stack.apiUrl);
    const coordinator = await loginAs('coordinator@demo.test');
    const sponsor = await loginAs('sponsor@demo.test');
    const organizations = await http('GET', '/api/organizations', coordinator.token);
    await runAudit({ stack, temporal, coordinator, sponsor, organizationIds: organizations.slice(0, 2).map((org) => org.id), policy: DEFAULT_POLICY });
  } finally {
    await connection.close();
    await stack.stop();
  }
}
