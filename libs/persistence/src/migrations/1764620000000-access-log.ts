import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who read the audit trail, when, and how: kept beside the partnerships' event logs, never in them
 * (reading a partnership changes nothing about it, and its hash chain and workflow must not see it).
 * Built to take other kinds of access later (sign-ins, successful or not): `action` names the kind,
 * the actor and the partnership may be null, and `detail` holds what else the kind needs (never a
 * password or a token). Append-only like the log, so nobody without the superuser's key to the guard
 * can take a read back.
 */
export class AccessLog1764620000000 implements MigrationInterface {
  name = 'AccessLog1764620000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_id uuid,
        actor_role text,
        partnership_id uuid,
        ip text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX access_log_at ON access_log (at DESC);
      CREATE INDEX access_log_actor ON access_log (actor_id, at DESC);
      CREATE INDEX access_log_partnership ON access_log (partnership_id, at DESC) WHERE partnership_id IS NOT NULL;
      CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only';
      END $$;
      CREATE TRIGGER access_log_no_rewrite BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE access_log; DROP FUNCTION access_log_append_only();');
  }
}
