/**
 * The shapes clients send, as zod schemas: the API validates with them (400 with per-field
 * messages) and the console can reuse them. Rules beyond shape live in the decider (422).
 */
import { z } from 'zod';
import { DEFAULT_POLICY } from './policy.js';

const text = (max: number) => z.string().trim().max(max);

export const goalSchema = z.strictObject({
  rank: z.number().int().min(1).max(50),
  title: text(200).min(1),
  metric: text(200).min(1),
  baseline: z.number().finite(),
  target: z.number().finite(),
  dueDate: z.iso.date(),
});

export const policySchema = z.strictObject({
  taskDue: z.string().default(DEFAULT_POLICY.taskDue),
  reminderAfter: z.string().default(DEFAULT_POLICY.reminderAfter),
  escalationAfter: z.string().default(DEFAULT_POLICY.escalationAfter),
});

export const createPartnershipSchema = z.strictObject({
  name: text(200).min(1),
  description: text(4000).default(''),
  sponsorId: z.uuid(),
  coordinatorId: z.uuid().optional(),
  organizationIds: z.array(z.uuid()).min(1).max(50),
  policy: policySchema.default(DEFAULT_POLICY),
});
export type CreatePartnershipInput = z.infer<typeof createPartnershipSchema>;

/** Commands a person may send to POST /api/partnerships/:id/commands. */
export const clientCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('RecordGoals'), goals: z.array(goalSchema).max(20), scope: text(4000) }),
  z.strictObject({ type: z.literal('SubmitPriorities') }),
]);
export type ClientCommand = z.infer<typeof clientCommandSchema>;

export const completeTaskSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: text(4000).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type CompleteTaskInput = z.infer<typeof completeTaskSchema>;

export const loginSchema = z.strictObject({
  email: z.email(),
  password: z.string().min(1).max(200),
});

/** Per-field messages from a zod failure, keyed by dotted path ("goals.0.dueDate"). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}
