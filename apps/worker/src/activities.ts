/**
 * Activities the partnership workflow calls, built around the worker's database and the
 * deployment's audit key (each append's new head is signed with it; activities are not replayed,
 * so signing changes nothing the workflow sees).
 */
import type { KeyObject } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { EventLogIntegrityError, appendEvents } from '@pe/persistence';
import { INTEGRITY_FAILURE, RECORD_EVENTS_HEARTBEAT_TIMEOUT_MS, type PartnershipActivities } from '@pe/workflows';

/**
 * An append usually ends long before its first heartbeat would be due, and then sends none; a slow
 * one beats well inside the timeout, so only a dead worker misses it.
 */
const HEARTBEAT_EVERY_MS = RECORD_EVENTS_HEARTBEAT_TIMEOUT_MS / 3;

export function createActivities(db: DataSource, signingKey: KeyObject): PartnershipActivities {
  return {
    async recordEvents(input) {
      const context = Context.current();
      const heartbeat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
      try {
        await appendEvents(db, input, signingKey);
      } catch (error) {
        if (error instanceof EventLogIntegrityError) throw ApplicationFailure.nonRetryable(error.message, INTEGRITY_FAILURE);
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
    },
  };
}
