import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, users, the hash-chained event log and the projections built from it. */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        kind text NOT NULL DEFAULT 'company',
        webhook_url text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'partner', 'sponsor', 'auditor')),
        organization_id uuid REFERENCES organizations (id),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'partner' OR organization_id IS NOT NULL)
      );
      CREATE TABLE partnership_events (
        partnership_id uuid NOT NULL,
        sequence integer NOT NULL CHECK (sequence > 0),
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        actor_organization_id uuid,
        payload jsonb NOT NULL,
        previous_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        workflow_run_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partnership_id, sequence)
      );
      CREATE FUNCTION partnership_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'partnership_events is append-only';
      END $$;
      CREATE TRIGGER partnership_events_no_rewrite BEFORE UPDATE OR DELETE ON partnership_events
        FOR EACH ROW EXECUTE FUNCTION partnership_events_append_only();
      CREATE TABLE partnerships (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        stage text NOT NULL,
        priorities_status text NOT NULL,
        last_rejection_reason text,
        coordinator_id uuid NOT NULL,
        sponsor_id uuid NOT NULL,
        organization_ids uuid[] NOT NULL,
        goals jsonb NOT NULL,
        scope text NOT NULL,
        policy jsonb NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX partnerships_stage ON partnerships (stage);
      CREATE TABLE tasks (
        id text PRIMARY KEY,
        partnership_id uuid NOT NULL REFERENCES partnerships (id),
        kind text NOT NULL,
        title text NOT NULL,
        assignee_user_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        opened_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        escalate_at timestamptz NOT NULL,
        reminded_at timestamptz,
        escalated_at timestamptz,
        completed_at timestamptz,
        completed_by text,
        decision text,
        comment text
      );
      CREATE INDEX tasks_assignee_status ON tasks (assignee_user_id, status);
      CREATE INDEX tasks_partnership ON tasks (partnership_id);
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL,
        partnership_id uuid NOT NULL,
        task_id text,
        event_sequence integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        UNIQUE (user_id, partnership_id, event_sequence)
      );
      CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE notifications; DROP TABLE tasks; DROP TABLE partnerships;
      DROP TABLE partnership_events; DROP FUNCTION partnership_events_append_only();
      DROP TABLE users; DROP TABLE organizations;
    `);
  }
}
