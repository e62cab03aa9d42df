import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task's purpose may be 'kpi_report': a KPI whose cadence is shorter than the review cycle falls
 * due between reviews as its owner's REPORT_MEASUREMENT task with that purpose. The column's check
 * (named by PostgreSQL after the column, as 1764100000000 created it) lets the new value in.
 */
export class KpiReportPurpose1764850000000 implements MigrationInterface {
  name = 'KpiReportPurpose1764850000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE tasks DROP CONSTRAINT tasks_purpose_check;
      ALTER TABLE tasks ADD CONSTRAINT tasks_purpose_check CHECK (purpose IN ('joining', 'pulse', 'kpi_report'));
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Code from before knows no such purpose: its rows read as review-cycle reports.
    await runner.query(`
      UPDATE tasks SET purpose = NULL WHERE purpose = 'kpi_report';
      ALTER TABLE tasks DROP CONSTRAINT tasks_purpose_check;
      ALTER TABLE tasks ADD CONSTRAINT tasks_purpose_check CHECK (purpose IN ('joining', 'pulse'));
    `);
  }
}
