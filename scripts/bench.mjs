// `npm run bench`: on one dev server, in one run, carry N partnerships through goal submission and
// the sponsor's first approval (a) through our HTTP API and (b) with the raw Temporal client sending
// the same updates; print both rates and the ratio. BENCH_N and BENCH_CONCURRENCY tune it. Then a
// scale run (scripts/bench-scale.mjs): BENCH_SCALE_N partnerships waiting on timers, with the worker's
// peak memory and the timers' lateness. Then the audit figures on one long log (scripts/bench-audit.mjs);
// BENCH_ONLY=audit runs only those.
import { build, ensureDependencies, repoRoot, step } from './bootstrap.mjs';
import { runScale } from './bench-scale.mjs';
import { runAudit } from './bench-audit.mjs';
import { apiClient } from './bench-http.mjs';
import { createAndSubmit, percentile, userActor } from './bench-raw.mjs';

const N = Number(process.env.BENCH_N ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
/** `audit`: the audit part alone (scripts/bench-audit.mjs). */
const ONLY = process.env.BENCH_ONLY;
const dueDate = `${new Date().getUTCFullYear() + 1}-06-30`;
const GOALS = [
  { rank: 1, title: 'Cut emergency readmissions', metric: 'readmissions per 1,000', baseline: 42, target: 30, dueDate },
  { rank: 2, title: 'Next-day medicine delivery', metric: 'share under 24 h (%)', baseline: 55, target: 90, dueDate },
];

ensureDependencies();
build();
const workload = ONLY === 'audit' ? 'the audit part alone' : `${N} partnerships per path, ${CONCURRENCY} at a time`;
step(`Starting a private stack (data under ${process.env.DATA_DIR ?? '.data'}/bench) for ${workload}`);
const { startStack } = await import('@pe/devstack');
const { Client, Connection } = await import('@temporalio/client');
const { executeCommand } = await import('@pe/workflows');
// The product's default policy: no timer fires while the bench runs.
const { DEFAULT_POLICY } = await import('@pe/domain');

const stack = await startStack({ repoRoot, mode: 'test', dataFolder: 'bench', echo: false, log: () => undefined });
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

  /** (b) The baseline: the same updates from the raw Temporal client, no HTTP and no reads. */
  async function throughTemporal(index) {
    const { partnershipId, handle, submitted } = await createAndSubmit(temporal, {
      coordinator,
      sponsor,
      name: `Raw bench ${index}`,
      organizationIds,
      policy: DEFAULT_POLICY,
      goals: GOALS,
    });
    const opened = submitted.events.find((event) => event.type === 'TaskOpened');
    await handle.executeUpdate(executeCommand, {
      args: [{ command: { type: 'CompleteTask', taskId: `${partnershipId}.${opened.sequence}`, decision: 'approve' }, actor: userActor(sponsor.user) }],
    });
  }

  async function measure(label, run) {
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
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p) => percentile(latencies, p).toFixed(0);
    const rate = N / seconds;
    console.log(`${label.padEnd(28)} ${rate.toFixed(2).padStart(7)} partnerships/s   p50 ${pct(50)} ms   p95 ${pct(95)} ms   (${N} in ${seconds.toFixed(1)} s)`);
    return rate;
  }

  if (ONLY !== 'audit') {
    step('Measuring (create → record goals → submit → sponsor approves, per partnership)');
    const raw = await measure('(b) raw Temporal client', throughTemporal);
    const api = await measure('(a) HTTP API', throughApi);
    console.log(`\nratio API / raw Temporal: ${(api / raw).toFixed(2)} (1.00 = the API adds no cost)`);

    await runScale({ stack, temporal, coordinator, sponsor, organizationIds, goals: GOALS, step });
  }
  await runAudit({ stack, temporal, coordinator, sponsor, organizationIds, policy: DEFAULT_POLICY });
} finally {
  await connection.close();
  await stack.stop();
}
