// `npm run bench`: on one dev server, in one run, carry N partnerships through goal submission and
// the sponsor's first approval — four updates each — (0) on the floor, a bare workflow taking the same
// four updates with nothing stored (scripts/bench-floor/), (b) on the product's workflow with the raw
// Temporal client and (a) through our HTTP API; print the rates and the ratios raw/floor and API/raw.
// BENCH_N, BENCH_CONCURRENCY and BENCH_ROUNDS (the three alternate round by round, each round
// starting with the next, so load from elsewhere on the machine falls on all three alike) tune it.
// Then a scale run (scripts/bench-scale.mjs):
// BENCH_SCALE_N partnerships waiting on timers, with the worker's peak memory, the timers' lateness and
// the list API's latency over them. Then the audit figures on one long log (scripts/bench-audit.mjs);
// BENCH_ONLY=audit runs only those, BENCH_ONLY=rates only the rates, BENCH_ONLY=scale only the scale run.
import { build, ensureDependencies, repoRoot, step } from './bootstrap.mjs';
import { runScale } from './bench-scale.mjs';
import { runAudit } from './bench-audit.mjs';
import { apiClient } from './bench-http.mjs';
import { FLOOR_TARGET, startFloorWorker } from './bench-floor/floor.mjs';
import { createSubmitAndApprove, percentile } from './bench-raw.mjs';

const N = Number(process.env.BENCH_N ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
/** Three, so that each path runs once in each position of the rotating order. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The pause before each path's measure, for the previous one's trailing work to end. */
const SETTLE_MS = 2000;
/** `rates`, `scale` or `audit`: that part alone. */
const ONLY = process.env.BENCH_ONLY;
const runs = (part) => ONLY === undefined || ONLY === part;
const dueDate = `${new Date().getUTCFullYear() + 1}-06-30`;
const GOALS = [
  { rank: 1, title: 'Cut emergency readmissions', metric: 'readmissions per 1,000', baseline: 42, target: 30, dueDate },
  { rank: 2, title: 'Next-day medicine delivery', metric: 'share under 24 h (%)', baseline: 55, target: 90, dueDate },
];

ensureDependencies();
build();
const workload = ONLY ? `the ${ONLY} part alone` : `${N} partnerships per path and round, ${CONCURRENCY} at a time, ${ROUNDS} rounds`;
step(`Starting a private stack (data under ${process.env.DATA_DIR ?? '.data'}/bench) for ${workload}`);
const { startStack } = await import('@pe/devstack');
const { Client, Connection } = await import('@temporalio/client');
// The product's default policy: no timer fires while the bench runs.
const { DEFAULT_POLICY } = await import('@pe/domain');

// A command waits up to a minute (the product's bound is 10 s): on a machine that is busy with other
// work, a slow command must count in the figures rather than end the run.
const env = { ...process.env, COMMAND_TIMEOUT_MS: process.env.COMMAND_TIMEOUT_MS ?? '60000' };
const stack = await startStack({ repoRoot, mode: 'test', dataFolder: 'bench', env, echo: false, log: () => undefined });
const connection = await Connection.connect({ address: stack.temporalAddress });
const temporal = new Client({ connection, namespace: stack.temporalNamespace });

const { http, loginAs } = apiClient(stack.apiUrl);

try {
  const coordinator = await loginAs('coordinator@demo.test');
  const sponsor = await loginAs('sponsor@demo.test');
  const organizations = await http('GET', '/api/organizations', coordinator.token);
  const organizationIds = organizations.slice(0, 2).map((org) => org.id);
  const definition = (name) => ({ name, description: 'bench', sponsorId: sponsor.user.id, organizationIds, policy: DEFAULT_POLICY });

  /** (a) What a console user causes: HTTP, auth, validation, projections read back. */
  async function throughApi(index) {
    const partnership = await http('POST', '/api/partnerships', coordinator.token, definition(`API bench ${index}`));
    const commands = `/api/partnerships/${partnership.id}/commands`;
    await http('POST', commands, coordinator.token, { type: 'RecordGoals', goals: GOALS, scope: 'Eastern region' });
    await http('POST', commands, coordinator.token, { type: 'SubmitPriorities' });
    const filter = encodeURIComponent(JSON.stringify({ mine: true, status: 'open', partnershipId: partnership.id }));
    const [task] = await http('GET', `/api/tasks?filter=${filter}`, sponsor.token);
    await http('POST', `/api/tasks/${task.id}/complete`, sponsor.token, { decision: 'approve' });
  }

  /** (b) The product's workflow from the raw Temporal client: the same updates, no HTTP and no reads. */
  const throughTemporal = (index) =>
    createSubmitAndApprove(temporal, { coordinator, sponsor, name: `Raw bench ${index}`, organizationIds, policy: DEFAULT_POLICY, goals: GOALS });

  /** (0) The floor: the same four calls to a bare workflow that stores nothing. */
  const onFloor = (index) =>
    createSubmitAndApprove(temporal, { coordinator, sponsor, name: `Floor bench ${index}`, organizationIds, policy: DEFAULT_POLICY, goals: GOALS, target: FLOOR_TARGET });

  /** N partnerships, CONCURRENCY at a time, after three to warm up; their count, time and latencies. */
  async function measure(run) {
    for (let warm = 0; warm < 3; warm += 1) await run(`warm-${warm}`);
    const latencies = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const index = next++;
          const t0 = performance.now();
          await run(index);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    return { count: N, seconds: (performance.now() - started) / 1000, latencies };
  }

  function report(label, rounds) {
    const count = rounds.reduce((sum, round) => sum + round.count, 0);
    const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
    const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
    const pct = (p) => percentile(latencies, p).toFixed(0);
    const rate = count / seconds;
    const perRound = rounds.map((round) => (round.count / round.seconds).toFixed(1)).join(', ');
    console.log(
      `${label.padEnd(30)} ${rate.toFixed(2).padStart(7)} partnerships/s   p50 ${pct(50)} ms   p95 ${pct(95)} ms   (${count} in ${seconds.toFixed(1)} s; per round ${perRound})`,
    );
    return rate;
  }

  if (runs('rates')) {
    step(`Measuring (create → record goals → submit → sponsor approves, per partnership), ${ROUNDS} rounds of floor, raw and API in rotating order`);
    const floorWorker = await startFloorWorker(stack);
    const measured = { floor: [], raw: [], api: [] };
    try {
      const paths = [['floor', onFloor], ['raw', throughTemporal], ['api', throughApi]];
      for (let round = 1; round <= ROUNDS; round += 1) {
        // Each round starts with the next path: a path that always ran after another would always
        // meet what that one left running (its workflows' last tasks, PostgreSQL's vacuum).
        const order = paths.map((_, index) => paths[(index + round - 1) % paths.length]);
        for (const [path, run] of order) {
          await new Promise((settled) => setTimeout(settled, SETTLE_MS));
          const result = await measure(run);
          measured[path].push(result);
          console.log(`round ${round}: ${path.padEnd(5)} ${(result.count / result.seconds).toFixed(2).padStart(7)} partnerships/s`);
        }
      }
    } finally {
      await floorWorker.stop();
    }
    const floor = report('(0) floor: bare workflow', measured.floor);
    const raw = report('(b) raw Temporal client', measured.raw);
    const api = report('(a) HTTP API', measured.api);
    console.log(`\nratio raw / floor: ${(raw / floor).toFixed(2)} (the product's update path as a fraction of a bare workflow taking the same four updates)`);
    console.log(`ratio API / raw:   ${(api / raw).toFixed(2)} (1.00 = the API adds no cost)`);
  }
  if (runs('scale')) {
    // A partner representative of one of the bench's organizations: its list is scoped to them.
    const partners = await Promise.all(['partner.riverside@demo.test', 'partner.northwind@demo.test'].map(loginAs));
    const partner = partners.find((session) => organizationIds.includes(session.user.organizationId)) ?? partners[0];
    await runScale({ stack, temporal, coordinator, sponsor, partner, organizationIds, goals: GOALS, defaultPolicy: DEFAULT_POLICY, step, http });
  }
  if (runs('audit')) await runAudit({ stack, temporal, coordinator, sponsor, organizationIds, policy: DEFAULT_POLICY });
} finally {
  await connection.close();
  await stack.stop();
}
