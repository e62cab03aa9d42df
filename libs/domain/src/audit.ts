/**
 * What the audit trail outside the partnership's own log knows: the formats a partnership's history
 * is exported in, and the kinds of access the access log records. The API validates with them, the
 * console labels them, the access log stores them.
 */

/** GET /api/partnerships/:id/export?format=…: a self-contained HTML dossier, the events as JSON, or as a CSV table. */
export const EXPORT_FORMATS = ['dossier', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * What an access-log row records: reads of the audit trail (an export, the verification of one
 * partnership or of every partnership the reader may see) and every sign-in, whatever its outcome —
 * with the email tried in the detail and the account's id when one has that email, never a password
 * or a token.
 */
export const ACCESS_ACTIONS = ['export', 'verify', 'verify-all', 'sign-in', 'sign-in-failed', 'sign-in-locked', 'sign-in-rate-limited'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** How an access ended: served, or refused (unknown or unseen partnership, malformed request, server busy) with its status and code in the detail. */
export const ACCESS_OUTCOMES = ['served', 'refused'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** The access-log actions that are sign-ins (the console groups them; their detail carries `email`). */
export const SIGN_IN_ACTIONS = ['sign-in', 'sign-in-failed', 'sign-in-locked', 'sign-in-rate-limited'] as const satisfies readonly AccessAction[];

/** Why a sign-in failed, in the detail of a `sign-in-failed` row. */
export const SIGN_IN_FAILURES = ['credentials', 'deactivated'] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];
