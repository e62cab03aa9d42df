/** What an export of a partnership's history is made of, read as one consistent moment. */
import type { DataSource } from 'typeorm';
import type { SignedCheckpoint } from './checkpoint-signature.js';
import { newestCheckpoint } from './checkpoints.js';
import type { EventRow } from './event-row.js';
import { chainRows } from './event-store.js';

export interface AuditSnapshot {
  rows: EventRow[];
  checkpoint: SignedCheckpoint | null;
}

/** The log and its newest signed checkpoint in one snapshot: an append between two reads would otherwise look like a tamper. */
export function auditSnapshot(db: DataSource, partnershipId: string): Promise<AuditSnapshot> {
  return db.transaction('REPEATABLE READ', async (manager) => ({
    checkpoint: await newestCheckpoint(manager, partnershipId),
    rows: await chainRows(manager, partnershipId),
  }));
}
