import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orders the console lists in: partnerships newest first and by name, a person's open tasks by
 * due date. Each index matches its list's ORDER BY exactly (sort column, then the row's key in the
 * same direction), so a page over ten thousand rows reads its 25 and stops. The tasks index begins
 * with the columns of `tasks_assignee_status`, which it replaces: one index less to write per append.
 */
export class ListOrderIndexes1764800000000 implements MigrationInterface {
  name = 'ListOrderIndexes1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE INDEX partnerships_recently_updated ON partnerships (updated_at DESC NULLS LAST, id DESC);
      CREATE INDEX partnerships_by_name ON partnerships (name, id);
      CREATE INDEX tasks_assignee_status_due ON tasks (assignee_user_id, status, due_at, id);
      DROP INDEX tasks_assignee_status;
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE INDEX tasks_assignee_status ON tasks (assignee_user_id, status);
      DROP INDEX partnerships_recently_updated; DROP INDEX partnerships_by_name; DROP INDEX tasks_assignee_status_due;
    `);
  }
}
