/**
 * Activities the partnership workflow calls, built around the worker's database and the
 * deployment's audit key (each append's new head is signed with it; activities are not replayed,
 * so signing changes nothing the workflow sees).
 */
import type { KeyObject } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { EventLogIntegrityError, appendEvents } from '@pe/persistence';
import { INTEGRITY_FAILURE, type PartnershipActivities } from '@pe/workflows';

export function createActivities(db: DataSource, signingKey: KeyObject): PartnershipActivities {
  return {
    async recordEvents(input) {
      try {
        await appendEvents(db, input, signingKey);
      } catch (error) {
        if (error instanceof EventLogIntegrityError) throw ApplicationFailure.nonRetryable(error.message, INTEGRITY_FAILURE);
        throw error;
      }
    },
  };
}
