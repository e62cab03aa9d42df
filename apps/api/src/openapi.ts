/**
 * The OpenAPI document, built from the same zod schemas that validate requests, so the document
 * cannot drift from what the API accepts.
 */
import { z } from 'zod';
import {
  ACCESS_ACTIONS,
  CONTEXT_DESCRIPTIONS,
  LOG_CHECKS,
  MISSING_LISTED,
  TEMPORAL_UNAVAILABLE_REASONS,
  LOG_VERDICTS,
  DATA_TASK_KINDS,
  TASK_CATALOGUE,
  TASK_KINDS,
  TASK_PURPOSES,
  accessLogFilterSchema,
  clientCommandSchema,
  completeTaskSchema,
  createOrganizationSchema,
  MISSION_MAX_LENGTH,
  recordMissionSchema,
  createPartnershipSchema,
  createUserSchema,
  asOfQuerySchema,
  deadlineFilterSchema,
  diffQuerySchema,
  dataSchemaOf,
  exportQuerySchema,
  isDataTaskKind,
  loginSchema,
  markNotificationsReadSchema,
  setPasswordSchema,
  updateOrganizationSchema,
  updateUserSchema,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_RETRY,
  createWebhookSchema,
  notificationPreferenceSchema,
  retryDelays,
  sentEmailFilterSchema,
  updateWebhookSchema,
  webhookDeliveryFilterSchema,
} from '@pe/domain';
import { FORMULA_STARTS_TEXT } from './audit/csv.js';
import { MAX_CONCURRENT_EXPORTS } from './audit/export-slots.js';
import { verificationQuerySchema } from './audit/verification-query.js';
import { AUDIT_EXPORT_FORMAT } from '@pe/persistence';
import { ACCEPTABLE_REQUEST_ID, REQUEST_ID_HTTP_HEADER } from '@pe/observability';
import { API_ERROR_CODES } from './http/api-error.js';

const schema = (zodSchema: z.ZodType) => z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: ERROR_TEXT[status] ?? 'Error', ...json('Error') }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request: `errors` names each bad field',
  401: `Not signed in, or the token is invalid (\`${API_ERROR_CODES.deactivated}\` once the account is deactivated)`,
  403: 'The role or organization may not do this',
  404: 'Not found',
  409: 'The command no longer fits the partnership (its code says why)',
  422: 'A rule of the method is broken (its code says which)',
};
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };
const unavailable = (description: string) => ({ '503': { description, headers: retryAfter, ...json('Error') } });
/** What a command may answer when a dependency is down (every command: create, commands, task completion). */
const commandUnavailable = unavailable(
  `\`${API_ERROR_CODES.temporalUnavailable}\`, \`${API_ERROR_CODES.workerUnavailable}\` or \`${API_ERROR_CODES.databaseUnavailable}\`: a dependency is down, or the command was not completed within COMMAND_TIMEOUT_MS. It may still be applied later: retry with the same Idempotency-Key, which answers the first attempt's result and never applies it twice`,
);
const databaseUnavailable = unavailable(`\`${API_ERROR_CODES.databaseUnavailable}\`: PostgreSQL cannot be reached`);
const healthReport = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          status: { enum: ['ok', 'degraded'] },
          database: { enum: ['up', 'down'] },
          temporal: { enum: ['up', 'down'] },
          worker: { enum: ['up', 'down', 'unknown'], description: 'Whether a worker polls the task queue (unknown while Temporal cannot be asked)' },
        },
      },
    },
  },
};
const readiness = (summary: string) => ({
  get: {
    tags: ['health'],
    security: [],
    summary,
    responses: { '200': { description: 'PostgreSQL, Temporal and a worker are all up', ...healthReport }, '503': { description: 'Something is down: each is named up or down', headers: retryAfter, ...healthReport } },
  },
});

/** Every operation that reads PostgreSQL may find it down; the ones that say more already name their 503. */
function withDatabaseUnavailable<Paths extends Record<string, Record<string, { responses: Record<string, unknown> }>>>(paths: Paths): Paths {
  for (const [path, operations] of Object.entries(paths)) {
    if (path.startsWith('/api/health')) continue;
    for (const operation of Object.values(operations)) operation.responses = { ...databaseUnavailable, ...operation.responses };
  }
  return paths;
}

const listParams = [
  { name: 'sort', in: 'query', schema: { type: 'string' }, example: '["updatedAt","DESC"]' },
  { name: 'range', in: 'query', schema: { type: 'string' }, example: '[0,24]' },
  { name: 'filter', in: 'query', schema: { type: 'string' }, example: '{}' },
];
const pathId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const adminOnly = 'Admin only.';
const conflictOn = (code: string, what: string) => ({ '409': { description: `\`${code}\`: ${what} (\`errors\` names the field)`, ...json('Error') } });
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 100 } };
const list = (resource: string) => ({
  get: {
    tags: [resource],
    summary: `List ${resource} (react-admin simple REST; answers Content-Range)`,
    parameters: listParams,
    responses: { '200': { description: `A page of ${resource}` }, ...errors(400, 401) },
  },
});
const withSummary = <T extends { get: object }>(operation: T, summary: string): T => ({ ...operation, get: { ...operation.get, summary } });
const one = (resource: string) => ({
  get: { tags: [resource], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The record' }, ...errors(401, 404) } },
});

/** Every field of an object schema as a required query parameter, described by its own schema. */
function queryParameters(zodSchema: z.ZodType) {
  const { properties = {}, required = [] } = schema(zodSchema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(properties).map(([name, fieldSchema]) => ({ name, in: 'query', required: required.includes(name), schema: fieldSchema }));
}

/** `at`: a point of the event log, for the views of a partnership's past. */
const asOf = queryParameters(asOfQuerySchema);

/** A schema nested in another carries no `$schema` of its own. */
const nested = (zodSchema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = schema(zodSchema);
  return rest;
};

/** The completion envelope, its `data` documented per kind from the task catalogue. */
function completeTaskDocument(): Record<string, unknown> {
  const envelope = schema(completeTaskSchema);
  const decisionKinds = TASK_KINDS.filter((kind) => !isDataTaskKind(kind));
  return {
    ...envelope,
    description:
      `How a task completes depends on its kind. ${decisionKinds.join(', ')} are decisions: approve, or reject with a comment (the reason), and no data. ` +
      `${DATA_TASK_KINDS.join(', ')} are approved with the data of their kind.`,
    properties: {
      ...(envelope.properties as Record<string, unknown>),
      data: {
        description: "Checked against the task's own kind: data whose shape does not fit answers 400 with an error per field (e.g. `data.values.<kpiId>`); data that breaks a rule of the partnership (a KPI not the organization's own) answers 422 TASK.INVALID_DATA",
        oneOf: DATA_TASK_KINDS.map((kind) => ({
          ...nested(dataSchemaOf(kind)),
          title: kind,
          description: `${TASK_CATALOGUE[kind].label}: ${TASK_CATALOGUE[kind].summary}`,
        })),
      },
    },
  };
}

/** A task as GET /api/tasks answers it; `context` depends on the kind (the catalogue names which). */
function taskDocument(): Record<string, unknown> {
  const text = { type: ['string', 'null'] };
  const contexts = TASK_KINDS.map((kind) => `${kind}: ${CONTEXT_DESCRIPTIONS[TASK_CATALOGUE[kind].context]}`).join('; ');
  return {
    type: 'object',
    properties: {
      id: { type: 'string' },
      partnershipId: { type: 'string', format: 'uuid' },
      partnershipName: { type: 'string' },
      kind: { type: 'string', enum: [...TASK_KINDS] },
      title: { type: 'string' },
      assigneeUserId: text,
      assigneeOrganizationId: text,
      cycle: { type: ['integer', 'null'] },
      purpose: { enum: [...TASK_PURPOSES, null], description: 'joining: an organization signs the agreement in force to join; pulse: a health check between reviews; kpi_report: a KPI report between reviews, for the KPIs whose cadence (shorter than the review cycle) fell due' },
      detail: { ...text, description: 'Free text naming what the step is about (the wind-down item, the proposed option)' },
      status: { type: 'string', enum: ['open', 'completed', 'cancelled'] },
      openedAt: { type: 'string', format: 'date-time' },
      dueAt: { type: 'string', format: 'date-time' },
      context: {
        type: ['object', 'null'],
        description: `While the task is open, what its form shows (null once it is closed), computed from the partnership's state; \`kind\` names the shape. ${contexts}`,
      },
    },
  };
}

/** The JSON export, which the dossier also carries (libs/persistence/src/audit-verifier.mjs names its type AuditExport). */
function auditExportDocument(): Record<string, unknown> {
  const text = { type: 'string' };
  const hash = { type: 'string', pattern: '^[0-9a-f]{64}$' };
  return {
    type: 'object',
    required: ['format', 'partnership', 'exportedAt', 'exportedBy', 'head', 'events', 'checkpoint', 'publicKey'],
    properties: {
      format: { const: AUDIT_EXPORT_FORMAT },
      partnership: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, name: text } },
      exportedAt: { type: 'string', format: 'date-time' },
      exportedBy: { type: 'object', properties: { id: text, name: text, role: text } },
      head: { type: 'object', description: 'The last event: its sequence and hash', properties: { sequence: { type: 'integer' }, hash } },
      events: {
        type: 'array',
        description:
          'Every event, oldest first. `hash` is the SHA-256 (hex) of `previousHash` followed by the canonical JSON (keys sorted at every depth) of `{partnershipId, sequence, type, at, actor, data}`; the first event\'s `previousHash` is 64 zeros. `actorName` and `workflowRunId` are not hashed.',
        items: {
          type: 'object',
          properties: {
            sequence: { type: 'integer' },
            type: text,
            at: { type: 'string', format: 'date-time' },
            actor: { type: 'object', properties: { kind: { enum: ['user', 'system'] }, userId: text, role: text, organizationId: { type: ['string', 'null'] } } },
            actorName: { type: ['string', 'null'] },
            data: { description: 'The event\'s payload' },
            previousHash: hash,
            hash,
            workflowRunId: text,
          },
        },
      },
      checkpoint: {
        type: ['object', 'null'],
        description: 'The newest signed head: Ed25519 over `partnership-engine/audit-checkpoint/v1\\n` followed by the canonical JSON of `{hash, partnershipId, sequence, signedAt}`',
        properties: { partnershipId: text, sequence: { type: 'integer' }, hash, signedAt: { type: 'string', format: 'date-time' }, keyId: text, signature: { type: 'string', contentEncoding: 'base64' } },
      },
      publicKey: {
        type: 'object',
        description: 'The key that signed the checkpoint, as GET /api/audit/public-key answers it (the current key, or one of its `previousKeys` for a checkpoint signed before a key rotation)',
        properties: { algorithm: { const: 'Ed25519' }, keyId: text, pem: text, jwk: { type: 'object' } },
      },
    },
  };
}

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Partnership Engine API',
      version: '0.1.0',
      description:
        'Runs strategic partnerships as long-running workflows. Sign in at POST /api/auth/login and send the token as a Bearer header. ' +
        `Every answer carries an \`${REQUEST_ID_HTTP_HEADER}\`: the one the request sent when it is ${ACCEPTABLE_REQUEST_ID}, else a new UUID; ` +
        "the API's, the workflow's and the worker's log lines for that request name it.",
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['statusCode', 'code', 'message'],
          properties: {
            statusCode: { type: 'integer' },
            code: { type: 'string', examples: ['PRIORITIES.INVALID_GOALS'] },
            message: { type: 'string' },
            errors: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        Login: schema(loginSchema),
        CreatePartnership: schema(createPartnershipSchema),
        PartnershipCommand: schema(clientCommandSchema),
        CompleteTask: completeTaskDocument(),
        Task: taskDocument(),
        CreateOrganization: schema(createOrganizationSchema),
        UpdateOrganization: schema(updateOrganizationSchema),
        RecordMission: schema(recordMissionSchema),
        CreateUser: schema(createUserSchema),
        UpdateUser: schema(updateUserSchema),
        SetPassword: schema(setPasswordSchema),
        DeadlineFilter: schema(deadlineFilterSchema),
        MarkNotificationsRead: schema(markNotificationsReadSchema),
        NotificationPreference: schema(notificationPreferenceSchema),
        CreateWebhook: schema(createWebhookSchema),
        UpdateWebhook: schema(updateWebhookSchema),
        WebhookDeliveryFilter: schema(webhookDeliveryFilterSchema),
        SentEmailFilter: schema(sentEmailFilterSchema),
        AccessLogFilter: schema(accessLogFilterSchema),
        AuditExport: auditExportDocument(),
      },
    },
    paths: withDatabaseUnavailable({
      '/api/health': readiness('Readiness, as /api/health/ready (kept under its first path)'),
      '/api/health/ready': readiness('Readiness: PostgreSQL answers, Temporal answers and a worker polls the task queue'),
      '/api/health/live': { get: { tags: ['health'], security: [], summary: 'Liveness: the process answers (whatever its dependencies do)', responses: { '200': { description: '{status: "ok"}' } } } },
      '/api/auth/login': {
        post: {
          tags: ['auth'],
          security: [],
          requestBody: json('Login'),
          description:
            `Every sign-in, successful or not, is written to the access log (the email tried, the account when one has it, the address; never the password). ` +
            `Failed sign-ins are counted per email (known account or not, shared by every API process) and per client address (by each process): ` +
            `too many within a window lock the email (\`${API_ERROR_CODES.lockedOut}\`) or refuse the address (\`${API_ERROR_CODES.rateLimited}\`) for a while, and a successful sign-in starts the email's count again. ` +
            'The limits are set by SIGN_IN_MAX_FAILURES, SIGN_IN_FAILURE_WINDOW, SIGN_IN_LOCKOUT, SIGN_IN_IP_MAX_FAILURES and SIGN_IN_IP_WINDOW.',
          responses: {
            '200': { description: '{token, user}' },
            ...errors(400),
            '401': { description: `Wrong email or password; \`${API_ERROR_CODES.deactivated}\` when the account is deactivated`, ...json('Error') },
            '429': {
              description:
                `\`${API_ERROR_CODES.lockedOut}\`: too many failed sign-ins for this email, which is refused until \`Retry-After\` even with the right password; ` +
                `\`${API_ERROR_CODES.rateLimited}\`: too many failed sign-ins from this address, refused until \`Retry-After\``,
              headers: { 'Retry-After': { description: 'Seconds until a sign-in is taken again', schema: { type: 'integer', minimum: 1 } } },
              ...json('Error'),
            },
          },
        },
      },
      '/api/me': { get: { tags: ['auth'], responses: { '200': { description: 'The signed-in user' }, ...errors(401) } } },
      '/api/partnerships': {
        ...list('partnerships'),
        post: {
          tags: ['partnerships'],
          summary: 'Start a partnership (its workflow) in PRIORITY_SETTING',
          parameters: [idempotencyKey],
          requestBody: json('CreatePartnership'),
          responses: { '201': { description: 'The partnership' }, ...errors(400, 401, 403, 422), ...commandUnavailable },
        },
      },
      '/api/partnerships/{id}': {
        get: {
          tags: ['partnerships'],
          summary: 'The partnership with its detail; with `at`, as it was at that point of its event log (the replay of its page)',
          description:
            'The record is built from the decider\'s state by one mapping, now or as of `at`: an event sequence number (the record after that event) or an ISO-8601 instant (after every event up to it). `version` is the number of events the record includes. A point before the first event, past the newest event or still to come is a 400 naming `at`. `roles` and `kpis` are those in force, `agreedVersion` the agreement version in force, and `draft` the KPI and role changes awaiting a new signed version (null when none).',
          parameters: [pathId, ...asOf],
          responses: { '200': { description: 'The record' }, ...errors(400, 401, 404) },
        },
      },
      '/api/partnerships/{id}/commands': {
        post: {
          tags: ['partnerships'],
          summary: 'Send a command to the partnership workflow (a Temporal Update validated by the decider)',
          description:
            'The coordinator (or an admin) sends any command. A partner representative sends `ScoreAlignment` for its own organization and `RaiseConflict`; a sponsor sends `RaiseConflict` only; anything else answers 403.',
          parameters: [pathId, idempotencyKey],
          requestBody: json('PartnershipCommand'),
          responses: { '200': { description: '{version, events}' }, ...errors(400, 401, 403, 404, 409, 422), ...commandUnavailable },
        },
      },
      '/api/partnerships/{id}/state': {
        get: {
          tags: ['audit'],
          summary: "The partnership's state folded from its event log, as of `at` (default: now); before the first event, `{status: \"absent\"}`",
          parameters: [pathId, ...asOf],
          description:
            '`roles` and `kpis` are those in force (the adopted agreement’s, the ones measured), `agreedVersion` the version in force, and `draft` the KPI and role changes made in MEASUREMENT since (`sinceVersion`), which take effect only when the partners adopt a new agreement version that carries them (null when none is drafted).',
          responses: { '200': { description: 'The state' }, ...errors(400, 401, 404) },
        },
      },
      '/api/partnerships/{id}/diff': {
        get: {
          tags: ['audit'],
          summary: 'What changed between two points of the event log: each field added, removed or changed, with before, after and the events that did it',
          parameters: [pathId, ...queryParameters(diffQuerySchema)],
          responses: {
            '200': {
              description:
                '{fromSequence, toSequence, changes: [{path, segments, kind: added|removed|changed, before, after, causedBy: [{sequence, type, at, actor, actorName}]}]}; array items are keyed by identity in `path` (goals by rank, KPIs, stakeholders, tasks and listening sessions by id)',
            },
            ...errors(400, 401, 404),
          },
        },
      },
      '/api/partnerships/{id}/verify': {
        get: {
          tags: ['audit'],
          parameters: [pathId],
          summary: 'Prove the record whole: the hash chain, the newest signed checkpoint, the log against the workflow’s Temporal history run by run, and each run replayed against the deployed workflow code (recorded in the access log)',
          description:
            '`{valid, complete, checks, events, headHash, firstBrokenSequence, checkpoint, truncated, missingSequences, missingCount, unsignedSequences, temporal}`. ' +
            '`firstBrokenSequence` names the first event that is not as written (edited, deleted, swapped or inserted). `checkpoint` is the newest signed head, `{sequence, hash, signedAt, keyId, signatureValid, presentInLog}`, or null before the first append; `truncated` is true when the log no longer holds the checkpoint\'s sequence with its hash (a cut tail), and `missingSequences` lists the sequences up to the checkpoint the log no longer holds (the lowest ' + MISSING_LISTED + '; `missingCount` counts them all); `unsignedSequences` lists events after it, which the worker did not write (it signs every head it appends). ' +
            '`temporal` is `{status: "checked", workflowId, runs, missing, withoutCause, different, unchecked}` or `{status: "unavailable", cause, reason}`, `cause` one of ' + Object.keys(TEMPORAL_UNAVAILABLE_REASONS).map((cause) => `\`${cause}\``).join(', ') + ' (`busy`: this server is already checking as many partnerships against Temporal as it does at once; Temporal\'s part of an unchanged log is remembered for a short while, so asking again soon costs nothing). Each run (oldest first, across continue-as-new) is `{runId, history: retained|not-retained|unknown, recorded, logged, missing, withoutCause, different, determinism}`: `missing` are sequences the run stored (its `recordEvents` activity completed) that the log lacks; `withoutCause` are log rows no run recorded; `different` are `{sequence, fields}` where the row\'s `type`, `at`, `actor`, `data` or `workflowRunId` differ from the run\'s recording; `unchecked` are log sequences of runs whose history Temporal no longer keeps. `determinism` is `{status: "reproduced"}`, `{status: "not-reproduced", error}`, `{status: "pending", requestedAt}` or `{status: "unavailable", reason}`: histories are replayed against the deployed workflow code in the background, never in the request, and each verdict is stored for the run, the deployed code and the history length it was reached on, so a closed run is replayed once per deployment (by any API process) and the current run again only once it has grown; until a run\'s verdict is stored it is `pending`, with the time the replay was asked for, and asking again later answers the verdict. ' +
            '`checks` is `{chain, checkpoint, crossCheck, determinism}`, each `passed`, `failed`, `partial`, `pending` (determinism only: no run failed, some still replaying) or `unavailable`; `valid` is true when none of chain, checkpoint and cross-check failed (determinism is a property of the code deployed now, not of the record: it counts only towards `complete`), `complete` when all four passed. Temporal down or slow is never an error: the chain and checkpoint still answer. Any role that may see the partnership.',
          responses: { '200': { description: 'The verification' }, ...errors(401, 404) },
        },
      },
      '/api/partnerships/{id}/export': {
        get: {
          tags: ['audit'],
          summary: "The partnership's history as a file to keep: a self-verifying HTML dossier, the JSON export, or the events as CSV",
          description:
            'Same visibility as reading the partnership. Answers a download (`Content-Disposition: attachment`) named after the partnership and the head sequence. `dossier`: one HTML file that needs no network (a Content-Security-Policy allows only its own script and style): the summary, every agreement version with its signatures, the measures, every event with its actor, payload and hashes, the head, the newest signed checkpoint and the public key, and an inline verifier that recomputes the chain and checks the signature in the browser (it shows the key id to compare with the deployment\'s; the summary, agreements and measures are derived at export and not signed). `json`: an AuditExport. `csv`: one row per event (RFC 4180; a cell that starts with ' +
            FORMULA_STARTS_TEXT +
            ' is prefixed with an apostrophe). `node scripts/verify-dossier.mjs <file> --public-key <key>` checks a dossier or a JSON export against the key of `GET /api/audit/public-key`. At most ' +
            MAX_CONCURRENT_EXPORTS +
            ' exports run at once in one API process; a further one answers 503 `' +
            API_ERROR_CODES.busy +
            '` with Retry-After. Each export, and each refused attempt (with its status and code), is recorded in the access log.',
          parameters: [pathId, ...queryParameters(exportQuerySchema)],
          responses: {
            '200': {
              description: 'The file',
              content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: ref('AuditExport') }, 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors(400, 401, 404),
            ...unavailable(`\`${API_ERROR_CODES.busy}\`: ${MAX_CONCURRENT_EXPORTS} exports are already running; or \`${API_ERROR_CODES.databaseUnavailable}\`: PostgreSQL cannot be reached`),
          },
        },
      },
      '/api/access-log': {
        get: {
          tags: ['audit'],
          summary: `Who exported or verified which partnership's record, and every sign-in, when, from where (react-admin simple REST; answers Content-Range). ${adminOnly}`,
          description:
            `Rows \`{id, at, action, actorId, actorName, actorRole, partnershipId, partnershipName, format, email, ip, detail}\`, newest first unless sorted otherwise (at, action, actorName, partnershipName, ip); \`action\` is one of ${ACCESS_ACTIONS.map((action) => `\`${action}\``).join(', ')}. ` +
            'A sign-in row carries the email tried (`email`, and in `detail`), the account as actor when one has that email, and for `sign-in-failed` the `reason` in `detail` (`credentials` or `deactivated`); never a password or a token. ' +
            '`filter` is an AccessLogFilter (action, actorId, partnershipId, email, since, until: both instants included). Kept apart from the partnerships\' event logs.',
          parameters: listParams,
          responses: { '200': { description: 'A page of the access log' }, ...errors(400, 401, 403) },
        },
      },
      '/api/audit/public-key': {
        get: {
          tags: ['audit'],
          summary: 'The public half of the deployment\'s Ed25519 audit key, which signs every partnership\'s head, and of the keys it signed with before a rotation',
          description:
            '`{algorithm: "Ed25519", keyId, pem, jwk, previousKeys: [{algorithm, keyId, pem, jwk}]}`; `keyId` is the first 16 hex digits of the SHA-256 of the SPKI DER, and each checkpoint names the key that signed it. `previousKeys` are the keys the deployment signed with before a key rotation (AUDIT_PREVIOUS_PUBLIC_KEYS): checkpoints they signed still verify, and `node scripts/verify-dossier.mjs <file> --public-key <this JSON>` trusts every key listed. Any signed-in role.',
          responses: { '200': { description: 'The public key' }, ...errors(401) },
        },
      },
      '/api/audit/verification': {
        get: {
          tags: ['audit'],
          summary: 'Verify every partnership the caller may see, a page at a time: each log\'s hash chain and newest signed checkpoint, a verdict each and the counts',
          description:
            `Checks the PostgreSQL event log alone (\`checks\`: ${LOG_CHECKS.join(', ')}), the chain and checkpoint checks of \`/api/partnerships/{id}/verify\`, not a cross-check against Temporal's own history; one query per partnership, a few at a time. ` +
            'Partnerships come in id order; pass the answer\'s `next` as `after` until it is null. The answer: `{checks, checkedAt, total, summary, problems, partnerships, next}` — `total` counts every partnership the caller may see (a partner: its organization\'s), ' +
            `\`summary\` is this page's \`{checked, ${LOG_VERDICTS.join(', ')}, withoutCheckpoint}\` (each partnership counts under one verdict, its most serious finding, so they add up to \`checked\`), ` +
            '`partnerships` a row per partnership (`partnershipId, name, stage, verdict` and the fields of `/verify`: `valid, events, headHash, firstBrokenSequence, checkpoint, truncated, missingSequences, missingCount, unsignedSequences`), and `problems` the rows that did not verify, most serious first. ' +
            'Verdicts: `broken` an event not as written (edited, deleted, swapped or inserted; `firstBrokenSequence` names it), `truncated` the log no longer reaches its newest signed checkpoint (`missingSequences`), `forged` that checkpoint\'s signature does not hold, `unsigned` events after it the worker did not write (`unsignedSequences`), else `valid`. `withoutCheckpoint` counts logs no checkpoint vouches for yet. Any signed-in role. One page is verified at a time in the whole server: a request that waits for the page before it longer than a few seconds is answered 503 `' + API_ERROR_CODES.busy + '` with Retry-After.',
          parameters: queryParameters(verificationQuerySchema),
          responses: { '200': { description: 'One page of verifications with its summary' }, ...errors(400, 401), ...unavailable(`\`${API_ERROR_CODES.busy}\`: another page is being verified; retry after Retry-After, or \`${API_ERROR_CODES.databaseUnavailable}\`: PostgreSQL cannot be reached`) },
        },
      },
      '/api/partnerships/{id}/measures': {
        get: {
          tags: ['partnerships'],
          parameters: [pathId, ...asOf],
          summary: 'KPI progress and share on track, on-time rate, health gap, partner NPS, goal attainment T-score, check-ins held against planned',
          description:
            'With `at`, as they read at that point of the log (its state, measured at its moment). Besides the current values: `trajectories` (per KPI, points with the planned value on the line from baseline at definition to target on its goal’s due date, and the actual), `health` (per cycle, each organization’s latest health check and the gap between partners) and `cycles` (per review cycle: partner NPS, goal-attainment T-score, share of KPIs on track, on-time rate, share of its check-ins held). `communication` (null without any check-in planned) counts, of the latest six check-ins settled, those held (recorded, even late) against those planned (held, or missed: not recorded by their task’s due date), with `rate` and `lastHeldOn`.',
          responses: { '200': { description: 'The measures' }, ...errors(400, 401, 404) },
        },
      },
      '/api/partnerships/{id}/deadlines': { get: { tags: ['partnerships'], parameters: [pathId], summary: 'The deadline ledger: every pending timer, what it is for, whom it chases and when it fires', responses: { '200': { description: 'Pending timers, earliest first' }, ...errors(401, 404) } } },
      '/api/partnerships/{id}/agreements': {
        get: {
          tags: ['partnerships'],
          parameters: [pathId, ...asOf],
          summary: 'Every version of the partnering agreement: its content, who signed or refused it for which organization and when, and its status (with `at`: as of that point of the log)',
          description:
            'A version issued to carry KPI and role changes drafted in MEASUREMENT has `changes`: against the version then in force (`sinceVersion`), the KPIs added, changed (before and after) and removed and the roles added and removed; `null` on other versions. The status `adopted` marks the version in force; the changes drafted since and not yet issued are the state’s `draft` (`/state`, or the record).',
          responses: { '200': { description: 'Versions, oldest first' }, ...errors(400, 401, 404) },
        },
      },
      '/api/partnerships/{id}/missions': {
        get: {
          tags: ['partnerships'],
          parameters: [pathId, ...asOf],
          summary: 'Each member organization’s mission beside the goals it scores (the alignment matrix), and whether it changed after the organization scored',
          description:
            'One row per member organization, in the partnership’s order: `{organizationId, mission, scoredAt, scoredUnder, changedSinceScored}`. `mission` is the version in force (null while none is recorded), `scoredAt` when the organization last scored the goals (null while its scores are not in the matrix), `scoredUnder` the mission version in force then, and `changedSinceScored` true when a version was recorded after it scored. With `at`: the missions recorded by that point of the log and the matrix as it stood. Same visibility as reading the partnership.',
          responses: { '200': { description: 'The members’ missions' }, ...errors(400, 401, 404) },
        },
      },
      '/api/partnerships/{id}/event-facets': {
        get: {
          tags: ['audit'],
          parameters: [pathId],
          summary: 'What the timeline can be filtered by: the people who acted in the log and the event types it holds, with their counts',
          description: '`{actors: [{actorId, actorName, events}], types: [{type, events}]}`, over the whole log; the timers act as `system`.',
          responses: { '200': { description: 'The facets' }, ...errors(401, 404) },
        },
      },
      '/api/deadlines': {
        get: {
          tags: ['partnerships'],
          summary: 'The deadline ledger across every partnership the caller may see (a partner: those of its organization)',
          description:
            'react-admin simple REST; `filter` is a DeadlineFilter (partnershipId, purpose, kind, assigneeUserId, assigneeOrganizationId, recipientUserId); sort by firesAt (default), dueAt, partnershipName, purpose or taskTitle. Purposes: `reminder` and `escalation` of a task (an escalation reaches the agreed escalation path’s next person, or the ladder where none was agreed), `review`, `pulse`, an integrated sign-off falling to a vote when its tasks fall due without agreement (`vote`), a scheduled termination’s `notice` reminders and its effect (`termination`), the agreement term’s `expiry_reminder` and `expiry`, the next check-in of the communication plan (`check_in`, which opens the coordinator’s RECORD_CHECK_IN task), and each KPI’s next report between reviews (`kpi_report`, one row per KPI whose cadence is shorter than the review cycle, chasing its owner organization; it opens a REPORT_MEASUREMENT task with purpose kpi_report for the KPIs due).',
          parameters: listParams,
          responses: { '200': { description: 'A page of pending timers' }, ...errors(400, 401) },
        },
      },
      '/api/tasks': {
        get: {
          ...list('tasks').get,
          summary: 'List tasks with the context each open one needs (`filter={"mine":true}` is the caller’s inbox; answers Content-Range)',
          responses: { '200': { description: 'A page of tasks', content: { 'application/json': { schema: { type: 'array', items: ref('Task') } } } }, ...errors(400, 401) },
        },
      },
      '/api/tasks/{id}': { get: { ...one('tasks').get, responses: { '200': { description: 'The task with its context', ...json('Task') }, ...errors(401, 404) } } },
      '/api/tasks/{id}/complete': {
        post: {
          tags: ['tasks'],
          summary: 'Complete a task assigned to you: approve or reject a decision, or send the data its kind takes',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, idempotencyKey],
          requestBody: json('CompleteTask'),
          responses: { '200': { description: '{version, events}' }, ...errors(400, 401, 403, 404, 409, 422), ...commandUnavailable },
        },
      },
      '/api/organizations': {
        ...list('organizations'),
        post: {
          tags: ['organizations'],
          summary: `Create an organization. ${adminOnly}`,
          requestBody: json('CreateOrganization'),
          responses: { '201': { description: 'The organization' }, ...errors(400, 401, 403), ...conflictOn(API_ERROR_CODES.organizationNameTaken, 'the name is taken (ignoring case)') },
        },
      },
      '/api/organizations/{id}': {
        ...one('organizations'),
        put: {
          tags: ['organizations'],
          summary: `Change the fields sent; \`{"active": false}\` deactivates (kept on past records, offered to no new partnership), \`true\` reactivates. ${adminOnly}`,
          description:
            'A `country` sent (one of GET /api/countries, or null) is sent on, all at once, to every partnership not closed that the organization is a member of, as its holidays for this year and the next nine (a `HolidayCalendarsSet` event, recorded only where the calendar changes): deadlines computed from then on skip them. The answer then carries `calendars: {refreshed, failed}` (partnership ids; a failed one keeps its calendar until the country is sent again).',
          parameters: [pathId],
          requestBody: json('UpdateOrganization'),
          responses: { '200': { description: 'The organization' }, ...errors(400, 401, 403, 404), ...conflictOn(API_ERROR_CODES.organizationNameTaken, 'the name is taken (ignoring case)') },
        },
      },
      '/api/countries': {
        get: {
          tags: ['organizations'],
          summary: 'The countries an organization may have (ISO 3166-1 alpha-2 `id`, English `name`): those whose public holidays the holiday library computes. Any signed-in role.',
          responses: { '200': { description: 'Countries, by name' }, ...errors(401) },
        },
      },
      '/api/organizations/{id}/missions': {
        get: {
          tags: ['organizations'],
          summary: 'Every version of the organization’s mission, newest first: `{organizationId, version, text, recordedAt, recordedBy, recordedByName}` (empty while none is recorded). Any signed-in role.',
          parameters: [pathId],
          responses: { '200': { description: 'The versions, newest first' }, ...errors(401, 404) },
        },
        post: {
          tags: ['organizations'],
          summary: `Record a new version of the mission (trimmed, 1 to ${MISSION_MAX_LENGTH} characters); earlier versions are kept, never rewritten. ${adminOnly}`,
          parameters: [pathId],
          requestBody: json('RecordMission'),
          responses: { '201': { description: 'The new version' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/api/users': {
        ...list('users'),
        post: {
          tags: ['users'],
          summary: `Create a user with a password (a partner needs an organization; an admin or auditor has none). ${adminOnly}`,
          requestBody: json('CreateUser'),
          responses: {
            '201': { description: 'The user (never a password hash)' },
            ...errors(400, 401, 403),
            ...conflictOn(API_ERROR_CODES.emailTaken, 'the email is taken (ignoring case)'),
            '422': { description: `\`${API_ERROR_CODES.unknownOrganization}\`: the organization is unknown or deactivated`, ...json('Error') },
          },
        },
      },
      '/api/users/{id}': {
        ...one('users'),
        put: {
          tags: ['users'],
          summary: `Change name, role or organization; \`{"active": false}\` deactivates (no sign-in, earlier tokens refused, name kept on past events), \`true\` reactivates. ${adminOnly}`,
          parameters: [pathId],
          requestBody: json('UpdateUser'),
          responses: {
            '200': { description: 'The user' },
            ...errors(400, 401, 403, 404),
            '422': {
              description: `\`${API_ERROR_CODES.unknownOrganization}\`: the organization is unknown or deactivated; \`${API_ERROR_CODES.ownAccount}\`: an admin cannot deactivate or demote their own account`,
              ...json('Error'),
            },
          },
        },
      },
      '/api/users/{id}/password': {
        put: {
          tags: ['users'],
          summary: `Set or reset the user's password (stored as an argon2id hash). ${adminOnly}`,
          parameters: [pathId],
          requestBody: json('SetPassword'),
          responses: { '204': { description: 'The password is set' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/api/events': withSummary(
        list('events'),
        'List events across the partnerships the caller may see, newest first. `filter` keys: `partnershipId`, `actorId`, `type` (one or a list), `occurredFrom` and `occurredTo` (ISO-8601 instants, inclusive)',
      ),
      '/api/events/{id}': one('events'),
      '/api/notifications': list('notifications'),
      '/api/notifications/{id}': one('notifications'),
      '/api/notifications/read': {
        post: {
          tags: ['notifications'],
          summary: 'Mark your own notifications read: the listed ids, or all (`filter={"unread":true}` on the list counts the rest)',
          requestBody: json('MarkNotificationsRead'),
          responses: { '200': { description: '{marked}: how many became read' }, ...errors(400, 401) },
        },
      },
      '/api/notification-preferences': {
        get: {
          tags: ['notifications'],
          summary: 'Your own notification preference: `{inApp, email, cadence, updatedAt}`. Until you set one: in the console only, at once (`updatedAt` null). Any role',
          responses: { '200': { description: 'The preference' }, ...errors(401) },
        },
        put: {
          tags: ['notifications'],
          summary:
            'Choose where your notifications go: `inApp` (the console\'s Notifications list), `email` (to your sign-in address), or both; and `cadence`: `immediate` (one email per notification) or `daily` (one digest email a day, at NOTIFICATION_DIGEST_HOUR UTC). Applies to notifications from now on. Any role',
          requestBody: json('NotificationPreference'),
          responses: { '200': { description: 'The preference as stored' }, ...errors(400, 401) },
        },
      },
      '/api/webhooks': {
        ...withSummary(list('webhooks'), `Organizations' webhook subscriptions: \`{id, organizationId, organizationName, url, description, eventTypes, active, pending, failed, createdAt, updatedAt}\`; \`filter\` keys \`organizationId\`, \`active\`. ${adminOnly}`),
        post: {
          tags: ['webhooks'],
          summary: `Register a webhook for an organization. ${adminOnly}`,
          description:
            `Every event type subscribed (${WEBHOOK_EVENT_TYPES.map((type) => `\`${type}\``).join(', ')}; default all) is POSTed as a Standard Webhooks message (https://www.standardwebhooks.com): JSON \`{type, timestamp, data}\` with headers \`webhook-id\` (the same on every retry and redelivery), \`webhook-timestamp\` and \`webhook-signature\` (\`v1,\` and the base64 HMAC-SHA256 of \`id.timestamp.body\` under the secret). ` +
            '`notification.created` reaches the webhooks of the recipient\'s organization, `partnership.stage_changed` those of every organization in the partnership. ' +
            `A 2xx answer delivers; anything else, or no answer within 10 s, is retried after ${retryDelays().map((ms) => (ms < 60_000 ? `${ms / 1000} s` : ms < 3_600_000 ? `${ms / 60_000} min` : `${ms / 3_600_000} h`)).join(', ')} (${WEBHOOK_RETRY.maximumAttempts} attempts), then the delivery is failed until redelivered. ` +
            'The answer carries the signing secret (`whsec_…`) the receiver verifies with. In production (NODE_ENV=production) only https URLs are accepted.',
          requestBody: json('CreateWebhook'),
          responses: {
            '201': { description: 'The webhook, with its secret' },
            ...errors(400, 401, 403),
            '422': { description: `\`${API_ERROR_CODES.unknownOrganization}\`: the organization is unknown or deactivated; \`${API_ERROR_CODES.rejected}\`: not https in production`, ...json('Error') },
          },
        },
      },
      '/api/webhooks/{id}': {
        get: { tags: ['webhooks'], summary: `One webhook with its signing secret. ${adminOnly}`, parameters: [pathId], responses: { '200': { description: 'The webhook' }, ...errors(401, 403, 404) } },
        put: {
          tags: ['webhooks'],
          summary: `Change the fields sent: \`url\`, \`description\`, \`eventTypes\`; \`{"active": false}\` stops new messages (those already queued are still sent). ${adminOnly}`,
          parameters: [pathId],
          requestBody: json('UpdateWebhook'),
          responses: { '200': { description: 'The webhook' }, ...errors(400, 401, 403, 404), '422': { description: `\`${API_ERROR_CODES.rejected}\`: not https in production`, ...json('Error') } },
        },
      },
      '/api/webhooks/{id}/rotate-secret': {
        post: { tags: ['webhooks'], summary: `A new signing secret; the old one signs nothing more. ${adminOnly}`, parameters: [pathId], responses: { '200': { description: 'The webhook, with its new secret' }, ...errors(401, 403, 404) } },
      },
      '/api/webhook-deliveries': {
        get: {
          tags: ['webhooks'],
          summary: `The delivery log: one row per message and webhook, \`{id, webhookId, organizationId, url, eventType, partnershipId, partnershipName, eventSequence, recipientUserId, status, round, attempts, lastStatusCode, lastError, payload, createdAt, deliveredAt}\`, newest first. ${adminOnly}`,
          description: '`status`: `pending` (queued or being retried), `delivered`, `failed` (every attempt of its round failed). `filter` is a WebhookDeliveryFilter (webhookId, organizationId, status, eventType).',
          parameters: listParams,
          responses: { '200': { description: 'A page of the delivery log' }, ...errors(400, 401, 403) },
        },
      },
      '/api/webhook-deliveries/{id}': {
        get: {
          tags: ['webhooks'],
          summary: `One delivery, its \`messageId\` (the webhook-id header) and \`attemptLog\`: every attempt \`{round, attempt, attemptedAt, durationMs, statusCode, error, responseExcerpt}\`, oldest first. ${adminOnly}`,
          parameters: [pathId],
          responses: { '200': { description: 'The delivery and its attempts' }, ...errors(401, 403, 404) },
        },
      },
      '/api/webhook-deliveries/{id}/redeliver': {
        post: {
          tags: ['webhooks'],
          summary: `Send the message again, whatever became of it: a new round of attempts with the same webhook-id, sent by the worker within seconds. ${adminOnly}`,
          parameters: [pathId],
          responses: { '202': { description: 'The delivery, pending again' }, ...errors(401, 403, 404) },
        },
      },
      '/api/sent-email': {
        get: {
          tags: ['notifications'],
          summary: `The email outbox: every email sent, to be sent, or held for a daily digest, \`{id, userId, userName, to, kind, partnershipId, partnershipName, subject, body, status, digestId, attempts, lastError, createdAt, sentAt}\`, newest first. ${adminOnly}`,
          description: '`status`: `pending`, `sent`, `failed` (every attempt failed, `lastError` says why), `held` (waiting for the daily digest), `digested` (went out in digest `digestId`). `filter` is a SentEmailFilter (status, kind, userId, q: subject or address).',
          parameters: listParams,
          responses: { '200': { description: 'A page of the outbox' }, ...errors(400, 401, 403) },
        },
      },
      '/api/sent-email/{id}': {
        get: { tags: ['notifications'], summary: `One email of the outbox. ${adminOnly}`, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The email' }, ...errors(401, 403, 404) } },
      },
    }),
  };
}
