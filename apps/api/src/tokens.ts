/** Injection tokens for what the API gets from outside: its database and Temporal client. */
export const DATABASE = Symbol('DATABASE');
export const TEMPORAL = Symbol('TEMPORAL');
