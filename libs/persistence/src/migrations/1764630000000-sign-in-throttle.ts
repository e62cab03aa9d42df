import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins per email, so an email locked after repeated failures stays locked whichever API
 * process the next attempt reaches. Keyed by a hash of the normalized email, known account or not
 * (an attacker learns nothing from which emails lock, and the table names nobody). A row whose
 * failures and lock are all in the past says nothing any more and is deleted by the next failure.
 */
export class SignInThrottle1764630000000 implements MigrationInterface {
  name = 'SignInThrottle1764630000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sign_in_throttle (
        email_key text PRIMARY KEY,
        failures timestamptz[] NOT NULL DEFAULT '{}',
        locked_until timestamptz,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX sign_in_throttle_updated_at ON sign_in_throttle (updated_at);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE sign_in_throttle');
  }
}
