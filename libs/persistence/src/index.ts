export * from './data-source.js';
export * from './hash.js';
export * from './event-row.js';
export * from './event-store.js';
export * from './projector.js';
export * from './read/list-query.js';
export * from './read/read-models.js';
export * from './users.js';
export * from './read/tasks.js';
export * from './notifications.js';
export * from './read/deadlines.js';
export * from './checkpoint-signature.js';
export * from './checkpoints.js';
export * from './log-snapshot.js';
export * from './log-verification.js';
export * from './log-cross-check.js';
export * from './read/partnership-pages.js';
export * from './audit-verifier-source.js';
export * from './access-log.js';
export * from './sign-in-throttle.js';
export * from './replay-verdicts.js';
export {
  AUDIT_EXPORT_FORMAT,
  DISPLAYED_EVENT_FIELDS,
  DOSSIER_IDS,
  VERIFICATION_STATES,
  displayedPayload,
  readAuditFile,
  verifyAuditExport,
  type AuditExport,
  type ExportedEvent,
} from './audit-verifier.mjs';
export * from './read/event-facets.js';
export * from './unavailable.js';
export * from './database-probe.js';
export * from './deliveries.js';
