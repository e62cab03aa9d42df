/**
 * A steady command load: several clients, each adding stakeholders one after another to the
 * partnerships in turn, every command under its own Idempotency-Key and retried with it until it is
 * answered. Each command names its client and number in the stakeholder's name, so the log shows
 * whose command every event is.
 */
import type { RetryingClient } from './retrying-client.js';

export interface AppliedCommand {
  key: string;
  partnershipId: string;
  /** The stakeholder's name: unique to this command. */
  name: string;
  /** The sequence of its StakeholderAdded event, as the answer gave it. */
  sequence: number;
  attempts: number;
  latencyMs: number;
}

export interface LoadOptions {
  http: RetryingClient;
  /** The coordinator's token. */
  token: string;
  /** Partnerships in LISTENING, where stakeholders are added. */
  partnershipIds: string[];
  /** Makes this run's names and keys its own. */
  runId: string;
  clients: number;
  /** A pause between one client's commands. */
  thinkMs: number;
}

export class CommandLoad {
  readonly applied: AppliedCommand[] = [];
  /** Commands that got an answer other than success, or none at all: each one a defect. */
  readonly failures: string[] = [];
  private inFlightNow = 0;
  private stopping = false;
  private readonly lastApplied: number[];
  private readonly running: Promise<void>[];

  constructor(private readonly options: LoadOptions) {
    this.lastApplied = Array.from({ length: options.clients }, () => 0);
    this.running = Array.from({ length: options.clients }, (_, client) => this.client(client));
  }

  /** How many commands are waiting for their answer right now. */
  inFlight(): number {
    return this.inFlightNow;
  }

  /** Resolves once every client has had a command applied after this call: the stack serves again. */
  async progress(what: string, timeoutMs: number): Promise<void> {
    const since = performance.now();
    const deadline = since + timeoutMs;
    while (this.lastApplied.some((at) => at < since)) {
      if (this.failures.length > 0) throw new Error(`the load failed: ${this.failures.join('; ')}`);
      if (performance.now() > deadline) {
        const stalled = this.lastApplied.flatMap((at, client) => (at < since ? [client] : []));
        throw new Error(`after ${what}: clients ${stalled.join(', ')} had no command applied within ${Math.round(timeoutMs / 1000)} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Lets every client finish the command it is sending (answered, however long it takes), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private async client(client: number): Promise<void> {
    const { http, token, partnershipIds, runId, thinkMs } = this.options;
    for (let n = 1; !this.stopping; n += 1) {
      const partnershipId = partnershipIds[(client + n) % partnershipIds.length]!;
      const key = `chaos-${runId}-c${client}-${n}`;
      const name = `chaos ${runId} client ${client} command ${n}`;
      const command = { type: 'AddStakeholder', stakeholder: { name, interest: 1 + (n % 5), influence: 1 + (client % 5) } };
      this.inFlightNow += 1;
      try {
        const answer = await http.send<{ events: { sequence: number; type: string }[] }>('POST', `/api/partnerships/${partnershipId}/commands`, { token, key, body: command });
        const added = answer.status === 200 ? answer.body.events.find((event) => event.type === 'StakeholderAdded') : undefined;
        if (!added) {
          this.failures.push(`${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
          return;
        }
        this.applied.push({ key, partnershipId, name, sequence: added.sequence, attempts: answer.attempts, latencyMs: answer.latencyMs });
        this.lastApplied[client] = performance.now();
      } catch (error) {
        this.failures.push(`${key}: ${(error as Error).message}`);
        return;
      } finally {
        this.inFlightNow -= 1;
      }
      await new Promise((resolve) => setTimeout(resolve, thinkMs));
    }
  }
}
