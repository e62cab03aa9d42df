import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tasks may be assigned to an organization's representatives, belong to a review cycle, and be cancelled. */
export class OrganizationTasks1763990000000 implements MigrationInterface {
  name = 'OrganizationTasks1763990000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE tasks ALTER COLUMN assignee_user_id DROP NOT NULL;
      ALTER TABLE tasks ALTER COLUMN remind_at DROP NOT NULL;
      ALTER TABLE tasks ALTER COLUMN escalate_at DROP NOT NULL;
      ALTER TABLE tasks ADD COLUMN assignee_organization_id uuid;
      ALTER TABLE tasks ADD COLUMN cycle integer;
      ALTER TABLE tasks ADD COLUMN detail text;
      ALTER TABLE tasks ADD COLUMN cancel_reason text;
      ALTER TABLE tasks ADD COLUMN escalation_level integer NOT NULL DEFAULT 0;
      ALTER TABLE tasks ADD CONSTRAINT tasks_one_assignee CHECK ((assignee_user_id IS NULL) <> (assignee_organization_id IS NULL));
      CREATE INDEX tasks_assignee_organization_status ON tasks (assignee_organization_id, status);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP INDEX tasks_assignee_organization_status;
      ALTER TABLE tasks DROP CONSTRAINT tasks_one_assignee;
      ALTER TABLE tasks DROP COLUMN escalation_level, DROP COLUMN cancel_reason, DROP COLUMN detail, DROP COLUMN cycle, DROP COLUMN assignee_organization_id;
    `);
  }
}
