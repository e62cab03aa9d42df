import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What one person did across every partnership, newest first: without it, following an actor reads
 * the whole log of every partnership (the primary key leads with the partnership).
 */
export class EventsByActor1764610000000 implements MigrationInterface {
  name = 'EventsByActor1764610000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX partnership_events_actor ON partnership_events (actor_id, occurred_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX partnership_events_actor');
  }
}
