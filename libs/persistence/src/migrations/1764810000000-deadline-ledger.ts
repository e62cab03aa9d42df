import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deadlineLedger, upgradeState, type PartnershipState } from '@pe/domain';
import { writeDeadlines } from '../deadline-rows.js';

/**
 * The deadline ledger becomes a projection: the pending timers of every partnership, written with its
 * row, so the ledger across ten thousand partnerships is a query on an index rather than a fold of
 * every partnership's state on each request. Filled here from the states already projected.
 */
export class DeadlineLedger1764810000000 implements MigrationInterface {
  name = 'DeadlineLedger1764810000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE partnership_deadlines (
        id text PRIMARY KEY,
        partnership_id uuid NOT NULL REFERENCES partnerships (id),
        partnership_name text NOT NULL,
        purpose text NOT NULL,
        fires_at timestamptz NOT NULL,
        due_at timestamptz,
        task_kind text,
        task_title text,
        assignee_user_id text,
        assignee_organization_id text,
        recipient_user_ids text[] NOT NULL,
        entry jsonb NOT NULL
      );
      CREATE INDEX partnership_deadlines_partnership ON partnership_deadlines (partnership_id);
      CREATE INDEX partnership_deadlines_fires_at ON partnership_deadlines (fires_at, id);
    `);
    const rows = (await runner.query(`SELECT state FROM partnerships WHERE stage <> 'CLOSED'`)) as { state: PartnershipState }[];
    for (const row of rows) {
      const state = upgradeState(row.state);
      if (state.status === 'active') await writeDeadlines(runner.manager, state.id, deadlineLedger(state));
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE partnership_deadlines');
  }
}
