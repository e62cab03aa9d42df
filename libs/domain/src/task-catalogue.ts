/**
 * The one catalogue of task kinds. Per kind: how a person completes it (a decision — approve, or
 * reject with a reason — or data of a zod schema), its label, and the context the person needs in
 * view to decide. The decider dispatches on it, the API validates completions and writes the
 * OpenAPI document from it, and the console chooses each task's form by it: a new kind touches
 * this file, its rule and one form component.
 */
import { z } from 'zod';
import { EXPIRY_DECISIONS, HEALTH_DIMENSIONS, REVIEW_OUTCOMES, TERMINATION_OPTIONS, type HealthDimension } from './model.js';
import { fieldErrors } from './field-errors.js';
import { TASK_KINDS, type TaskKind } from './tasks.js';

const score = (min: number, max: number, range: string) => z.number(range).int(range).min(min, range).max(max, range);
const oneOf = (values: readonly string[]) => `one of ${values.join(', ')}`;
/** Says what the object should be when it is missing or no object; other problems keep zod's words. */
const expecting = (what: string) => ({ error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? what : undefined) });

export const reportMeasurementDataSchema = z
  .strictObject(
    { values: z.record(z.string().trim().min(1).max(100), z.number('enter a number'), 'KPI id → value') },
    expecting('the values of the KPIs the task asks for: {"values": {"<kpiId>": number}}'),
  )
  .meta({ description: 'KPI id → its value, one for every KPI the task asks for: a review cycle’s report, every KPI the organization owns; a report between reviews (purpose kpi_report), the KPIs whose cadence fell due' });

const healthScores = Object.fromEntries(HEALTH_DIMENSIONS.map((dimension) => [dimension, score(1, 5, 'score 1 to 5')])) as Record<HealthDimension, ReturnType<typeof score>>;

export const healthCheckDataSchema = z
  .strictObject({ ...healthScores, recommend: score(0, 10, 'score 0 to 10').nullable().optional() }, expecting(`a score for each of ${HEALTH_DIMENSIONS.join(', ')}`))
  .meta({ description: 'Each dimension scored 1–5; `recommend` (0–10) feeds the partner NPS' });

export const reviewDataSchema = z
  .strictObject({
    outcome: z.enum(REVIEW_OUTCOMES, oneOf(REVIEW_OUTCOMES)),
    /** Goal rank → goal attainment −2…+2. */
    goalScores: z.record(z.string().regex(/^\d+$/, 'a goal rank'), score(-2, 2, 'score −2 to +2')).optional(),
    option: z.enum(TERMINATION_OPTIONS, oneOf(TERMINATION_OPTIONS)).optional(),
    reason: z.string().trim().max(4000).optional(),
  })
  .superRefine((value, context) => {
    if (value.outcome === 'propose_termination' && value.option === undefined) {
      context.addIssue({ code: 'custom', path: ['option'], message: oneOf(TERMINATION_OPTIONS) });
    }
  })
  .meta({ description: 'The outcome; goal scores −2…+2 by goal rank; with propose_termination the option and why' });

export const expiryDecisionDataSchema = z
  .strictObject(
    {
      decision: z.enum(EXPIRY_DECISIONS, oneOf(EXPIRY_DECISIONS)),
      reason: z.string().trim().max(4000).optional(),
    },
    expecting(`the decision, one of ${EXPIRY_DECISIONS.join(', ')}`),
  )
  .meta({ description: 'renew, restructure or let_end (an exit): each is proposed as that termination, which the sponsor approves and the partners sign off' });

export const conflictStepDataSchema = z
  .strictObject(
    {
      outcome: z.enum(['resolved', 'next_step'], 'one of resolved, next_step'),
      note: z.string().trim().min(1, 'say how it was resolved, or why it goes to the next step').max(4000),
    },
    expecting('the outcome (resolved or next_step) and a note'),
  )
  .meta({ description: 'resolved: the note is the resolution; next_step: the conflict goes to the next step of the process, the note says why' });

const calendarDate = (what: string) => z.iso.date(`${what}: a date such as 2030-01-31`);

export const checkInDataSchema = z
  .strictObject(
    {
      heldOn: calendarDate('when it was held'),
      attendees: z.array(z.string().trim().min(1, 'name who attended').max(200), 'the names of who attended').min(1, 'name who attended').max(100),
      notes: z.string().trim().max(8000).default(''),
      actions: z
        .array(
          z.strictObject({
            description: z.string().trim().min(1, 'say what is to be done').max(1000),
            ownerId: z.string('choose who owns it').trim().min(1, 'choose who owns it').max(100),
            dueOn: calendarDate('when it is due'),
          }),
        )
        .max(50)
        .default([]),
    },
    expecting('when it was held (heldOn), who attended, the notes and the actions agreed'),
  )
  .meta({ description: 'When the check-in was held (YYYY-MM-DD), who attended (names), the notes, and each action agreed with its owner (a user id: the coordinator, the sponsor, a steering-group member or a point of contact) and due date; each action becomes a task for its owner' });

export const checkInActionDataSchema = z
  .strictObject({ note: z.string().trim().max(4000).optional() })
  .default({})
  .meta({ description: 'Optionally what was done: completing says the action is done' });

export const windDownDataSchema = z.strictObject({}).default({}).meta({ description: 'Nothing: completing confirms the step is done' });

export type TaskCompletionStyle = { style: 'decision' } | { style: 'data'; schema: z.ZodType };

/**
 * The kinds of context a task's form is given. Their shapes and builders live in task-context.ts,
 * which reads this catalogue; the catalogue only names them, so it depends on no rule.
 */
export const TASK_CONTEXT_KINDS = ['priorities', 'listening', 'agreement', 'change', 'measurement', 'healthCheck', 'review', 'termination', 'windDown', 'expiry', 'conflict', 'checkIn', 'checkInAction'] as const;
export type TaskContextKind = (typeof TASK_CONTEXT_KINDS)[number];

export interface TaskKindEntry {
  label: string;
  /** One sentence for the person completing it. */
  summary: string;
  completion: TaskCompletionStyle;
  /** What the person needs in view to decide (see task-context.ts). */
  context: TaskContextKind;
}

const DECISION = { style: 'decision' } as const;
const withData = <S extends z.ZodType>(schema: S) => ({ style: 'data', schema }) as const;

export const TASK_CATALOGUE = {
  APPROVE_PRIORITIES: {
    label: 'Approve priorities',
    summary: 'Approve the ranked goals and their scope, or reject them with a reason so the coordinator redrafts.',
    completion: DECISION,
    context: 'priorities',
  },
  CONFIRM_LISTENING: {
    label: 'Confirm listening',
    summary: 'Confirm that your organization’s view is recorded in the listening record, or say what is missing.',
    completion: DECISION,
    context: 'listening',
  },
  SIGN_AGREEMENT: {
    label: 'Sign agreement',
    summary: 'Sign the partnering agreement for your organization, or refuse it with a reason.',
    completion: DECISION,
    context: 'agreement',
  },
  DECIDE_CHANGE: {
    label: 'Decide a proposed change',
    summary: 'The coordinator proposes a change the partners decide together (renegotiating the goals, admitting or removing an organization, revisiting an earlier stage): agree for your organization, or refuse with a reason.',
    completion: DECISION,
    context: 'change',
  },
  REPORT_MEASUREMENT: {
    label: 'Report measurements',
    summary: 'Report the value of each KPI the task asks for: in a review cycle, every KPI your organization owns; between reviews, those whose cadence has fallen due.',
    completion: withData(reportMeasurementDataSchema),
    context: 'measurement',
  },
  HEALTH_CHECK: {
    label: 'Health check',
    summary: 'Score how the partnership is doing, 1 (poor) to 5 (excellent), and whether you would recommend it.',
    completion: withData(healthCheckDataSchema),
    context: 'healthCheck',
  },
  REVIEW: {
    label: 'Review',
    summary: 'Read the cycle’s measures, score each goal −2…+2 and decide how the partnership goes on.',
    completion: withData(reviewDataSchema),
    context: 'review',
  },
  APPROVE_TERMINATION: {
    label: 'Approve termination',
    summary: 'Approve the proposed termination so the partners sign it off, or reject it with a reason.',
    completion: DECISION,
    context: 'termination',
  },
  SIGN_TERMINATION: {
    label: 'Sign termination',
    summary: 'Sign off the termination for your organization, or refuse it with a reason.',
    completion: DECISION,
    context: 'termination',
  },
  WIND_DOWN: {
    label: 'Wind-down',
    summary: 'Confirm that this wind-down step is done.',
    completion: withData(windDownDataSchema),
    context: 'windDown',
  },
  RESOLVE_CONFLICT: {
    label: 'Resolve a conflict',
    summary: 'Work on the conflict at your step of the conflict process: record how it was resolved, or pass it to the next step saying why.',
    completion: withData(conflictStepDataSchema),
    context: 'conflict',
  },
  RECORD_CHECK_IN: {
    label: 'Record a check-in',
    summary: 'The communication plan calls for a check-in: record when it was held, who attended, the notes and the actions agreed, each with its owner and due date.',
    completion: withData(checkInDataSchema),
    context: 'checkIn',
  },
  CHECK_IN_ACTION: {
    label: 'Check-in action',
    summary: 'An action agreed at a check-in is yours: complete it once it is done, saying what was done if you like.',
    completion: withData(checkInActionDataSchema),
    context: 'checkInAction',
  },
  DECIDE_EXPIRY: {
    label: 'Decide on the agreement’s end',
    summary: 'The agreement’s term is ending: renew it, restructure the partnership, or let it end. Your choice is proposed as that termination, for the sponsor to approve and the partners to sign off.',
    completion: withData(expiryDecisionDataSchema),
    context: 'expiry',
  },
} as const satisfies Record<TaskKind, TaskKindEntry>;

export type Catalogue = typeof TASK_CATALOGUE;

/** Kinds completed with data (never rejected). */
export type DataTaskKind = { [K in TaskKind]: Catalogue[K]['completion'] extends { style: 'data' } ? K : never }[TaskKind];

type SchemaOf<K extends DataTaskKind> = Catalogue[K]['completion'] extends { schema: infer S extends z.ZodType } ? S : never;
/** The data a kind's completion carries once validated. */
export type TaskDataOf<K extends DataTaskKind> = z.output<SchemaOf<K>>;
/** Any kind's completion data; which one is decided by the task's own kind. */
export type TaskData = { [K in DataTaskKind]: TaskDataOf<K> }[DataTaskKind];

export const taskLabel = (kind: TaskKind): string => TASK_CATALOGUE[kind].label;

export function isDataTaskKind(kind: TaskKind): kind is DataTaskKind {
  return TASK_CATALOGUE[kind].completion.style === 'data';
}

export const DATA_TASK_KINDS: readonly DataTaskKind[] = TASK_KINDS.filter(isDataTaskKind);

export function dataSchemaOf(kind: DataTaskKind): z.ZodType {
  const completion: TaskCompletionStyle = TASK_CATALOGUE[kind].completion;
  if (completion.style !== 'data') throw new Error(`${kind} is not completed with data`);
  return completion.schema;
}

export type DataCheck<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Validates a completion's data against its kind's schema; errors are keyed like `data.values.<kpiId>`. */
export function parseTaskData<K extends DataTaskKind>(kind: K, data: unknown): DataCheck<TaskDataOf<K>> {
  const result = dataSchemaOf(kind).safeParse(data);
  // The catalogue types each kind's output by its own schema, which is the one that just parsed.
  if (result.success) return { ok: true, data: result.data as TaskDataOf<K> };
  return { ok: false, errors: fieldErrors(result.error, 'data') };
}

/**
 * The problems of a completion's data for a task of `kind`, or its validated data: decisions take
 * no data, data kinds take exactly their schema's shape.
 */
export function checkCompletionData(kind: TaskKind, data: unknown): DataCheck<TaskData | undefined> {
  if (isDataTaskKind(kind)) return parseTaskData(kind, data);
  return data === undefined ? { ok: true, data: undefined } : { ok: false, errors: { data: 'this task is approved or rejected; it takes no data' } };
}
