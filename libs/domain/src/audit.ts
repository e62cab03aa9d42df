/**
 * What the audit trail outside the partnership's own log knows: the formats a partnership's history
 * is exported in, and the kinds of access the access log records. The API validates with them, the
 * console labels them, the access log stores them.
 */

/** GET /api/partnerships/:id/export?format=…: a self-contained HTML dossier, the events as JSON, or as a CSV table. */
export const EXPORT_FORMATS = ['dossier', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * What an access-log row records. Only reads of the audit trail so far; sign-ins are meant to join
 * (with the user's id when known, the address, and the email tried in the detail, never a password or token).
 */
export const ACCESS_ACTIONS = ['export', 'verify'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** How an access ended: served, or refused (unknown or unseen partnership, malformed request, server busy) with its status and code in the detail. */
export const ACCESS_OUTCOMES = ['served', 'refused'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];
