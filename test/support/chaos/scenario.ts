/**
 * The chaos run: under a steady command load, each round SIGKILLs the worker as a reminder falls
 * due, kills it again several times over, restarts Temporal and PostgreSQL (SIGKILL, then the
 * stack's supervisor starts them again on the same data) and kills the API with commands in flight;
 * after each fault every client must have a command applied before the next. Then the load stops and
 * the audit checks what must hold. The profile says how long and how hard.
 */
import { randomBytes } from 'node:crypto';
import type { RunningStack } from '@pe/devstack';
import { reminderAt, type PartnershipPolicy } from '@pe/domain';
import { DEMO, DEMO_PASSWORD, listQuery } from '../http.js';
import { smartGoals } from '../partnerships.js';
import { audit, type AuditReport, type ReminderWatch } from './audit.js';
import { Faults } from './faults.js';
import { CommandLoad } from './load.js';
import { RetryingClient } from './retrying-client.js';

export interface ChaosProfile {
  name: string;
  rounds: number;
  /** Concurrent clients sending commands. */
  clients: number;
  /** Partnerships the clients share. */
  partnerships: number;
  /** Plain worker kills per round, beside the one as a reminder falls due. */
  workerKills: number;
  thinkMs: number;
  /** How long the stack may take to serve every client again after a fault. */
  recoveryTimeoutMs: number;
}

/** Inside `npm test`: every fault once, a few minutes on a small machine. */
export const SHORT_PROFILE: ChaosProfile = { name: 'short', rounds: 1, clients: 4, partnerships: 2, workerKills: 1, thinkMs: 150, recoveryTimeoutMs: 180_000 };
/** `npm run chaos`: more rounds, more clients, the worker killed again and again. */
export const LONG_PROFILE: ChaosProfile = { name: 'long', rounds: 4, clients: 8, partnerships: 4, workerKills: 3, thinkMs: 100, recoveryTimeoutMs: 180_000 };

/** CHAOS_PROFILE=long picks the long run; CHAOS_ROUNDS and CHAOS_CLIENTS override either. */
export function chaosProfile(env: NodeJS.ProcessEnv): ChaosProfile {
  const base = env.CHAOS_PROFILE === 'long' ? LONG_PROFILE : SHORT_PROFILE;
  const count = (value: string | undefined, fallback: number) => (value && /^[1-9]\d*$/.test(value) ? Number(value) : fallback);
  return { ...base, rounds: count(env.CHAOS_ROUNDS, base.rounds), clients: count(env.CHAOS_CLIENTS, base.clients) };
}

/**
 * The reminder partnership's timers: the sponsor's approval is due 20 s after it opens, reminded at
 * 10 s and 16 s; nothing else fires for an hour.
 */
const REMINDER_POLICY: PartnershipPolicy = {
  taskDue: 'PT20S',
  reminderBeforeDue: 'PT4S',
  overdueReminderEvery: 'PT1H',
  escalateAfterOverdue: 'PT1H',
  healthPulse: 'P1D',
  reviewCycle: 'P2D',
};

export interface ChaosOutcome {
  profile: ChaosProfile;
  report: AuditReport;
  loadFailures: string[];
  summary: string;
}

export async function runChaos(stack: RunningStack, profile: ChaosProfile, log: (line: string) => void): Promise<ChaosOutcome> {
  const runId = randomBytes(3).toString('hex');
  const http = new RetryingClient(stack.apiUrl);
  const faults = new Faults(stack, log);
  const started = performance.now();
  // A supervisor that gives up ends the run at once, with its reason.
  const givenUp = stack.failed.then((error) => Promise.reject(new Error(`the stack's supervisor gave up: ${error.message}`)));
  givenUp.catch(() => undefined);
  const orGiveUp = <T>(step: Promise<T>) => Promise.race([step, givenUp]);

  const signIn = async (email: string) => (await http.ok('POST', '/api/auth/login', { body: { email, password: DEMO_PASSWORD } })).body as { token: string; user: { id: string } };
  const [coordinator, sponsor, auditor] = await orGiveUp(Promise.all([signIn(DEMO.coordinator), signIn(DEMO.sponsor), signIn(DEMO.auditor)]));
  const organizations = (await http.ok<{ id: string }[]>('GET', '/api/organizations', { token: coordinator.token })).body;
  let keys = 0;
  const key = () => `chaos-${runId}-setup-${(keys += 1)}`;

  /** A partnership with the sponsor's approval of its goals open; commands retried with their keys. */
  const submitted = async (name: string, policy?: PartnershipPolicy) => {
    const body = { name, sponsorId: sponsor.user.id, organizationIds: organizations.slice(0, 2).map((org) => org.id), ...(policy ? { policy } : {}) };
    const { id } = (await http.ok<{ id: string }>('POST', '/api/partnerships', { token: coordinator.token, key: key(), body })).body;
    for (const command of [{ type: 'RecordGoals', goals: smartGoals(), scope: 'Chaos county' }, { type: 'SubmitPriorities' }]) {
      await http.ok('POST', `/api/partnerships/${id}/commands`, { token: coordinator.token, key: key(), body: command });
    }
    const filter = listQuery({ mine: true, status: 'open', partnershipId: id });
    const [task] = (await http.ok<{ id: string; openedAt: string; dueAt: string }[]>('GET', `/api/tasks?${filter}`, { token: sponsor.token })).body;
    if (!task) throw new Error(`${name}: the sponsor has no approval task`);
    return { id, task };
  };

  const loadIds: string[] = [];
  for (let index = 0; index < profile.partnerships; index += 1) {
    const { id, task } = await orGiveUp(submitted(`Chaos ${runId} load ${index}`));
    await http.ok('POST', `/api/tasks/${task.id}/complete`, { token: sponsor.token, key: key(), body: { decision: 'approve' } });
    loadIds.push(id);
  }
  log(`chaos ${runId}: ${profile.clients} clients on ${loadIds.length} partnerships, ${profile.rounds} round(s)`);
  const load = new CommandLoad({ http, token: coordinator.token, partnershipIds: loadIds, runId, clients: profile.clients, thinkMs: profile.thinkMs });
  const recovered = (what: string) => orGiveUp(load.progress(what, profile.recoveryTimeoutMs));
  const reminders: ReminderWatch[] = [];
  /** When the watched tasks' second (last) reminder falls due. */
  const lastReminders: number[] = [];
  let apiKilledInFlight = 0;

  try {
    await recovered('the start');
    for (let round = 1; round <= profile.rounds; round += 1) {
      log(`chaos: round ${round} of ${profile.rounds}`);
      const watched = await orGiveUp(submitted(`Chaos ${runId} reminders ${round}`, REMINDER_POLICY));
      reminders.push({ partnershipId: watched.id, taskId: watched.task.id, policy: REMINDER_POLICY });
      lastReminders.push(reminderAt(watched.task, REMINDER_POLICY, 1));
      const firstReminder = reminderAt(watched.task, REMINDER_POLICY, 0);
      await sleep(firstReminder - Date.now() + Math.random() * 400);
      await orGiveUp(faults.kill('worker', 'as a reminder falls due'));
      await recovered('the worker killed as a reminder fell due');

      for (let kill = 1; kill <= profile.workerKills; kill += 1) {
        await orGiveUp(faults.kill('worker'));
        // Killed again soon after it is back, before it has settled.
        if (kill < profile.workerKills) await sleep(500 + Math.random() * 2000);
      }
      await recovered('the worker killed');

      await orGiveUp(faults.kill('temporal'));
      await recovered('Temporal restarted');
      await orGiveUp(faults.kill('postgres'));
      await recovered('PostgreSQL restarted');

      // Wait for commands on the wire, then take the API away under them.
      while (load.inFlight() === 0) await sleep(5);
      apiKilledInFlight += load.inFlight();
      await orGiveUp(faults.kill('api', `with ${load.inFlight()} command(s) in flight`));
      await recovered('the API killed');
    }
  } finally {
    await load.stop();
  }
  // Every watched reminder is due well before the audit judges it.
  await sleep(Math.max(...lastReminders) + 5000 - Date.now());

  const report = await orGiveUp(
    audit({
      databaseUrl: stack.databaseUrl,
      temporalAddress: stack.temporalAddress,
      temporalNamespace: stack.temporalNamespace,
      http,
      token: auditor.token,
      partnershipIds: [...loadIds, ...reminders.map((watch) => watch.partnershipId)],
      runId,
      applied: load.applied,
      reminders,
    }),
  );
  const latencies = load.applied.map((command) => command.latencyMs).sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const retried = load.applied.filter((command) => command.attempts > 1).length;
  const causes = [...http.retries].sort((a, b) => b[1] - a[1]).map(([cause, count]) => `${cause} ×${count}`).join(', ');
  const kills = Object.entries(faults.kills).map(([component, count]) => `${component} ${count}`).join(', ');
  const down = Object.entries(faults.longestDownMs).map(([component, ms]) => `${component} ${(ms / 1000).toFixed(1)} s`).join(', ');
  const summary = [
    `chaos ${runId} (${profile.name}: ${profile.rounds} round(s), ${profile.clients} clients, ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    `  commands applied ${load.applied.length} (${retried} needed retries; ${http.retryCount()} retries in all${causes ? `: ${causes}` : ''})`,
    `  kills (SIGKILL) ${kills}; the API killed with ${apiKilledInFlight} command(s) in flight`,
    `  longest down until restarted: ${down}`,
    `  command latency p50 ${ms(percentile(50))}, p99 ${ms(percentile(99))}, max ${ms(latencies.at(-1) ?? 0)}`,
    `  log: ${report.events} events in ${loadIds.length + reminders.length} partnerships; ${reminders.length} reminder task(s) watched`,
  ].join('\n');
  return { profile, report, loadFailures: load.failures, summary };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
