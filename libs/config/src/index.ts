/**
 * Configuration from environment variables, validated once at start-up. A bad value stops the
 * process with a message naming the variable. `.env.example` lists every variable declared here.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { redactSecrets } from './redact.js';

export { redactSecrets } from './redact.js';

const port = z.coerce.number().int().min(1).max(65535);
/** A port, or 0 for "do not listen". */
const portOrOff = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The task queue partnership workflows run on unless TEMPORAL_TASK_QUEUE names another. */
export const DEFAULT_TASK_QUEUE = 'partnerships';

const DURATION_UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;
/** A span such as 30s, 15m or 1h, read as milliseconds. */
const duration = z
  .string()
  .regex(/^[1-9]\d{0,5}[smh]$/, 'must be a whole number and a unit (s, m or h), such as 15m')
  .transform((text) => Number(text.slice(0, -1)) * DURATION_UNIT_MS[text.at(-1) as keyof typeof DURATION_UNIT_MS]);
const positiveCount = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000);

const SIGNING_KEY_FORMAT = 'must be an Ed25519 private key, as PEM or base64 PKCS#8 (DER)';

/** Reads the deployment's audit key once at start-up, so a bad key stops the process with its variable named. */
function ed25519PrivateKey(text: string, context: z.core.$RefinementCtx<string>): KeyObject {
  try {
    const key = text.includes('-----BEGIN')
      ? createPrivateKey(text.replace(/\\n/g, '\n'))
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // falls through to the same message: which parser failed says nothing useful to the deployer
  }
  context.addIssue({ code: 'custom', message: SIGNING_KEY_FORMAT });
  return z.NEVER;
}

const PUBLIC_KEYS_FORMAT = 'must list Ed25519 public keys, each as PEM or base64 SPKI (DER), comma-separated; never a private key';

/**
 * The public halves of audit keys the worker signed with before a rotation: their checkpoints still
 * verify. Public halves only — an old private key has no business on the API, so one is refused.
 */
function ed25519PublicKeys(text: string, context: z.core.$RefinementCtx<string>): KeyObject[] {
  const keys: KeyObject[] = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    try {
      const key = entry.includes('-----BEGIN')
        ? entry.includes('PRIVATE KEY')
          ? null
          : createPublicKey(entry.replace(/\\n/g, '\n'))
        : createPublicKey({ key: Buffer.from(entry, 'base64'), format: 'der', type: 'spki' });
      if (key?.asymmetricKeyType === 'ed25519') {
        keys.push(key);
        continue;
      }
    } catch {
      // falls through to the one message, as for AUDIT_SIGNING_KEY
    }
    context.addIssue({ code: 'custom', message: PUBLIC_KEYS_FORMAT });
    return z.NEVER;
  }
  return keys;
}

/** A list of JWT secrets, each as strong as JWT_SECRET must be. */
const jwtSecretList = z
  .string()
  .default('')
  .transform((text) => text.split(',').map((secret) => secret.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(16, 'must list secrets of at least 16 characters each, comma-separated')));

/** An http(s) origin exactly as a browser sends it in the Origin header. */
function isWebOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
  } catch {
    return false;
  }
}

/** An SMTP server as nodemailer reads it: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), with credentials in the URL if it wants them. */
const smtpUrl = z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, such as smtp://user:password@mail.example.org:587' });

/** A sender as an email's From header carries it: an address, or a name and an address in angle brackets. */
const mailbox = z
  .string()
  .trim()
  .regex(/^(?:[^<>@\r\n]+ <[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address, or a name and an address, such as Partnership Engine <notifications@example.org>');

/** Variables of the API process (checked together by apiConfigSchema). */
const apiConfigObject = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The API starts workflows on this queue and the worker polls it: both must name the same one. */
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** How long a command may wait on Temporal and the worker before the API answers 503. */
  COMMAND_TIMEOUT_MS: z.coerce.number().int().min(1000, 'must be at least 1000').max(300_000, 'must be at most 300000').default(10_000),
  /** Signs the tokens this process issues, and verifies them. */
  JWT_SECRET: z.string().min(16, 'must have at least 16 characters'),
  /** Secrets that still verify tokens but sign none: a rotation's window, so nobody is signed out by it. */
  JWT_PREVIOUS_SECRETS: jwtSecretList,
  /** Signs each partnership's head (audit checkpoints); the API publishes its public half. */
  AUDIT_SIGNING_KEY: z.string().min(1).transform(ed25519PrivateKey),
  /** Public halves of the audit keys used before a rotation: the API still verifies their checkpoints and publishes them. */
  AUDIT_PREVIOUS_PUBLIC_KEYS: z.string().default('').transform(ed25519PublicKeys),
  JWT_EXPIRES_IN: z.string().regex(/^\d+[smhd]$/, 'must be a number and a unit, such as 8h').default('8h'),
  CONSOLE_DIST: z.string().optional(),
  /** Seed the demo organizations and users (never in production). */
  SEED_DEMO_DATA: bool.default(true),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  /** `json` (one object a line) or `pretty` (one readable line); unset: pretty in development, JSON otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Serve Prometheus metrics at /metrics (unauthenticated: route templates and counts, no personal data). */
  METRICS_ENABLED: bool.default(true),
  /** Origins (scheme://host[:port], comma-separated) a console hosted elsewhere calls the API from; empty: same origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isWebOrigin, 'must list origins such as https://console.example.org (no path, no trailing slash), comma-separated'))),
  /** How many reverse proxies stand in front of the API: the client's address is then read from X-Forwarded-For. 0: the peer is the client. */
  TRUST_PROXY: z.coerce.number().int('must be a whole number of proxies').min(0).max(10).default(0),
  /** Failed sign-ins for one email, within SIGN_IN_FAILURE_WINDOW, that lock it (shared by every API process, in PostgreSQL). */
  SIGN_IN_MAX_FAILURES: positiveCount.default(5),
  SIGN_IN_FAILURE_WINDOW: duration.default(15 * DURATION_UNIT_MS.m),
  /** How long a locked email is refused, even with the right password. */
  SIGN_IN_LOCKOUT: duration.default(15 * DURATION_UNIT_MS.m),
  /** Failed sign-ins from one client address, within SIGN_IN_IP_WINDOW, after which it is refused for that long (counted per API process). */
  SIGN_IN_IP_MAX_FAILURES: positiveCount.default(30),
  SIGN_IN_IP_WINDOW: duration.default(15 * DURATION_UNIT_MS.m),
  /**
   * `standard`: argon2id at the library's cost (64 MiB, 3 passes), about half a second of CPU a
   * sign-in. `cheap-for-tests`: 4 MiB and 2 passes, for a test stack that signs in thousands of
   * times; refused outside NODE_ENV=test. A stored hash carries its own cost, so either verifies any.
   */
  PASSWORD_HASHING: z.enum(['standard', 'cheap-for-tests']).default('standard'),
});

/** A test-only cost must never protect real accounts. */
function hashingFitsEnvironment(config: { NODE_ENV: string; PASSWORD_HASHING: string }, context: z.core.$RefinementCtx) {
  if (config.PASSWORD_HASHING === 'cheap-for-tests' && config.NODE_ENV !== 'test') {
    context.addIssue({ code: 'custom', path: ['PASSWORD_HASHING'], message: `may be cheap-for-tests only when NODE_ENV=test (it is ${config.NODE_ENV})` });
  }
}

export const apiConfigSchema = apiConfigObject.superRefine(hashingFitsEnvironment);
export type ApiConfig = z.infer<typeof apiConfigSchema>;

const workflowTaskCount = z.coerce.number().int('must be a whole number').min(2, 'must be at least 2');

/**
 * How much a worker process holds and runs at once. Each workflow kept in the worker's cache holds
 * about 1.1 MB of the workflow thread's heap (measured: 550 MB live for 500 cached partnerships),
 * and the SDK would size the cache from the machine's memory (thousands of workflows on a large
 * host). A workflow evicted from the cache is replayed from its history on its next task: that costs
 * time, never correctness.
 */
const workerTuningShape = {
  /** Workflows kept in memory between their tasks. */
  WORKER_MAX_CACHED_WORKFLOWS: workflowTaskCount.max(100_000).default(250),
  /** Workflow tasks run at once; at most WORKER_MAX_CACHED_WORKFLOWS. */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: workflowTaskCount.max(1000).default(40),
  /**
   * The heap of the thread that runs workflows, in MB. Unbounded, V8 sizes it from the host's memory
   * and lets garbage pile up to gigabytes before it collects; bounded, it collects sooner.
   */
  WORKER_WORKFLOW_HEAP_MB: z.coerce.number().int('must be a whole number of MB').min(128, 'must be at least 128').max(65_536, 'must be at most 65536').default(512),
};

/** Heap the workflow thread needs besides its cached workflows. */
const WORKFLOW_HEAP_BASE_MB = 128;
/** Heap one cached workflow holds, rounded up. */
const WORKFLOW_HEAP_PER_CACHED_MB = 1.2;

type WorkerTuningValues = { WORKER_MAX_CACHED_WORKFLOWS: number; WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: number; WORKER_WORKFLOW_HEAP_MB: number };

/** A running workflow task holds its workflow in the cache, so the cache must hold them all; and the heap must hold the cache. */
function tuningFits(tuning: WorkerTuningValues, context: z.core.$RefinementCtx) {
  if (tuning.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS > tuning.WORKER_MAX_CACHED_WORKFLOWS) {
    context.addIssue({
      code: 'custom',
      path: ['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'],
      message: `must not exceed WORKER_MAX_CACHED_WORKFLOWS (${tuning.WORKER_MAX_CACHED_WORKFLOWS}): a running workflow task holds its workflow in the cache`,
    });
  }
  const needed = Math.ceil(WORKFLOW_HEAP_BASE_MB + tuning.WORKER_MAX_CACHED_WORKFLOWS * WORKFLOW_HEAP_PER_CACHED_MB);
  if (tuning.WORKER_WORKFLOW_HEAP_MB < needed) {
    context.addIssue({
      code: 'custom',
      path: ['WORKER_WORKFLOW_HEAP_MB'],
      message: `must be at least ${needed} for WORKER_MAX_CACHED_WORKFLOWS=${tuning.WORKER_MAX_CACHED_WORKFLOWS} (about ${WORKFLOW_HEAP_PER_CACHED_MB} MB per cached workflow and ${WORKFLOW_HEAP_BASE_MB} MB besides); raise it or cache fewer workflows`,
    });
  }
}

/** The worker's cache and concurrency alone (the bench's floor worker reads these too). */
export const workerTuningSchema = z.object(workerTuningShape).superRefine(tuningFits);
export type WorkerTuning = z.infer<typeof workerTuningSchema>;

/** Variables of the worker process. */
export const workerConfigSchema = apiConfigObject
  .pick({
    NODE_ENV: true,
    DATABASE_URL: true,
    TEMPORAL_ADDRESS: true,
    TEMPORAL_NAMESPACE: true,
    TEMPORAL_TASK_QUEUE: true,
    AUDIT_SIGNING_KEY: true,
    LOG_LEVEL: true,
    LOG_FORMAT: true,
  })
  .extend({
    /** Where notification emails go; unset: no email is sent (each queued one fails with that reason, visible to admins). */
    SMTP_URL: smtpUrl.optional(),
    /** The From of every notification email. */
    SMTP_FROM: mailbox.default('Partnership Engine <notifications@localhost>'),
    /** The hour (UTC, 0–23) the daily digest of notifications goes out. */
    NOTIFICATION_DIGEST_HOUR: z.coerce.number().int('must be a whole hour').min(0, 'must be 0 to 23').max(23, 'must be 0 to 23').default(7),
    /** Where the worker serves Prometheus metrics (/metrics): its SDK's and the product's. */
    WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    /** 0: no metrics endpoint. Two workers on one machine need a port each. */
    WORKER_METRICS_PORT: portOrOff.default(0),
    ...workerTuningShape,
  })
  .superRefine(tuningFits);
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** Variables of the local launcher (`npm start`, the test bootstrap). */
export const stackConfigSchema = z.object({
  /**
   * single: the Temporal dev server (SQLite), one worker and one API. cluster: the Temporal server on
   * the stack's PostgreSQL (built with Go into .tools/), two workers and two APIs behind a round-robin.
   */
  STACK_TOPOLOGY: z.enum(['single', 'cluster']).default('single'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  EMBEDDED_PG_PORT: port.default(54329),
  /** Run as root, the embedded PostgreSQL keeps its binaries and cluster here, where its own user can reach them. */
  EMBEDDED_PG_RUNTIME_DIR: z.string().startsWith('/', 'must be an absolute path').default('/var/lib/partnership-engine'),
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI_PATH: z.string().optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  JWT_SECRET: z.string().min(16, 'must have at least 16 characters').optional(),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  SEED_DEMO_DATA: bool.default(true),
  /** The worker's metrics port; unset: a free port, chosen at each start and printed; 0: none. */
  WORKER_METRICS_PORT: portOrOff.optional(),
  /** Set: the workers send email there. Unset: npm start runs a capturing SMTP server (nothing leaves the machine). */
  SMTP_URL: smtpUrl.optional(),
  /** The capturing SMTP server's port (npm start without SMTP_URL); tests take a free one. */
  SMTP_CAPTURE_PORT: port.default(2525),
});
export type StackConfig = z.infer<typeof stackConfigSchema>;

/** Every variable any process reads: docs and deployment files must name only these. */
export const ALL_CONFIG_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(apiConfigObject.shape),
  ...Object.keys(workerConfigSchema.shape),
  ...Object.keys(stackConfigSchema.shape),
]);

/**
 * Never echoed in a start-up error: logs outlive the secret's confidentiality. The previous public
 * keys are not secret, but a private key pasted there by mistake would be.
 */
const SECRETS: ReadonlySet<string> = new Set(['JWT_SECRET', 'JWT_PREVIOUS_SECRETS', 'AUDIT_SIGNING_KEY', 'AUDIT_PREVIOUS_PUBLIC_KEYS', 'SMTP_URL']);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const got = present[name];
    const shown = got === undefined ? ' (not set)' : SECRETS.has(name) ? '' : ` (got "${redactSecrets(got)}")`;
    return `  ${name}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
