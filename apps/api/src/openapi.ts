/**
 * The OpenAPI document, built from the same zod schemas that validate requests, so the document
 * cannot drift from what the API accepts.
 */
import { z } from 'zod';
import { clientCommandSchema, completeTaskSchema, createPartnershipSchema, loginSchema } from '@pe/domain';

const schema = (zodSchema: z.ZodType) => z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: ERROR_TEXT[status] ?? 'Error', ...json('Error') }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request: `errors` names each bad field',
  401: 'Not signed in',
  403: 'The role or organization may not do this',
  404: 'Not found',
  409: 'The command no longer fits the partnership (its code says why)',
  422: 'A rule of the method is broken (its code says which)',
};
const listParams = [
  { name: 'sort', in: 'query', schema: { type: 'string' }, example: '["updatedAt","DESC"]' },
  { name: 'range', in: 'query', schema: { type: 'string' }, example: '[0,24]' },
  { name: 'filter', in: 'query', schema: { type: 'string' }, example: '{}' },
];
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 100 } };
const list = (resource: string) => ({
  get: {
    tags: [resource],
    summary: `List ${resource} (react-admin simple REST; answers Content-Range)`,
    parameters: listParams,
    responses: { '200': { description: `A page of ${resource}` }, ...errors(400, 401) },
  },
});
const one = (resource: string) => ({
  get: { tags: [resource], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The record' }, ...errors(401, 404) } },
});

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Partnership Engine API',
      version: '0.1.0',
      description: 'Runs strategic partnerships as long-running workflows. Sign in at POST /api/auth/login and send the token as a Bearer header.',
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
        CompleteTask: schema(completeTaskSchema),
      },
    },
    paths: {
      '/api/health': { get: { tags: ['health'], security: [], summary: 'PostgreSQL and Temporal reachability', responses: { '200': { description: 'Both up' }, '503': { description: 'One is down' } } } },
      '/api/auth/login': { post: { tags: ['auth'], security: [], requestBody: json('Login'), responses: { '200': { description: '{token, user}' }, ...errors(400, 401) } } },
      '/api/me': { get: { tags: ['auth'], responses: { '200': { description: 'The signed-in user' }, ...errors(401) } } },
      '/api/partnerships': {
        ...list('partnerships'),
        post: {
          tags: ['partnerships'],
          summary: 'Start a partnership (its workflow) in PRIORITY_SETTING',
          parameters: [idempotencyKey],
          requestBody: json('CreatePartnership'),
          responses: { '201': { description: 'The partnership' }, ...errors(400, 401, 403, 422) },
        },
      },
      '/api/partnerships/{id}': one('partnerships'),
      '/api/partnerships/{id}/commands': {
        post: {
          tags: ['partnerships'],
          summary: 'Send a command to the partnership workflow (a Temporal Update validated by the decider)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, idempotencyKey],
          requestBody: json('PartnershipCommand'),
          responses: { '200': { description: '{version, events}' }, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      '/api/partnerships/{id}/state': {
        get: {
          tags: ['audit'],
          summary: "The partnership's state folded from its event log, as of `at` (default: now)",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { name: 'at', in: 'query', schema: { type: 'string', format: 'date-time' } }],
          responses: { '200': { description: 'The state' }, ...errors(400, 401, 404) },
        },
      },
      '/api/partnerships/{id}/verify': { get: { tags: ['audit'], summary: 'Recompute the hash chain of the event log', responses: { '200': { description: '{valid, events, headHash, firstBrokenSequence}' }, ...errors(401, 404) } } },
      '/api/partnerships/{id}/measures': { get: { tags: ['partnerships'], summary: 'KPI progress and share on track, on-time rate, health gap, partner NPS, goal attainment T-score', responses: { '200': { description: 'The measures' }, ...errors(401, 404) } } },
      '/api/partnerships/{id}/deadlines': { get: { tags: ['partnerships'], summary: 'The deadline ledger: every pending timer, what it is for and when it fires', responses: { '200': { description: 'Pending timers, earliest first' }, ...errors(401, 404) } } },
      '/api/partnerships/{id}/agreements': {
        get: {
          tags: ['partnerships'],
          summary: 'Every version of the partnering agreement: its content, who signed or refused it for which organization and when, and its status',
          responses: { '200': { description: 'Versions, oldest first' }, ...errors(401, 404) },
        },
      },
      '/api/tasks': list('tasks'),
      '/api/tasks/{id}': one('tasks'),
      '/api/tasks/{id}/complete': {
        post: {
          tags: ['tasks'],
          summary: 'Complete a task assigned to you (approve, or reject with a reason)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, idempotencyKey],
          requestBody: json('CompleteTask'),
          responses: { '200': { description: '{version, events}' }, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      '/api/organizations': list('organizations'),
      '/api/organizations/{id}': one('organizations'),
      '/api/users': list('users'),
      '/api/users/{id}': one('users'),
      '/api/events': list('events'),
      '/api/events/{id}': one('events'),
      '/api/notifications': list('notifications'),
      '/api/notifications/{id}': one('notifications'),
    },
  };
}
