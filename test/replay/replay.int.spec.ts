/**
 * Safe change: every workflow history recorded from a real run (test/fixtures/histories, written by
 * `node scripts/record-histories.mjs`) is replayed against the current workflow code. A change that
 * would make a running partnership's workflow issue different commands fails here, before it ships.
 * Needs no stack: replay runs the bundled workflow code alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, type ReplayResult } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';

// Replay workers log every state change; keep the output to real problems (the broken cases below
// make core log the nondeterminism they provoke, which the assertions already check).
try {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
} catch {
  // A runtime is already installed in this process: keep it.
}

const HISTORIES = fileURLToPath(new URL('../fixtures/histories', import.meta.url));
const BROKEN_WORKFLOW = fileURLToPath(new URL('../fixtures/replay/broken.workflow.ts', import.meta.url));
const require = createRequire(import.meta.url);
/** The worker's entry point and workflow interceptors, exactly as apps/worker/src/main.ts passes them. */
const WORKFLOWS = fileURLToPath(import.meta.resolve('@pe/workflows/workflows'));
const WORKFLOW_INTERCEPTORS = fileURLToPath(import.meta.resolve('@pe/workflows/interceptors'));

/**
 * `historyFromJSON` as in @temporalio/common/lib/proto-utils, but with protobufjs's protojson taken
 * from the copy @temporalio/proto was built with: the SDK's own one (which the worker calls on JSON
 * histories) fails with "type must be a Type" when npm nests separate protobufjs copies under
 * @temporalio/common and @temporalio/proto, as it does in this repository.
 */
function historyFromJSON(json: unknown): temporal.api.history.v1.IHistory {
  const protoEntry = require.resolve('@temporalio/proto');
  const proto = require(protoEntry) as typeof import('@temporalio/proto');
  const { patchProtobufRoot } = require('@temporalio/proto/lib/patch-protobuf-root') as { patchProtobufRoot: (root: unknown) => any };
  const { fromJson } = createRequire(protoEntry)('protobufjs/ext/protojson') as { fromJson: (type: unknown, json: unknown, options: object) => unknown };
  const historyType = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');
  return fromJson(historyType, json, { ignoreUnknownFields: true }) as temporal.api.history.v1.IHistory;
}

interface Recorded {
  name: string;
  json: {
    events: {
      eventType: string;
      activityTaskScheduledEventAttributes?: { activityType: { name: string } };
      markerRecordedEventAttributes?: { details?: Record<string, { payloads?: { data: string }[] }> };
    }[];
  };
}

const recorded: Recorded[] = readdirSync(HISTORIES)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ name: basename(file, '.json'), json: JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')) }));

async function replay(workflowsPath: string, histories: Recorded[]): Promise<Map<string, ReplayResult>> {
  const results = new Map<string, ReplayResult>();
  const iterable = histories.map(({ name, json }) => ({ workflowId: name, history: historyFromJSON(json) }));
  for await (const result of Worker.runReplayHistories({ workflowsPath, interceptors: { workflowModules: [WORKFLOW_INTERCEPTORS] }, bundlerOptions: { ignoreModules: [] } }, iterable)) {
    results.set(result.workflowId, result);
  }
  return results;
}

describe('recorded workflow histories', () => {
  it('covers every stage, a completed run and both sides of a continue-as-new', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(7);
    const lastEvents = recorded.map(({ json }) => json.events.at(-1)?.eventType);
    expect(lastEvents).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    expect(lastEvents).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW');
  });

  /** The recorded runs that carry a patch's marker, i.e. ran the patched branch. */
  const patchedRuns = (patch: string) =>
    recorded
      .filter(({ json }) =>
        json.events.some(
          (event) =>
            event.eventType === 'EVENT_TYPE_MARKER_RECORDED' &&
            (event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).some((payload: { data: string }) => JSON.parse(Buffer.from(payload.data, 'base64').toString()).id === patch),
        ),
      )
      .map(({ name }) => name);

  it.each([
    ['governance-acts', 'notice-exit'],
    ['joint-decisions', 'integrated-vote'],
    ['agreed-changes', 'agreed-changes'],
    ['kpi-cadence', 'kpi-cadence'],
  ])('cover both sides of the %s patch: runs recorded before it and %s after', (patch, after) => {
    const marked = patchedRuns(patch);
    expect(marked).toContain(after);
    expect(recorded.length - marked.length).toBeGreaterThan(0);
  });

  it('all replay against the current workflow code without a nondeterminism error', async () => {
    const results = await replay(WORKFLOWS, recorded);
    expect([...results.keys()].sort()).toEqual(recorded.map(({ name }) => name).sort());
    const failures = [...results.values()].filter((result) => result.error !== undefined).map((result) => `${result.workflowId}: ${result.error?.message}`);
    expect(failures).toEqual([]);
  });

  it('fail to replay against a workflow that issues different commands (the test can fail)', async () => {
    const results = await replay(BROKEN_WORKFLOW, recorded.slice(0, 1));
    const [result] = [...results.values()];
    expect(result?.error).toBeInstanceOf(DeterminismViolationError);
  });

  it('fail to replay when a recorded command is tampered with', async () => {
    const original = recorded.find(({ json }) => json.events.some((event) => event.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED'));
    expect(original).toBeDefined();
    const json = structuredClone(original!.json);
    const scheduled = json.events.find((event) => event.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')!;
    expect(scheduled.activityTaskScheduledEventAttributes?.activityType.name).toBe('recordEvents');
    scheduled.activityTaskScheduledEventAttributes!.activityType.name = 'recordEventsRenamed';
    const [result] = [...(await replay(WORKFLOWS, [{ name: `${original!.name}-tampered`, json }])).values()];
    expect(result?.error).toBeInstanceOf(DeterminismViolationError);
    expect(result?.error?.message).toMatch(/recordEvents/);
  });
});
