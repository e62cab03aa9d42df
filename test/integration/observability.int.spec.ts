/**
 * One grep follows a command: the X-Request-Id a client sends (or the one the API makes up) is
 * answered back, and names the API's log line for the request, the workflow's lines for the update
 * and the recordEvents activity's line in the worker — through a Temporal header, so the command's
 * shape and the recorded histories do not change. And both processes answer Prometheus at /metrics:
 * the API counts requests by route template, the worker the events it appended, the timers that
 * fired and the SDK's own series. A private API and worker (a task queue of their own) keep the
 * counts and the output to this file's requests.
 */
import { randomUUID } from 'node:crypto';
import { freePort, type Service } from '@pe/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, eventually, login, requestAt, type Session } from '../support/http.js';
import { FAST_POLICY, SLOW_POLICY, createPartnership, directory, smartGoals, submitGoals } from '../support/partnerships.js';
import { outputOf, privateSetting, startApi, startWorker } from '../support/private-processes.js';

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

const services: Service[] = [];
let apiUrl: string;
let api: Service;
let worker: Service;
let workerMetricsUrl: string;
let coordinator: Session;

/** The process's output as JSON lines (what is not JSON, such as a crash's stack, is skipped). */
function logLines(service: Service): LogLine[] {
  return outputOf(service)
    .split('\n')
    .flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed === 'object' && parsed !== null ? [parsed as LogLine] : [];
      } catch {
        return [];
      }
    });
}

const linesOf = (service: Service, requestId: string) => logLines(service).filter((line) => line.requestId === requestId);

async function metricsText(url: string): Promise<{ status: number; contentType: string | null; body: string }> {
  const response = await fetch(url);
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

/** The value of the first series of `name` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

beforeAll(async () => {
  const metricsPort = await freePort();
  const setting = privateSetting({ LOG_LEVEL: 'log', WORKER_METRICS_PORT: String(metricsPort) });
  worker = await startWorker(setting);
  services.push(worker);
  const started = await startApi(setting);
  services.push(started.service);
  api = started.service;
  apiUrl = started.url;
  workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  coordinator = await login(DEMO.coordinator, { baseUrl: apiUrl });
});

afterAll(async () => {
  for (const service of services.reverse()) await service.stop();
});

describe('the request id', () => {
  it('follows a command from the HTTP request through the workflow update into the activity', async () => {
    const createId = `obs-create-${randomUUID()}`;
    const commandId = `obs-command-${randomUUID()}`;
    const { organizationIds, sponsorId } = await directory(coordinator);
    const created = await coordinator.post(
      '/api/partnerships',
      { name: 'Traced corridor', description: 'Followed by its request ids', sponsorId, organizationIds: organizationIds.slice(0, 2), policy: SLOW_POLICY },
      { 'X-Request-Id': createId },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(createId);
    const partnershipId = created.body.id as string;
    const recorded = await coordinator.post(`/api/partnerships/${partnershipId}/commands`, { type: 'RecordGoals', goals: smartGoals(), scope: 'Three counties' }, { 'X-Request-Id': commandId });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.headers.get('x-request-id')).toBe(commandId);

    // The API: the request's own line, with its route template, status and the caller's user id.
    const apiLine = await eventually('the API line of the command', async () => linesOf(api, commandId).find((line) => line.msg === 'request completed'));
    expect(apiLine).toMatchObject({ service: 'api', level: 'info', method: 'POST', route: '/api/partnerships/:id/commands', status: '200', userId: coordinator.user.id });
    expect(apiLine.path).toBe(`/api/partnerships/${partnershipId}/commands`);

    // The worker: the workflow's lines for the update and the activity's line, all with the same id.
    const workflowId = `partnership-${partnershipId}`;
    const workerLines = await eventually('the worker lines of the command', async () => {
      const lines = linesOf(worker, commandId);
      return lines.some((line) => line.msg === 'events recorded') && lines.some((line) => line.msg === 'command applied') ? lines : undefined;
    });
    expect(workerLines).toContainEqual(expect.objectContaining({ msg: 'command received', sdkComponent: 'workflow', workflowId, commandType: 'RecordGoals' }));
    expect(workerLines).toContainEqual(expect.objectContaining({ msg: 'command applied', sdkComponent: 'workflow', workflowId, commandType: 'RecordGoals', events: 1 }));
    expect(workerLines).toContainEqual(
      expect.objectContaining({ msg: 'events recorded', sdkComponent: 'activity', activityType: 'recordEvents', workflowId, partnershipId, eventTypes: { GoalsRecorded: 1 } }),
    );
    // The creation (an update-with-start) is followed the same way, and no line of another request carries its id.
    await eventually('the activity line of the creation', async () =>
      linesOf(worker, createId).find((line) => line.msg === 'events recorded' && (line.eventTypes as Record<string, number>).PartnershipCreated === 1),
    );
    expect(linesOf(worker, createId).some((line) => line.commandType === 'RecordGoals')).toBe(false);
    // Every line is one JSON object, and the bearer token is in none of them.
    expect(outputOf(api)).not.toContain(coordinator.token.split('.')[2]!);
  });

  it('is made up when the caller sends none or one that is not short and plain', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const sent of [undefined, 'has spaces in it', 'x'.repeat(129), 'line\\nbreak', '{"json":1}', '-leading-dash']) {
      const reply = await requestAt(apiUrl, 'GET', '/api/health/live', { headers: sent === undefined ? {} : { 'X-Request-Id': sent } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-request-id'), String(sent)).toMatch(uuid);
    }
    const kept = await requestAt(apiUrl, 'GET', '/api/health/live', { headers: { 'X-Request-Id': 'Trace_01:abc.def-9' } });
    expect(kept.headers.get('x-request-id')).toBe('Trace_01:abc.def-9');
    // Refusals before any route has one too.
    const unauthenticated = await requestAt(apiUrl, 'GET', '/api/partnerships', { headers: { 'X-Request-Id': 'refused-1' } });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('x-request-id')).toBe('refused-1');
  });
});

describe('/metrics', () => {
  it('on the API counts requests by route template, method and status, without signing in', async () => {
    const { status, contentType, body } = await metricsText(`${apiUrl}/metrics`);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    // The command of the test above, by its template (never its partnership's id), and how long it took.
    const command = { method: 'POST', route: '/api/partnerships/:id/commands', status: '200' };
    expect(sample(body, 'http_requests_total', command)).toBe(1);
    expect(sample(body, 'http_request_duration_seconds_count', command)).toBe(1);
    expect(sample(body, 'http_request_duration_seconds_bucket', { ...command, le: '+Inf' })).toBe(1);
    expect(sample(body, 'http_requests_total', { method: 'GET', route: '/api/health/live', status: '200' })).toBeGreaterThanOrEqual(7);
    expect(sample(body, 'http_requests_total', { method: 'GET', route: '/api/partnerships', status: '401' })).toBe(1);
    expect(body).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Node's own process metrics beside them.
    expect(sample(body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('on the worker counts the events appended, the timers fired and their lateness, beside the SDK series', async () => {
    const partnership = await createPartnership(coordinator, FAST_POLICY, 'Reminded corridor');
    await submitGoals(coordinator, partnership.id);
    // The sponsor's approval task opened with a 4 s window: its first reminder falls due 2 s later.
    const text = await eventually(
      'a fired timer in the worker metrics',
      async () => {
        const { body } = await metricsText(workerMetricsUrl);
        return (sample(body, 'partnerships_timers_fired_total') ?? 0) >= 1 ? body : undefined;
      },
      30_000,
    );
    expect(sample(text, 'partnerships_timer_lateness_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'partnerships_timer_lateness_seconds_bucket', { le: '+Inf' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'partnerships_events_appended_total', { type: 'PartnershipCreated' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'partnerships_events_appended_total', { type: 'GoalsRecorded' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'partnerships_events_appended_total', { type: 'PrioritiesSubmitted' })).toBeGreaterThanOrEqual(1);
    // The SDK's own: the workflow tasks and activities this worker ran, in seconds.
    expect(text).toMatch(/^temporal_workflow_task_execution_latency_count\{.*\} [1-9]/m);
    expect(text).toMatch(/^temporal_activity_execution_latency_count\{.*activity_type="recordEvents".*\} [1-9]/m);
  });
});
