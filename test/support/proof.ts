/** `/verify` as tests read it: the first call answers determinism `pending` while the API replays in the background. */
import { eventually } from './http.js';

interface Proof {
  checks: { determinism: string };
  temporal: { status: string; runs?: { determinism: { status: string } }[] };
}

const replaying = (proof: Proof) => proof.checks.determinism === 'pending' || (proof.temporal.runs ?? []).some((run) => run.determinism.status === 'pending');

/** Asks until no run's determinism is pending any more (a failed run does not wait for the rest), and answers that proof. */
export function onceReplayed<T extends Proof>(verify: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  return eventually(
    'a determinism verdict for every run',
    async () => {
      const proof = await verify();
      return replaying(proof) ? undefined : proof;
    },
    timeoutMs,
  );
}
