import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TASK_QUEUE, apiConfigSchema, loadConfig, stackConfigSchema, workerConfigSchema, workerTuningSchema } from './index.js';

const base = { DATABASE_URL: 'postgres://pe@127.0.0.1:5432/pe', TEMPORAL_ADDRESS: '127.0.0.1:7233', JWT_SECRET: 'x'.repeat(32) };
const { privateKey } = generateKeyPairSync('ed25519');
const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

describe('AUDIT_SIGNING_KEY', () => {
  it.each([
    ['PEM', pem],
    ['PEM with escaped newlines, as one env line', pem.replace(/\n/g, '\\n')],
    ['base64 PKCS#8', der],
  ])('reads an Ed25519 key as %s', (_form, value) => {
    const key = loadConfig(apiConfigSchema, { ...base, AUDIT_SIGNING_KEY: value }).AUDIT_SIGNING_KEY;
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(key.export({ format: 'der', type: 'pkcs8' }).toString('base64')).toBe(der);
  });

  it('is required by the API and the worker, which stop naming it', () => {
    expect(() => loadConfig(apiConfigSchema, base)).toThrow(/AUDIT_SIGNING_KEY: .*\(not set\)/);
    expect(() => loadConfig(workerConfigSchema, { DATABASE_URL: base.DATABASE_URL, TEMPORAL_ADDRESS: base.TEMPORAL_ADDRESS })).toThrow(/AUDIT_SIGNING_KEY/);
  });

  it('refuses another kind of key without echoing the secret', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    for (const value of [rsa, 'not-a-key']) {
      const error = (() => {
        try {
          loadConfig(apiConfigSchema, { ...base, AUDIT_SIGNING_KEY: value });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('AUDIT_SIGNING_KEY: must be an Ed25519 private key');
      expect((error as ConfigError).message).not.toContain(value.slice(0, 40));
    }
  });
});

describe('CORS_ORIGINS', () => {
  const withKey = { ...base, AUDIT_SIGNING_KEY: der };

  it('is same origin only unless origins are listed', () => {
    expect(loadConfig(apiConfigSchema, withKey).CORS_ORIGINS).toEqual([]);
    expect(loadConfig(apiConfigSchema, { ...withKey, CORS_ORIGINS: 'https://console.example.org, http://localhost:5173' }).CORS_ORIGINS).toEqual([
      'https://console.example.org',
      'http://localhost:5173',
    ]);
  });

  it.each(['console.example.org', 'https://console.example.org/', 'https://console.example.org/app', 'ftp://files.example.org', '*'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig(apiConfigSchema, { ...withKey, CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS: /);
  });
});

describe('COMMAND_TIMEOUT_MS and TEMPORAL_TASK_QUEUE', () => {
  const withKey = { ...base, AUDIT_SIGNING_KEY: der };

  it('default to a 10 s bound on the shared task queue, for the API and the worker alike', () => {
    const api = loadConfig(apiConfigSchema, withKey);
    expect(api.COMMAND_TIMEOUT_MS).toBe(10_000);
    expect(api.TEMPORAL_TASK_QUEUE).toBe(DEFAULT_TASK_QUEUE);
    expect(loadConfig(workerConfigSchema, withKey).TEMPORAL_TASK_QUEUE).toBe(DEFAULT_TASK_QUEUE);
  });

  it('take another bound and queue, and stop on a bound that is not a whole number of milliseconds in range', () => {
    expect(loadConfig(apiConfigSchema, { ...withKey, COMMAND_TIMEOUT_MS: '2000', TEMPORAL_TASK_QUEUE: 'private' })).toMatchObject({ COMMAND_TIMEOUT_MS: 2000, TEMPORAL_TASK_QUEUE: 'private' });
    for (const bad of ['10s', '0', '999', '1.5e3.1', '300001']) {
      expect(() => loadConfig(apiConfigSchema, { ...withKey, COMMAND_TIMEOUT_MS: bad }), bad).toThrow(/COMMAND_TIMEOUT_MS: .*\(got "/);
    }
  });
});

describe('sign-in throttling', () => {
  const withKey = { ...base, AUDIT_SIGNING_KEY: der };

  it('locks an email after 5 failures within 15 minutes for 15 minutes, and an address after 30, unless told otherwise', () => {
    const config = loadConfig(apiConfigSchema, withKey);
    expect([config.SIGN_IN_MAX_FAILURES, config.SIGN_IN_FAILURE_WINDOW, config.SIGN_IN_LOCKOUT]).toEqual([5, 15 * 60_000, 15 * 60_000]);
    expect([config.SIGN_IN_IP_MAX_FAILURES, config.SIGN_IN_IP_WINDOW, config.TRUST_PROXY]).toEqual([30, 15 * 60_000, 0]);
    const tuned = loadConfig(apiConfigSchema, { ...withKey, SIGN_IN_MAX_FAILURES: '3', SIGN_IN_FAILURE_WINDOW: '90s', SIGN_IN_LOCKOUT: '1h', SIGN_IN_IP_WINDOW: '2m', TRUST_PROXY: '1' });
    expect([tuned.SIGN_IN_MAX_FAILURES, tuned.SIGN_IN_FAILURE_WINDOW, tuned.SIGN_IN_LOCKOUT, tuned.SIGN_IN_IP_WINDOW, tuned.TRUST_PROXY]).toEqual([3, 90_000, 3_600_000, 120_000, 1]);
  });

  it.each([
    ['SIGN_IN_MAX_FAILURES', '0'],
    ['SIGN_IN_MAX_FAILURES', '2.5'],
    ['SIGN_IN_IP_MAX_FAILURES', 'many'],
    ['SIGN_IN_LOCKOUT', '15'],
    ['SIGN_IN_FAILURE_WINDOW', '0m'],
    ['SIGN_IN_IP_WINDOW', '1d'],
    ['TRUST_PROXY', 'yes'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig(apiConfigSchema, { ...withKey, [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});

describe('PASSWORD_HASHING', () => {
  const withKey = { ...base, AUDIT_SIGNING_KEY: der };

  it('is standard unless told, and cheap only for a test stack', () => {
    expect(loadConfig(apiConfigSchema, withKey).PASSWORD_HASHING).toBe('standard');
    expect(loadConfig(apiConfigSchema, { ...withKey, NODE_ENV: 'test', PASSWORD_HASHING: 'cheap-for-tests' }).PASSWORD_HASHING).toBe('cheap-for-tests');
  });

  it.each(['production', 'development'])('refuses cheap-for-tests under NODE_ENV=%s, naming it', (environment) => {
    expect(() => loadConfig(apiConfigSchema, { ...withKey, NODE_ENV: environment, PASSWORD_HASHING: 'cheap-for-tests' })).toThrow(
      /PASSWORD_HASHING: may be cheap-for-tests only when NODE_ENV=test/,
    );
  });
});

describe('logs and metrics', () => {
  const withKey = { ...base, AUDIT_SIGNING_KEY: der };

  it('serve the API\'s /metrics and no worker endpoint, with the log format left to NODE_ENV, unless told otherwise', () => {
    const api = loadConfig(apiConfigSchema, withKey);
    expect(api).toMatchObject({ METRICS_ENABLED: true, LOG_LEVEL: 'log' });
    expect(api.LOG_FORMAT).toBeUndefined();
    const worker = loadConfig(workerConfigSchema, withKey);
    expect(worker).toMatchObject({ WORKER_METRICS_PORT: 0, WORKER_METRICS_HOST: '127.0.0.1' });
    expect(worker.LOG_FORMAT).toBeUndefined();
    expect(loadConfig(apiConfigSchema, { ...withKey, METRICS_ENABLED: 'false', LOG_FORMAT: 'json' })).toMatchObject({ METRICS_ENABLED: false, LOG_FORMAT: 'json' });
    expect(loadConfig(workerConfigSchema, { ...withKey, WORKER_METRICS_PORT: '9464', WORKER_METRICS_HOST: '0.0.0.0' })).toMatchObject({ WORKER_METRICS_PORT: 9464, WORKER_METRICS_HOST: '0.0.0.0' });
    expect(loadConfig(stackConfigSchema, {}).WORKER_METRICS_PORT).toBeUndefined();
    expect(loadConfig(stackConfigSchema, { WORKER_METRICS_PORT: '0' }).WORKER_METRICS_PORT).toBe(0);
  });

  it.each([
    ['worker', 'WORKER_METRICS_PORT', '65536'],
    ['worker', 'WORKER_METRICS_PORT', '-1'],
    ['worker', 'WORKER_METRICS_PORT', 'auto'],
    ['api', 'LOG_FORMAT', 'text'],
    ['api', 'METRICS_ENABLED', 'maybe'],
  ] as const)('the %s refuses %s=%s, naming it', (process, name, value) => {
    expect(() => loadConfig(process === 'api' ? apiConfigSchema : workerConfigSchema, { ...withKey, [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});

describe('start-up errors', () => {
  it('never echo the password of a URL they quote', () => {
    expect(() => loadConfig(apiConfigSchema, { ...base, AUDIT_SIGNING_KEY: der, DATABASE_URL: 'mysql://pe:hunter2-long@db/pe' })).toThrow(/DATABASE_URL: .*mysql:\/\/pe:\[redacted\]@db\/pe/);
    expect(() => loadConfig(apiConfigSchema, { ...base, AUDIT_SIGNING_KEY: der, DATABASE_URL: 'mysql://pe:hunter2-long@db/pe' })).not.toThrow(/hunter2/);
  });
});

describe('key rotation', () => {
  const withKey = { ...base, AUDIT_SIGNING_KEY: der };
  const previous = generateKeyPairSync('ed25519');
  const previousPem = previous.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const previousDer = previous.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const another = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

  it('has no previous JWT secret or audit key unless told', () => {
    const config = loadConfig(apiConfigSchema, withKey);
    expect(config.JWT_PREVIOUS_SECRETS).toEqual([]);
    expect(config.AUDIT_PREVIOUS_PUBLIC_KEYS).toEqual([]);
  });

  it('reads previous JWT secrets as a comma-separated list', () => {
    const secrets = ['a'.repeat(16), 'b'.repeat(40)];
    expect(loadConfig(apiConfigSchema, { ...withKey, JWT_PREVIOUS_SECRETS: ` ${secrets[0]}, ${secrets[1]} ,` }).JWT_PREVIOUS_SECRETS).toEqual(secrets);
  });

  it('refuses a short previous JWT secret without echoing any of them', () => {
    const value = `${'s'.repeat(20)},short-one`;
    expect(() => loadConfig(apiConfigSchema, { ...withKey, JWT_PREVIOUS_SECRETS: value })).toThrow(/JWT_PREVIOUS_SECRETS: must list secrets of at least 16 characters/);
    expect(() => loadConfig(apiConfigSchema, { ...withKey, JWT_PREVIOUS_SECRETS: value })).not.toThrow(/short-one|sssss/);
  });

  it.each([
    ['PEM', previousPem],
    ['PEM with escaped newlines', previousPem.replace(/\n/g, '\\n')],
    ['base64 SPKI', previousDer],
  ])('reads a previous audit public key as %s, and several comma-separated', (_form, value) => {
    const keys = loadConfig(apiConfigSchema, { ...withKey, AUDIT_PREVIOUS_PUBLIC_KEYS: `${value},${another}` }).AUDIT_PREVIOUS_PUBLIC_KEYS;
    expect(keys.map((key) => key.export({ format: 'der', type: 'spki' }).toString('base64'))).toEqual([previousDer, another]);
  });

  it.each([
    ['a private key as PEM', pem],
    ['a private key as base64 PKCS#8', der],
    ['an RSA public key', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64')],
    ['text', 'not-a-key'],
  ])('refuses %s among the previous audit keys, without echoing it', (_what, value) => {
    const load = () => loadConfig(apiConfigSchema, { ...withKey, AUDIT_PREVIOUS_PUBLIC_KEYS: `${previousDer},${value}` });
    expect(load).toThrow(/AUDIT_PREVIOUS_PUBLIC_KEYS: must list Ed25519 public keys/);
    expect(load).not.toThrow(value.slice(0, 30));
  });

  it('are the API’s alone: the worker signs with the current key only', () => {
    expect(Object.keys(workerConfigSchema.shape)).not.toContain('JWT_PREVIOUS_SECRETS');
    expect(Object.keys(workerConfigSchema.shape)).not.toContain('AUDIT_PREVIOUS_PUBLIC_KEYS');
  });
});

describe('the worker cache and concurrency', () => {
  const withKey = { DATABASE_URL: base.DATABASE_URL, TEMPORAL_ADDRESS: base.TEMPORAL_ADDRESS, AUDIT_SIGNING_KEY: der };

  it('bound the cache by default, whatever the machine, and take other bounds', () => {
    expect(loadConfig(workerConfigSchema, withKey)).toMatchObject({ WORKER_MAX_CACHED_WORKFLOWS: 250, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 40, WORKER_WORKFLOW_HEAP_MB: 512 });
    expect(loadConfig(workerTuningSchema, { WORKER_MAX_CACHED_WORKFLOWS: '200', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '10', WORKER_WORKFLOW_HEAP_MB: '400' })).toEqual({
      WORKER_MAX_CACHED_WORKFLOWS: 200,
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 10,
      WORKER_WORKFLOW_HEAP_MB: 400,
    });
  });

  it.each([
    [{ WORKER_MAX_CACHED_WORKFLOWS: '0' }, /WORKER_MAX_CACHED_WORKFLOWS: must be at least 2 \(got "0"\)/],
    [{ WORKER_MAX_CACHED_WORKFLOWS: 'lots' }, /WORKER_MAX_CACHED_WORKFLOWS: /],
    [{ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '2.5' }, /WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: must be a whole number/],
    [{ WORKER_MAX_CACHED_WORKFLOWS: '20', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' }, /WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: must not exceed WORKER_MAX_CACHED_WORKFLOWS \(20\)/],
    [{ WORKER_WORKFLOW_HEAP_MB: '64' }, /WORKER_WORKFLOW_HEAP_MB: must be at least 128/],
    [{ WORKER_MAX_CACHED_WORKFLOWS: '500' }, /WORKER_WORKFLOW_HEAP_MB: must be at least 728 for WORKER_MAX_CACHED_WORKFLOWS=500/],
  ])('stop the worker on %o, naming the variable', (tuning, message) => {
    expect(() => loadConfig(workerConfigSchema, { ...withKey, ...tuning })).toThrow(message);
  });
});

describe('email', () => {
  const withKey = { DATABASE_URL: base.DATABASE_URL, TEMPORAL_ADDRESS: base.TEMPORAL_ADDRESS, AUDIT_SIGNING_KEY: der };

  it('sends nothing without SMTP_URL, from a default sender, with the digest at 07:00 UTC', () => {
    const worker = loadConfig(workerConfigSchema, withKey);
    expect(worker.SMTP_URL).toBeUndefined();
    expect(worker).toMatchObject({ SMTP_FROM: 'Partnership Engine <notifications@localhost>', NOTIFICATION_DIGEST_HOUR: 7 });
    expect(loadConfig(stackConfigSchema, {})).toMatchObject({ SMTP_CAPTURE_PORT: 2525 });
  });

  it.each(['smtp://127.0.0.1:2525', 'smtps://user:pw@mail.example.org:465'])('takes SMTP_URL=%s', (url) => {
    expect(loadConfig(workerConfigSchema, { ...withKey, SMTP_URL: url }).SMTP_URL).toBe(url);
  });

  it.each([
    ['SMTP_URL', 'http://mail.example.org'],
    ['SMTP_URL', 'mail.example.org:25'],
    ['SMTP_FROM', 'not an address'],
    ['SMTP_FROM', 'Name <a@b> extra'],
    ['NOTIFICATION_DIGEST_HOUR', '24'],
    ['NOTIFICATION_DIGEST_HOUR', '7.5'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig(workerConfigSchema, { ...withKey, [name]: value })).toThrow(new RegExp(`${name}: `));
  });

  it('never echoes an SMTP password', () => {
    expect(() => loadConfig(workerConfigSchema, { ...withKey, SMTP_URL: 'ftp://user:hunter2-long@mail' })).not.toThrow(/hunter2/);
  });
});
