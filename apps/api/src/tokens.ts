/** Injection tokens for what the API gets from outside: its configuration, database and Temporal client. */
export const CONFIG = Symbol('CONFIG');
export const DATABASE = Symbol('DATABASE');
export const TEMPORAL = Symbol('TEMPORAL');
