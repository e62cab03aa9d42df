import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What replaying a workflow run's history against the deployed workflow code found, so a run is
 * replayed once per deployment rather than on every verification. A verdict holds for the run's
 * history as long as it was when replayed (`history_length`): a closed run never grows, so its
 * verdict holds until the code changes; the current run's only until its next event. Shared by
 * every API process, and kept across restarts.
 */
export class ReplayVerdicts1764658273000 implements MigrationInterface {
  name = 'ReplayVerdicts1764658273000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE workflow_replay_verdicts (
        workflow_id text NOT NULL,
        run_id text NOT NULL,
        code_id text NOT NULL,
        history_length integer NOT NULL CHECK (history_length > 0),
        verdict jsonb NOT NULL,
        replayed_at timestamptz NOT NULL,
        PRIMARY KEY (workflow_id, run_id, code_id)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE workflow_replay_verdicts');
  }
}
