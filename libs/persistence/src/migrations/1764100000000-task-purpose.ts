import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task's purpose ('joining', 'pulse') gets its own column: it used to travel in `detail` as a
 * sentinel beside free text. Rows projected before keep their meaning, moved to the new column.
 */
export class TaskPurpose1764100000000 implements MigrationInterface {
  name = 'TaskPurpose1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE tasks ADD COLUMN purpose text CHECK (purpose IN ('joining', 'pulse'));
      UPDATE tasks SET purpose = detail, detail = NULL
        WHERE (kind = 'SIGN_AGREEMENT' AND detail = 'joining') OR (kind = 'HEALTH_CHECK' AND detail = 'pulse');
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      UPDATE tasks SET detail = purpose WHERE purpose IS NOT NULL;
      ALTER TABLE tasks DROP COLUMN purpose;
    `);
  }
}
