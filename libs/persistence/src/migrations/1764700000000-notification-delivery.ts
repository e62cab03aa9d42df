import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications that leave the product (issue 11.6). Each person's channels and cadence; whether a
 * notification shows in the console; an email outbox (what was, or will be, sent, and how it went);
 * organizations' webhook subscriptions, one delivery per message and subscription, and every attempt.
 * The outbox and the deliveries are written in the append's transaction (so a notification exists
 * exactly when its email and webhook messages are queued) and sent by the worker afterwards, outside
 * it. A rebuild of the projections leaves them alone: their unique keys keep a rebuilt notification
 * from being sent twice.
 */
export class NotificationDelivery1764700000000 implements MigrationInterface {
  name = 'NotificationDelivery1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id),
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        cadence text NOT NULL CHECK (cadence IN ('immediate', 'daily')),
        updated_at timestamptz NOT NULL,
        CHECK (in_app OR email)
      );
      ALTER TABLE notifications ADD COLUMN in_app boolean NOT NULL DEFAULT true;

      CREATE TABLE email_outbox (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL,
        to_address text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('notification', 'digest')),
        partnership_id uuid,
        event_sequence integer,
        -- What the digest gathers: kind, message, partnership name, time.
        content jsonb NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('held', 'digested', 'pending', 'sent', 'failed')),
        digest_id bigint REFERENCES email_outbox (id),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        dispatched_at timestamptz,
        sent_at timestamptz,
        CHECK (kind = 'digest' OR (partnership_id IS NOT NULL AND event_sequence IS NOT NULL))
      );
      CREATE UNIQUE INDEX email_outbox_once ON email_outbox (user_id, partnership_id, event_sequence) WHERE kind = 'notification';
      CREATE INDEX email_outbox_pending ON email_outbox (created_at) WHERE status = 'pending';
      CREATE INDEX email_outbox_held ON email_outbox (user_id, created_at) WHERE status = 'held';
      CREATE INDEX email_outbox_recent ON email_outbox (created_at DESC);

      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id),
        url text NOT NULL,
        description text NOT NULL,
        event_types text[] NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX webhook_subscriptions_organization ON webhook_subscriptions (organization_id) WHERE active;

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
        event_type text NOT NULL,
        partnership_id uuid NOT NULL,
        event_sequence integer NOT NULL,
        -- The notification's recipient; none for a stage change.
        recipient_user_id uuid,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        -- A manual redelivery starts a new round of attempts.
        round integer NOT NULL DEFAULT 1,
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL,
        dispatched_at timestamptz,
        delivered_at timestamptz
      );
      CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries
        (subscription_id, partnership_id, event_sequence, event_type, COALESCE(recipient_user_id, '00000000-0000-0000-0000-000000000000'::uuid));
      CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (created_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC);

      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
        round integer NOT NULL,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        status_code integer,
        error text,
        response_excerpt text
      );
      CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE webhook_attempts; DROP TABLE webhook_deliveries; DROP TABLE webhook_subscriptions;
      DROP TABLE email_outbox; ALTER TABLE notifications DROP COLUMN in_app; DROP TABLE notification_preferences;
    `);
  }
}
