import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a user's password was last set: sessions signed in before it end (the auth guard compares). */
export class PasswordChangedAt1764400000000 implements MigrationInterface {
  name = 'PasswordChangedAt1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE users ADD COLUMN password_changed_at timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE users DROP COLUMN password_changed_at');
  }
}
