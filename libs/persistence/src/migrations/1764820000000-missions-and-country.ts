import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organization's mission, versioned: each change is a new row (text, when, by whom) and no row is
 * ever rewritten, so the alignment matrix can say what the mission read when an organization scored
 * the goals. Append-only like the access log. And an optional country (ISO 3166-1 alpha-2), whose
 * public holidays the API carries into the partnerships' histories for their business days.
 */
export class MissionsAndCountry1764820000000 implements MigrationInterface {
  name = 'MissionsAndCountry1764820000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE organization_missions (
        organization_id uuid NOT NULL REFERENCES organizations (id),
        version integer NOT NULL CHECK (version > 0),
        text text NOT NULL CHECK (length(btrim(text)) > 0),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (organization_id, version)
      );
      CREATE FUNCTION organization_missions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'organization_missions is append-only';
      END $$;
      CREATE TRIGGER organization_missions_no_rewrite BEFORE UPDATE OR DELETE ON organization_missions
        FOR EACH ROW EXECUTE FUNCTION organization_missions_append_only();
      ALTER TABLE organizations ADD COLUMN country text CHECK (country ~ '^[A-Z]{2}$');
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE organizations DROP COLUMN country;
      DROP TABLE organization_missions;
      DROP FUNCTION organization_missions_append_only();
    `);
  }
}
