/**
 * The shapes clients send, as zod schemas: the API validates with them (400 with per-field
 * messages) and the OpenAPI document is generated from them. Rules beyond shape live in the decider (422).
 */
import { z } from 'zod';
import { HEALTH_DIMENSIONS, MANAGEMENT_MODELS, RESPONSIBILITIES, REVIEW_OUTCOMES, TERMINATION_OPTIONS } from './model.js';
import { DEFAULT_POLICY } from './policy.js';

const text = (max: number) => z.string().trim().max(max);
const id = z.string().trim().min(1).max(100);
const duration = z.string().min(2).max(40);

export const goalSchema = z.strictObject({
  rank: z.number().int().min(1).max(50),
  title: text(200).min(1),
  metric: text(200).min(1),
  baseline: z.number().finite(),
  target: z.number().finite(),
  dueDate: z.iso.date(),
});

export const policySchema = z.strictObject({
  taskDue: duration.default(DEFAULT_POLICY.taskDue),
  reminderBeforeDue: duration.default(DEFAULT_POLICY.reminderBeforeDue),
  overdueReminderEvery: duration.default(DEFAULT_POLICY.overdueReminderEvery),
  escalateAfterOverdue: duration.default(DEFAULT_POLICY.escalateAfterOverdue),
  healthPulse: duration.default(DEFAULT_POLICY.healthPulse),
  reviewCycle: duration.default(DEFAULT_POLICY.reviewCycle),
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

const kpiSchema = z.strictObject({
  id: id.optional(),
  name: text(200).min(1),
  ownerOrganizationId: z.uuid(),
  unit: text(50).min(1),
  baseline: z.number().finite(),
  target: z.number().finite(),
  direction: z.enum(['increase', 'decrease']),
  cadence: z.string().min(2).max(40),
  goalRank: z.number().int().min(1).nullable().default(null),
});

/** Commands a person may send to POST /api/partnerships/:id/commands. */
export const clientCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('RecordGoals'), goals: z.array(goalSchema).max(20), scope: text(4000) }),
  z.strictObject({ type: z.literal('SubmitPriorities') }),
  z.strictObject({
    type: z.literal('AddStakeholder'),
    stakeholder: z.strictObject({ name: text(200).min(1), organizationId: z.uuid().nullable().default(null), interest: z.number().int(), influence: z.number().int() }),
  }),
  z.strictObject({
    type: z.literal('RecordListeningSession'),
    session: z.strictObject({ heldOn: z.iso.date(), participants: z.array(text(200).min(1)).max(100), heard: text(8000), concerns: z.array(text(1000)).max(100).default([]) }),
  }),
  z.strictObject({ type: z.literal('ScoreAlignment'), organizationId: z.uuid(), scores: z.record(z.string().regex(/^\d+$/, 'goal ranks'), z.number().int()) }),
  z.strictObject({ type: z.literal('OpenListeningSignoff') }),
  z.strictObject({
    type: z.literal('DefineRoles'),
    roles: z.array(z.strictObject({ organizationId: z.uuid(), goalRank: z.number().int().min(1), responsibility: z.enum(RESPONSIBILITIES) })).max(500),
  }),
  z.strictObject({
    type: z.literal('CommitResources'),
    resources: z
      .array(z.strictObject({ organizationId: z.uuid(), description: text(1000), amount: z.number().finite().nullable().default(null), unit: text(50).nullable().default(null) }))
      .max(200),
  }),
  z.strictObject({ type: z.literal('ChooseManagementModel'), model: z.enum(MANAGEMENT_MODELS) }),
  z.strictObject({
    type: z.literal('SetGovernance'),
    governance: z.strictObject({ pointsOfContact: z.record(z.uuid(), z.uuid()), decisionRule: text(2000), escalationPath: text(2000) }),
  }),
  z.strictObject({ type: z.literal('SetConflictProcess'), process: text(8000) }),
  z.strictObject({ type: z.literal('SetTerminationTerms'), options: z.array(z.enum(TERMINATION_OPTIONS)).max(4), noticePeriod: z.string().max(40) }),
  z.strictObject({ type: z.literal('DefineKpi'), kpi: kpiSchema }),
  z.strictObject({ type: z.literal('IssueAgreement') }),
  z.strictObject({ type: z.literal('ProposeTermination'), option: z.enum(TERMINATION_OPTIONS), reason: text(4000) }),
  z.strictObject({ type: z.literal('PutOnHold'), reason: text(4000) }),
  z.strictObject({ type: z.literal('Resume') }),
  z.strictObject({ type: z.literal('AddOrganization'), organizationId: z.uuid() }),
  z.strictObject({ type: z.literal('RemoveOrganization'), organizationId: z.uuid(), reassignTo: z.uuid().nullable().default(null) }),
  z.strictObject({ type: z.literal('MoveDueDate'), taskId: id, dueAt: z.iso.datetime({ offset: true }), reason: text(1000).optional() }),
]);
export type ClientCommand = z.infer<typeof clientCommandSchema>;
export const CLIENT_COMMAND_TYPES = clientCommandSchema.options.map((option) => option.shape.type.value);

const score = (min: number, max: number) => z.number().int().min(min).max(max);

/** What a task's completion may carry, by kind (the decider checks it against the partnership). */
export const taskDataSchema = z.union([
  z.strictObject({ values: z.record(z.string(), z.number().finite()) }),
  z.strictObject({ ...Object.fromEntries(HEALTH_DIMENSIONS.map((dimension) => [dimension, score(1, 5)])), recommend: score(0, 10).optional() }),
  z.strictObject({
    outcome: z.enum(REVIEW_OUTCOMES),
    goalScores: z.record(z.string(), score(-2, 2)).optional(),
    option: z.enum(TERMINATION_OPTIONS).optional(),
    reason: text(4000).optional(),
  }),
]);

export const completeTaskSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: text(4000).optional(),
  data: taskDataSchema.optional(),
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
