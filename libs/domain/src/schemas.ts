/**
 * The shapes clients send, as zod schemas: the API validates with them (400 with per-field
 * messages) and the OpenAPI document is generated from them. Rules beyond shape live in the decider (422).
 */
import { z } from 'zod';
import { MISSION_MAX_LENGTH, ORGANIZATION_KINDS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, organizationProblem } from './directory.js';
import { CONFLICT_SEVERITIES, DEFAULT_EXPIRY_REMINDERS, MANAGEMENT_MODELS, MAX_ESCALATION_STEPS, RESPONSIBILITIES, ROLES, TERMINATION_OPTIONS } from './model.js';
import { TASK_DECISIONS } from './tasks.js';
import { DEADLINE_PURPOSES } from './timers.js';
import { DEFAULT_POLICY } from './policy.js';
import { ACCESS_ACTIONS, EXPORT_FORMATS } from './audit.js';
import { TASK_KINDS } from './tasks.js';

/**
 * An ISO-8601 instant with its offset that PostgreSQL can store: in the years 0001 to 9999 once
 * turned to UTC (an offset can carry 9999-12-31 into the year 10000).
 */
function storableInstant() {
  return z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant such as 2026-11-23T10:00:00Z' }).refine((text) => {
    const year = new Date(text).getUTCFullYear();
    return Number.isNaN(year) || (year >= 1 && year <= 9999);
  }, 'must fall in the years 0001 to 9999');
}

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
    governance: z.strictObject({
      pointsOfContact: z
        .record(z.uuid(), z.uuid())
        .describe('Organization id → the user who speaks for it: once the agreement is signed, the default signatory and addressee of its tasks (another representative may still sign for it).'),
      decisionRule: text(2000),
      escalationPath: text(2000),
      escalationSteps: z
        .array(z.uuid())
        .min(1)
        .max(MAX_ESCALATION_STEPS)
        .optional()
        .describe(
          'The escalation path as people, lowest step first: an overdue task’s n-th escalation reaches the n-th (the coordinator, the sponsor, a steering-group member or a point of contact). Leave it out to escalate up the ladder (coordinator, sponsor, steering group). Applies once the agreement carrying it is adopted.',
        ),
      communicationPlan: z
        .strictObject({
          cadence: z.string().max(40).describe('ISO-8601 duration between two check-ins, e.g. P14D or P1M'),
          channel: text(500).describe('How the check-ins are held, e.g. "Video call"'),
          organizationIds: z.array(z.uuid()).max(50).describe('The member organizations that take part, each through its point of contact'),
        })
        .optional()
        .describe(
          'How the partners keep in touch: once the agreement carrying it is adopted, a check-in falls due every cadence as the coordinator’s RECORD_CHECK_IN task. Leave it out for none.',
        ),
    }),
  }),
  z.strictObject({ type: z.literal('SetConflictProcess'), process: text(8000) }),
  z.strictObject({ type: z.literal('SetTerminationTerms'), options: z.array(z.enum(TERMINATION_OPTIONS)).max(4), noticePeriod: z.string().max(40) }),
  z.strictObject({ type: z.literal('DefineKpi'), kpi: kpiSchema }),
  z.strictObject({ type: z.literal('IssueAgreement') }),
  z.strictObject({ type: z.literal('ProposeTermination'), option: z.enum(TERMINATION_OPTIONS), reason: text(4000) }),
  z.strictObject({ type: z.literal('PutOnHold'), reason: text(4000) }),
  z.strictObject({ type: z.literal('CallVote') }),
  z.strictObject({
    type: z.literal('RaiseConflict'),
    title: text(200),
    description: text(4000).default(''),
    organizationIds: z.array(z.uuid()).min(1).max(20).describe('The member organizations the conflict is between'),
    severity: z.enum(CONFLICT_SEVERITIES),
  }),
  z.strictObject({
    type: z.literal('SetAgreementTerm'),
    term: z
      .strictObject({
        duration: z.string().max(40).describe('How long the agreement runs once adopted, ISO-8601 (e.g. P2Y)'),
        remindBefore: z.array(z.string().max(40)).max(5).default(DEFAULT_EXPIRY_REMINDERS).describe('When before the end the coordinator is reminded (default P90D, P60D, P30D); the first opens the decision'),
      })
      .nullable()
      .describe('null: the agreement is open-ended'),
  }),
  z.strictObject({ type: z.literal('ProposeRenegotiation'), reason: text(4000).min(1, 'say why the goals should be renegotiated') }),
  z.strictObject({ type: z.literal('Resume') }),
  z.strictObject({ type: z.literal('AddOrganization'), organizationId: z.uuid(), reason: text(4000).optional() }),
  z.strictObject({ type: z.literal('RemoveOrganization'), organizationId: z.uuid(), reassignTo: z.uuid().nullable().default(null), reason: text(4000).optional() }),
  z.strictObject({ type: z.literal('MoveDueDate'), taskId: id, dueAt: storableInstant(), reason: text(1000).optional() }),
]);
export type ClientCommand = z.infer<typeof clientCommandSchema>;
export const CLIENT_COMMAND_TYPES = clientCommandSchema.options.map((option) => option.shape.type.value);

/**
 * The envelope of POST /api/tasks/:id/complete. `data` is checked against the task's own kind once
 * the task is looked up (task-catalogue.ts), so a wrong shape names its fields, not a union's.
 */
export const completeTaskSchema = z.strictObject({
  decision: z.enum(TASK_DECISIONS),
  comment: text(4000).optional(),
  data: z.unknown().optional(),
});
export type CompleteTaskInput = z.infer<typeof completeTaskSchema>;

const oneOrMany = <S extends z.ZodType>(schema: S) => z.union([schema, z.array(schema).max(100)]);

/** Ids are stored in lower case; one written in upper case must find the same rows. */
const storedId = z.uuid().transform((id) => id.toLowerCase());

/** The filters of the deadline ledger (GET /api/deadlines, react-admin's `filter` parameter). */
export const deadlineFilterSchema = z.strictObject({
  partnershipId: oneOrMany(storedId).optional(),
  purpose: oneOrMany(z.enum(DEADLINE_PURPOSES)).optional(),
  kind: oneOrMany(z.enum(TASK_KINDS)).optional(),
  assigneeUserId: storedId.optional(),
  assigneeOrganizationId: storedId.optional(),
  recipientUserId: storedId.optional(),
});
export type DeadlineFilter = z.infer<typeof deadlineFilterSchema>;

/** GET /api/partnerships/:id/export. */
export const exportQuerySchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: `must be one of ${EXPORT_FORMATS.join(', ')}` }),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The filters of the access log (GET /api/access-log, react-admin's `filter` parameter); `since` and `until` include their instant. */
export const accessLogFilterSchema = z.strictObject({
  id: oneOrMany(z.string().regex(/^\d{1,18}$/, 'must be an access-log id')).optional(),
  action: oneOrMany(z.enum(ACCESS_ACTIONS)).optional(),
  actorId: storedId.optional(),
  partnershipId: storedId.optional(),
  /** The email a sign-in tried (any case). */
  email: z.string().trim().toLowerCase().min(1).max(254).optional(),
  since: storableInstant().optional(),
  until: storableInstant().optional(),
});
export type AccessLogFilter = z.infer<typeof accessLogFilterSchema>;

/** A point of a partnership's log: an event's sequence number (0: before the first) or an ISO-8601 instant. */
export const logPointSchema = z.union([
  z.string().regex(/^\d{1,12}$/).transform((sequence) => ({ sequence: Number(sequence) })),
  storableInstant().transform((at) => ({ at: new Date(at).toISOString() })),
], { error: 'must be an event sequence number (such as 12) or an ISO-8601 instant (such as 2026-11-23T10:00:00Z)' })
  .describe('An event sequence number (0: before the first event; the state after that event) or an ISO-8601 instant (the state after every event up to it)');

const pointOrder = (point: { sequence: number } | { at: string }) => ('sequence' in point ? point.sequence : Date.parse(point.at));

/**
 * GET /api/partnerships/:id/diff. Two points of the same kind are ordered here; a sequence and an
 * instant only against the log, so the API checks that pair once it has the events.
 */
export const diffQuerySchema = z
  .strictObject({ from: logPointSchema, to: logPointSchema })
  .refine(({ from, to }) => ('sequence' in from) !== ('sequence' in to) || pointOrder(from) <= pointOrder(to), { message: 'must not come after `to`', path: ['from'] });
export type DiffQuery = z.infer<typeof diffQuerySchema>;

/** A view of a partnership as of a point of its log (the record, the state, the measures, the agreement's versions); now when absent. */
export const asOfQuerySchema = z.strictObject({ at: logPointSchema.optional() });
export type AsOfQuery = z.infer<typeof asOfQuerySchema>;

/** Marks the caller's notifications read: the listed ones, or all of them. */
export const markNotificationsReadSchema = z
  .strictObject({
    ids: z.array(z.string().regex(/^\d{1,18}$/, 'must be a notification id')).min(1).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), { message: 'give either "ids" or "all": true', path: ['ids'] });
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadSchema>;

// Emails are compared without case, so the directory stores them, and sign-in reads them, in lower case.
const email = z.string().trim().toLowerCase().max(254).check(z.email());

/** Sign-in: the email as the directory keys it (so it is also what sign-in throttling counts by). */
export const loginSchema = z.strictObject({
  email,
  password: z.string().min(1).max(200),
});

// The directory (admin only).
const organizationName = text(200).min(1);
const personName = text(200).min(1);
const active = z.boolean().describe('false deactivates (kept on past records, no new sign-in or membership); true reactivates');
const atLeastOneField = (value: Record<string, unknown>) => Object.values(value).some((field) => field !== undefined);
const nothingToChange = { message: 'send at least one field to change', path: ['_'] };

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** Checked here for its shape; the API checks it against the holiday library's countries. */
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code (ISO 3166-1 alpha-2), such as DE')
  .nullable()
  .describe('ISO 3166-1 alpha-2: its public holidays are skipped by the deadlines of its tasks; null: none, weekends only');

export const createOrganizationSchema = z.strictObject({ name: organizationName, kind: z.enum(ORGANIZATION_KINDS), country: country.default(null) });
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z
  .strictObject({ name: organizationName.optional(), kind: z.enum(ORGANIZATION_KINDS).optional(), country: country.optional(), active: active.optional() })
  .refine(atLeastOneField, nothingToChange);
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;

/** A new version of an organization's mission (the earlier ones are kept). */
export const recordMissionSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'write the mission')
    .max(MISSION_MAX_LENGTH, `must be at most ${MISSION_MAX_LENGTH} characters`)
    .describe('What the organization exists to do, in its own words'),
});
export type RecordMissionInput = z.infer<typeof recordMissionSchema>;

export const createUserSchema = z
  .strictObject({
    email,
    name: personName,
    role: z.enum(ROLES),
    organizationId: z.uuid().nullable().default(null),
    password: passwordSchema,
  })
  .superRefine((user, context) => {
    const problem = organizationProblem(user.role, user.organizationId);
    if (problem) context.addIssue({ code: 'custom', path: ['organizationId'], message: problem });
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** Role and organization are checked together against the stored user, since either may be left out. */
export const updateUserSchema = z
  .strictObject({ name: personName.optional(), role: z.enum(ROLES).optional(), organizationId: z.uuid().nullable().optional(), active: active.optional() })
  .refine(atLeastOneField, nothingToChange);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const setPasswordSchema = z.strictObject({ password: passwordSchema });
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export { fieldErrors } from './field-errors.js';
