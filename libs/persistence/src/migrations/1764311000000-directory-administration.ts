import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organizations and users can be deactivated (kept, since past events name them), and emails and
 * organization names are unique regardless of case (sign-in already looks emails up by lower(email);
 * the index also makes that lookup cheap).
 */
export class DirectoryAdministration1764311000000 implements MigrationInterface {
  name = 'DirectoryAdministration1764311000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE organizations ADD COLUMN deactivated_at timestamptz;
      ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
      CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
      CREATE UNIQUE INDEX organizations_name_lower ON organizations (lower(name));
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP INDEX organizations_name_lower;
      DROP INDEX users_email_lower;
      ALTER TABLE users DROP COLUMN deactivated_at;
      ALTER TABLE organizations DROP COLUMN deactivated_at;
    `);
  }
}
