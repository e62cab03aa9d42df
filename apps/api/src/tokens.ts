/** Injection tokens for what the API gets from outside: its database, Temporal client and audit public keys. */
export const DATABASE = Symbol('DATABASE');
export const TEMPORAL = Symbol('TEMPORAL');
/** The deployment's audit keys (AuditKeys: the current one and those before a rotation): the API checks checkpoints; only the worker signs. */
export const AUDIT_KEYS = Symbol('AUDIT_KEYS');
/** Secrets that still verify sign-in tokens but sign none (JWT_PREVIOUS_SECRETS): a rotation's window. */
export const PREVIOUS_JWT_SECRETS = Symbol('PREVIOUS_JWT_SECRETS');
/** How commands reach workflows: the task queue they start on and how long one may take (CommandSettings). */
export const COMMANDS = Symbol('COMMANDS');

export interface CommandSettings {
  taskQueue: string;
  /** After this long a command answers 503 naming what is down (COMMAND_TIMEOUT_MS). */
  timeoutMs: number;
}

/** The account lockout's rule (a FailureLimit from the SIGN_IN_* configuration). */
export const ACCOUNT_SIGN_IN_LIMIT = Symbol('ACCOUNT_SIGN_IN_LIMIT');
/** This process's AddressLimiter (SIGN_IN_IP_*). */
export const ADDRESS_LIMITER = Symbol('ADDRESS_LIMITER');

/** What webhook URLs an admin may register (WebhookPolicy): https only in production. */
export const WEBHOOK_POLICY = Symbol('WEBHOOK_POLICY');

export interface WebhookPolicy {
  requireHttps: boolean;
}
