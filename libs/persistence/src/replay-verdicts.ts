/**
 * Replay verdicts kept per workflow run and deployed workflow code (`code_id`), so a history is
 * replayed once per deployment. A verdict is reused only for the history length it was reached on:
 * a closed run's history never changes, the current run's grows with each event.
 */
import type { DataSource } from 'typeorm';
import type { ReplayVerdict } from '@pe/domain';

export interface ReplayedRunKey {
  runId: string;
  /** Events in the run's history as replayed. */
  historyLength: number;
}

export interface StoredReplayVerdict extends ReplayedRunKey {
  workflowId: string;
  codeId: string;
  verdict: ReplayVerdict;
  replayedAt: Date;
}

interface VerdictRow {
  run_id: string;
  history_length: number;
  verdict: unknown;
}

/** The verdicts that still hold for these runs as they are now (same code, same history length), by run id. */
export async function readReplayVerdicts(
  db: DataSource,
  workflowId: string,
  codeId: string,
  runs: readonly ReplayedRunKey[],
): Promise<Map<string, ReplayVerdict>> {
  const verdicts = new Map<string, ReplayVerdict>();
  if (runs.length === 0) return verdicts;
  const rows = (await db.query(
    'SELECT run_id, history_length, verdict FROM workflow_replay_verdicts WHERE workflow_id = $1 AND code_id = $2 AND run_id = ANY($3::text[])',
    [workflowId, codeId, runs.map((run) => run.runId)],
  )) as VerdictRow[];
  const lengths = new Map(runs.map((run) => [run.runId, run.historyLength]));
  for (const row of rows) {
    const verdict = replayVerdictOf(row.verdict);
    if (verdict && lengths.get(row.run_id) === row.history_length) verdicts.set(row.run_id, verdict);
  }
  return verdicts;
}

/**
 * Keeps a verdict. Two API processes may replay the same run at once, and a slow replay of a shorter
 * history may finish after a newer one: the longest history replayed wins.
 */
export async function storeReplayVerdict(db: DataSource, stored: StoredReplayVerdict): Promise<void> {
  await db.query(
    `INSERT INTO workflow_replay_verdicts (workflow_id, run_id, code_id, history_length, verdict, replayed_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workflow_id, run_id, code_id) DO UPDATE
       SET history_length = EXCLUDED.history_length, verdict = EXCLUDED.verdict, replayed_at = EXCLUDED.replayed_at
       WHERE workflow_replay_verdicts.history_length <= EXCLUDED.history_length`,
    [stored.workflowId, stored.runId, stored.codeId, stored.historyLength, JSON.stringify(stored.verdict), stored.replayedAt],
  );
}

/** A stored verdict of a shape this code does not know is not one: the run is replayed again. */
function replayVerdictOf(value: unknown): ReplayVerdict | undefined {
  if (typeof value !== 'object' || value === null || !('status' in value)) return undefined;
  if (value.status === 'reproduced') return { status: 'reproduced' };
  if (value.status === 'not-reproduced' && 'error' in value && typeof value.error === 'string') return { status: 'not-reproduced', error: value.error };
  return undefined;
}
