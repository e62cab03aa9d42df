/** Activities the partnership workflow calls, built around the worker's database. */
import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { EventLogIntegrityError, appendEvents } from '@pe/persistence';
import { INTEGRITY_FAILURE, type PartnershipActivities } from '@pe/workflows';

export function createActivities(db: DataSource): PartnershipActivities {
  return {
    async recordEvents(input) {
      try {
        await appendEvents(db, input);
      } catch (error) {
        if (error instanceof EventLogIntegrityError) throw ApplicationFailure.nonRetryable(error.message, INTEGRITY_FAILURE);
        throw error;
      }
    },
  };
}
