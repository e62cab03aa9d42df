/**
 * Per-field messages from a zod failure. A module of its own so that the decider (through the task
 * catalogue) uses it without loading the HTTP input schemas: every cached workflow would build its
 * own copy of those hundreds of schemas.
 */
import type { z } from 'zod';

/** Per-field messages from a zod failure, keyed by dotted path ("goals.0.dueDate"), under `prefix` when given. */
export function fieldErrors(error: z.ZodError, prefix?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
    const key = path.length > 0 ? path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
