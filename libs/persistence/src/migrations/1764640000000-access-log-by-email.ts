import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-ins join the access log with the email tried in their detail; an admin looks them up by it. */
export class AccessLogByEmail1764640000000 implements MigrationInterface {
  name = 'AccessLogByEmail1764640000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX access_log_email ON access_log ((detail->>'email'), at DESC) WHERE detail ? 'email'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX access_log_email');
  }
}
