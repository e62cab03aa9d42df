import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed heads of each partnership's log. Kept beside the log, never in it: a checkpoint is no
 * partnership event, so it changes neither the hash chain nor what the workflow replays. Append-only
 * like the log, so only a superuser who switches the guard off can rewrite one, and the signature
 * still tells.
 */
export class AuditCheckpoints1764500000000 implements MigrationInterface {
  name = 'AuditCheckpoints1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_checkpoints (
        partnership_id uuid NOT NULL,
        sequence integer NOT NULL CHECK (sequence > 0),
        hash text NOT NULL,
        signed_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL,
        PRIMARY KEY (partnership_id, sequence)
      );
      CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoints is append-only';
      END $$;
      CREATE TRIGGER audit_checkpoints_no_rewrite BEFORE UPDATE OR DELETE ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_checkpoints; DROP FUNCTION audit_checkpoints_append_only();');
  }
}
