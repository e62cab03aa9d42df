// `node scripts/record-histories.mjs`: start a private stack (data under .data/record), drive
// partnerships over the HTTP API until one stops in each stage (and one renews, continuing as new;
// one exits after its notice period), or only the scenarios named as arguments (`... noticeExit`),
// and write each workflow history as JSON to test/fixtures/histories/<name>.json (overwriting those
// names only: older recordings kept under other names stay). test/replay replays every file there
// against the current workflow code, so a change that would break running partnerships fails CI.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, ensureDependencies, repoRoot, step } from './bootstrap.mjs';

ensureDependencies();
build();
step('Starting a private stack (data under .data/record)');
const { startStack } = await import('@pe/devstack');
const { Client, Connection } = await import('@temporalio/client');
const { historyToJSON } = await protoJson();
const { workflowIdFor } = await import('@pe/workflows');

/**
 * `historyToJSON` as in @temporalio/common/lib/proto-utils, but with protobufjs's protojson taken
 * from the copy @temporalio/proto was built with. The SDK's own one fails with "type must be a
 * Type" when npm nests a separate protobufjs under @temporalio/common and @temporalio/proto (as it
 * does here, because the root holds protobufjs 7 for @grpc/proto-loader): its `instanceof Type`
 * check sees another copy's class.
 */
async function protoJson() {
  const require = createRequire(import.meta.url);
  const protoEntry = require.resolve('@temporalio/proto');
  const proto = require(protoEntry);
  const { patchProtobufRoot } = require('@temporalio/proto/lib/patch-protobuf-root');
  const { toJson } = createRequire(protoEntry)('protobufjs/ext/protojson');
  const historyType = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');
  return { historyToJSON: (history) => JSON.stringify(toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2) };
}

const OUT = join(repoRoot, 'test', 'fixtures', 'histories');

/** The product's slow defaults (nothing fires while recording) unless a scenario overrides a timer. */
const SLOW = { taskDue: 'P7D', reminderBeforeDue: 'P1D', overdueReminderEvery: 'P2D', escalateAfterOverdue: 'P5D', healthPulse: 'P2M', reviewCycle: 'P6M' };
/** Reminders at 2 s and 3 s, the escalation ladder at 6 s, 8 s and 10 s, then quiet for a day. */
const CHASING = { ...SLOW, taskDue: 'PT4S', reminderBeforeDue: 'PT1S', overdueReminderEvery: 'P1D', escalateAfterOverdue: 'PT2S' };
/** A review cycle every 3 seconds once the agreement is adopted. */
const REVIEWING = { ...SLOW, reviewCycle: 'PT3S' };
/** Tasks due in 5 s (a reminder at 4 s), so an integrated round's vote timer fires while recording. */
const VOTING = { ...SLOW, taskDue: 'PT5S', reminderBeforeDue: 'PT1S' };

const dueDate = `${new Date().getUTCFullYear() + 1}-06-30`;
const today = () => new Date().toISOString().slice(0, 10);
const GOALS = [
  { rank: 1, title: 'Cut emergency readmissions', metric: 'readmissions per 1,000 patients', baseline: 42, target: 30, dueDate },
  { rank: 2, title: 'Deliver medicine within a day', metric: 'share of deliveries under 24 h (%)', baseline: 55, target: 90, dueDate },
];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const stack = await startStack({ repoRoot, mode: 'test', dataFolder: 'record', echo: false, log: () => undefined });
const connection = await Connection.connect({ address: stack.temporalAddress });
const client = new Client({ connection, namespace: stack.temporalNamespace });

async function http(method, path, token, body) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' && token ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
const list = (what, filter) => `/api/${what}?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,199]')}`;

async function session(email) {
  const { token, user } = await http('POST', '/api/auth/login', undefined, { email, password: 'demo-password' });
  return {
    user,
    get: (path) => http('GET', path, token),
    post: (path, body) => http('POST', path, token, body ?? {}),
  };
}

async function eventually(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(250);
  }
}

const coordinator = await session('coordinator@demo.test');
const sponsor = await session('sponsor@demo.test');
const riverside = await session('partner.riverside@demo.test');
const northwind = await session('partner.northwind@demo.test');
const organizations = await coordinator.get(list('organizations', {}));
const orgId = (name) => {
  const found = organizations.find((org) => org.name === name);
  if (!found) throw new Error(`the demo organization "${name}" is missing`);
  return found.id;
};
const RIVERSIDE = orgId('Riverside Health Trust');
const NORTHWIND = orgId('Northwind Foundation');

/** One partnership driven over HTTP, with the helpers its scenario needs. */
async function partnership(name, policy) {
  const created = await coordinator.post('/api/partnerships', {
    name,
    description: 'Recorded for the replay tests',
    sponsorId: sponsor.user.id,
    organizationIds: [RIVERSIDE, NORTHWIND],
    policy,
  });
  const id = created.id;
  const p = {
    id,
    workflowId: workflowIdFor(id),
    command: (body, as = coordinator) => as.post(`/api/partnerships/${id}/commands`, body),
    /** Waits for an open task of this kind in `as`'s inbox and completes it. */
    async complete(as, kind, body = { decision: 'approve' }, filter = {}) {
      const task = await eventually(`${kind} for ${as.user.email}`, async () => {
        const tasks = await as.get(list('tasks', { mine: true, status: 'open', partnershipId: id, kind, ...filter }));
        return tasks[0];
      });
      return as.post(`/api/tasks/${task.id}/complete`, body);
    },
    async events() {
      return coordinator.get(`${list('events', { partnershipId: id })}&sort=${encodeURIComponent('["sequence","ASC"]')}`);
    },
    async waitForEvent(type, count = 1) {
      return eventually(`${count} × ${type} in ${name}`, async () => {
        const events = (await p.events()).filter((event) => event.type === type);
        return events.length >= count ? events : undefined;
      });
    },
    async stage() {
      return (await coordinator.get(`/api/partnerships/${id}`)).stage;
    },
  };
  return p;
}

async function expectStage(p, stage) {
  const actual = await p.stage();
  if (actual !== stage) throw new Error(`expected ${p.id} in ${stage}, found ${actual}`);
}

async function submitPriorities(p) {
  await p.command({ type: 'RecordGoals', goals: GOALS, scope: 'The three counties of the eastern region' });
  await p.command({ type: 'SubmitPriorities' });
}

async function toListening(p) {
  await submitPriorities(p);
  await p.complete(sponsor, 'APPROVE_PRIORITIES');
  await expectStage(p, 'LISTENING');
}

async function toRoleIdentification(p) {
  await toListening(p);
  await p.command({ type: 'AddStakeholder', stakeholder: { name: 'Discharge nurses', organizationId: RIVERSIDE, interest: 5, influence: 3 } });
  await p.command({
    type: 'RecordListeningSession',
    session: { heldOn: today(), participants: ['Ward managers', 'Dispatch leads'], heard: 'Delays happen at the pharmacy hand-off', concerns: ['weekend cover'] },
  });
  await p.command({ type: 'ScoreAlignment', organizationId: RIVERSIDE, scores: { 1: 3, 2: 2 } });
  await p.command({ type: 'ScoreAlignment', organizationId: NORTHWIND, scores: { 1: 2, 2: 3 } }, northwind);
  await p.command({ type: 'OpenListeningSignoff' });
  await p.complete(riverside, 'CONFIRM_LISTENING');
  await p.complete(northwind, 'CONFIRM_LISTENING');
  await expectStage(p, 'ROLE_IDENTIFICATION');
}

async function defineAgreement(p, { noticePeriod = 'P3M', escalationSteps, model = 'cooperative', communicationPlan, kpiCadence = 'P1M' } = {}) {
  await p.command({
    type: 'DefineRoles',
    roles: [
      { organizationId: RIVERSIDE, goalRank: 1, responsibility: 'accountable' },
      { organizationId: NORTHWIND, goalRank: 1, responsibility: 'responsible' },
      { organizationId: NORTHWIND, goalRank: 2, responsibility: 'accountable' },
      { organizationId: RIVERSIDE, goalRank: 2, responsibility: 'consulted' },
    ],
  });
  await p.command({
    type: 'CommitResources',
    resources: [
      { organizationId: RIVERSIDE, description: 'Discharge coordinator', amount: 1, unit: 'FTE' },
      { organizationId: NORTHWIND, description: 'Delivery grant', amount: 250000, unit: 'USD' },
    ],
  });
  await p.command({ type: 'ChooseManagementModel', model });
  await p.command({
    type: 'SetGovernance',
    governance: {
      pointsOfContact: { [RIVERSIDE]: riverside.user.id, [NORTHWIND]: northwind.user.id },
      decisionRule: 'Consensus of the steering group',
      escalationPath: 'Coordinator, then the sponsor',
      ...(escalationSteps ? { escalationSteps } : {}),
      ...(communicationPlan ? { communicationPlan } : {}),
    },
  });
  await p.command({ type: 'SetConflictProcess', process: 'Raise it with the coordinator; unresolved after two weeks goes to the sponsor' });
  await p.command({ type: 'SetTerminationTerms', options: ['renew', 'restructure', 'hand_over', 'exit'], noticePeriod });
  await p.command({
    type: 'DefineKpi',
    kpi: { name: 'Readmissions', ownerOrganizationId: RIVERSIDE, unit: 'per 1,000', baseline: 42, target: 30, direction: 'decrease', cadence: kpiCadence, goalRank: 1 },
  });
}

async function toMeasurement(p) {
  await toRoleIdentification(p);
  await defineAgreement(p);
  await p.command({ type: 'IssueAgreement' });
  await p.complete(riverside, 'SIGN_AGREEMENT');
  await p.complete(northwind, 'SIGN_AGREEMENT');
  await expectStage(p, 'MEASUREMENT');
}

/** Completes cycle `cycle`'s measurement and health checks, then the coordinator's review. */
async function completeCycle(p, cycle, review) {
  await p.waitForEvent('ReviewCycleOpened', cycle);
  const ofCycle = { cycle: String(cycle) };
  await p.complete(riverside, 'REPORT_MEASUREMENT', { decision: 'approve', data: { values: { [await kpiId(p)]: 39 } } }, ofCycle);
  for (const partner of [riverside, northwind]) {
    await p.complete(partner, 'HEALTH_CHECK', { decision: 'approve', data: { strategy: 4, operations: 3, relationship: 5, governance: 4, recommend: 8 } }, ofCycle);
  }
  await p.complete(coordinator, 'REVIEW', { decision: 'approve', data: review }, ofCycle);
}

async function kpiId(p) {
  const [defined] = await p.waitForEvent('KpiDefined');
  return defined.payload.kpi.id;
}

async function signTermination(p) {
  await p.complete(sponsor, 'APPROVE_TERMINATION');
  await p.complete(riverside, 'SIGN_TERMINATION');
  await p.complete(northwind, 'SIGN_TERMINATION');
}

/** Each scenario drives one partnership and returns the runs to record: [name, description, runId?]. */
const scenarios = {
  async prioritySetting() {
    const p = await partnership('Replay: priority setting', CHASING);
    await submitPriorities(p);
    // The sponsor does nothing: two reminders, then the whole escalation ladder on the second-scale policy.
    await p.waitForEvent('TaskEscalated', 3);
    return [{ name: 'priority-setting', workflowId: p.workflowId, about: 'PRIORITY_SETTING: goals recorded and submitted; the sponsor never answers, so two reminders and three escalation levels fired on a second-scale policy (timer path).' }];
  },
  async listening() {
    const p = await partnership('Replay: listening', SLOW);
    await toListening(p);
    await p.command({ type: 'AddStakeholder', stakeholder: { name: 'Community pharmacists', organizationId: null, interest: 4, influence: 2 } });
    await p.command({ type: 'PutOnHold', reason: 'Budget round' });
    await p.command({ type: 'Resume' });
    return [{ name: 'listening', workflowId: p.workflowId, about: 'LISTENING: priorities approved by the sponsor, a stakeholder added, put on hold and resumed.' }];
  },
  async roleIdentification() {
    const p = await partnership('Replay: role identification', SLOW);
    await toRoleIdentification(p);
    await defineAgreement(p);
    return [{ name: 'role-identification', workflowId: p.workflowId, about: 'ROLE_IDENTIFICATION: listening signed off by both partners; roles, resources, model, governance, conflict process, termination terms and a KPI recorded (agreement not yet issued).' }];
  },
  async measurement() {
    const p = await partnership('Replay: measurement', REVIEWING);
    await toMeasurement(p);
    await completeCycle(p, 1, { outcome: 'continue', goalScores: { 1: 1, 2: 0 } });
    await p.waitForEvent('ReviewCycleOpened', 2);
    // Freeze the timers so the history stops growing.
    await p.command({ type: 'PutOnHold', reason: 'Recorded for the replay tests' });
    return [{ name: 'measurement', workflowId: p.workflowId, about: 'MEASUREMENT: agreement signed; review cycle 1 (every 3 s) opened by its timer, measured, health-checked and reviewed ("continue"); cycle 2 opened; then put on hold.' }];
  },
  async termination() {
    const p = await partnership('Replay: termination', SLOW);
    await toListening(p);
    await p.command({ type: 'ProposeTermination', option: 'hand_over', reason: 'Another alliance covers this region' });
    await p.complete(sponsor, 'APPROVE_TERMINATION');
    await p.complete(riverside, 'SIGN_TERMINATION');
    await expectStage(p, 'TERMINATION');
    return [{ name: 'termination', workflowId: p.workflowId, about: 'TERMINATION: a hand-over proposed from LISTENING, approved by the sponsor, signed by one of the two partners (sign-off pending).' }];
  },
  async closed() {
    const p = await partnership('Replay: closed', REVIEWING);
    await toMeasurement(p);
    await completeCycle(p, 1, { outcome: 'propose_termination', option: 'exit', reason: 'The goals were met' });
    await expectStage(p, 'TERMINATION');
    await signTermination(p);
    for (let item = 0; item < 3; item += 1) await p.complete(coordinator, 'WIND_DOWN');
    await expectStage(p, 'CLOSED');
    const description = await client.workflow.getHandle(p.workflowId).describe();
    if (description.status.name !== 'COMPLETED') throw new Error(`the closed partnership's workflow is ${description.status.name}`);
    return [{ name: 'closed-exit', workflowId: p.workflowId, about: 'CLOSED: through MEASUREMENT; the cycle-1 review proposes an exit, the sponsor approves, both partners sign, the three wind-down tasks are done and the workflow completes.' }];
  },
  async batchedAppends() {
    const p = await partnership('Replay: batched appends', SLOW);
    // Commands sent at once: those that arrive while an append is in flight are stored together by the next one.
    await Promise.all(
      Array.from({ length: 6 }, (_, index) => p.command({ type: 'RecordGoals', goals: GOALS.map((goal) => ({ ...goal, target: goal.target + index })), scope: `Draft ${index + 1}` })),
    );
    await p.command({ type: 'SubmitPriorities' });
    const history = await client.workflow.getHandle(p.workflowId).fetchHistory();
    const appends = history.events.filter((event) => event.activityTaskScheduledEventAttributes).length;
    const commands = history.events.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes).length;
    if (appends >= commands) throw new Error(`no two commands were stored by one append (${commands} commands, ${appends} appends): record again`);
    return [{ name: 'batched-appends', workflowId: p.workflowId, about: `PRIORITY_SETTING: six goal drafts sent at once, stored by fewer appends than commands (${commands} commands, ${appends} appends), then submitted.` }];
  },
  async noticeExit() {
    const p = await partnership('Replay: notice', SLOW);
    await toRoleIdentification(p);
    await defineAgreement(p, { noticePeriod: 'PT6S', escalationSteps: [northwind.user.id, sponsor.user.id] });
    await p.command({ type: 'IssueAgreement' });
    await p.complete(riverside, 'SIGN_AGREEMENT');
    await p.complete(northwind, 'SIGN_AGREEMENT');
    await expectStage(p, 'MEASUREMENT');
    await p.command({ type: 'ProposeTermination', option: 'exit', reason: 'The goals were met' });
    await signTermination(p);
    await expectStage(p, 'MEASUREMENT');
    await p.waitForEvent('TerminationNoticeReminderSent');
    await p.waitForEvent('TerminationDecided');
    for (let item = 0; item < 3; item += 1) await p.complete(coordinator, 'WIND_DOWN');
    await expectStage(p, 'CLOSED');
    return [{ name: 'notice-exit', workflowId: p.workflowId, about: 'CLOSED after a notice period (patched "governance-acts"): an agreement with points of contact, an escalation path and a PT6S notice; an exit signed off, back to MEASUREMENT while the notice timer runs, its reminder, the exit taking effect on the timer, wind-down, completed.' }];
  },
  async integratedVote() {
    const p = await partnership('Replay: integrated vote', VOTING);
    await toRoleIdentification(p);
    await defineAgreement(p, { model: 'integrated' });
    // Version 1: the coordinator calls the vote after one signature; the refusal that follows rejects it.
    await p.command({ type: 'IssueAgreement' });
    await p.complete(riverside, 'SIGN_AGREEMENT');
    await p.command({ type: 'CallVote' });
    await p.complete(northwind, 'SIGN_AGREEMENT', { decision: 'reject', comment: 'The budget line is missing' });
    await p.waitForEvent('SignoffCompleted', 2);
    // Version 2: one signature, then the round falls due and its timer calls the vote; the second signature carries it.
    await p.command({ type: 'IssueAgreement' });
    await p.complete(riverside, 'SIGN_AGREEMENT');
    await p.waitForEvent('SignoffVoteCalled', 2);
    await p.complete(northwind, 'SIGN_AGREEMENT');
    await expectStage(p, 'MEASUREMENT');
    await p.command({ type: 'PutOnHold', reason: 'Recorded for the replay tests' });
    return [{ name: 'integrated-vote', workflowId: p.workflowId, about: 'ROLE_IDENTIFICATION → MEASUREMENT under the integrated model (patched "joint-decisions"): version 1 falls to a vote the coordinator calls and is rejected; version 2 falls to a vote when its round is due (PT5S) and is adopted; then put on hold.' }];
  },
  async checkIns() {
    const p = await partnership('Replay: check-ins', SLOW);
    await toRoleIdentification(p);
    await defineAgreement(p, { communicationPlan: { cadence: 'PT3S', channel: 'Video call', organizationIds: [RIVERSIDE, NORTHWIND] } });
    await p.command({ type: 'IssueAgreement' });
    await p.complete(riverside, 'SIGN_AGREEMENT');
    await p.complete(northwind, 'SIGN_AGREEMENT');
    await expectStage(p, 'MEASUREMENT');
    // The plan's timer opens the first check-in; recorded with an action for Northwind's partner, who completes it.
    const action = { description: 'Share the delivery checklist', ownerId: northwind.user.id, dueOn: today() };
    await p.complete(coordinator, 'RECORD_CHECK_IN', { decision: 'approve', data: { heldOn: today(), attendees: ['Ward managers', 'Dispatch leads'], notes: 'Friday runs are late', actions: [action] } });
    await p.complete(northwind, 'CHECK_IN_ACTION', { decision: 'approve', data: { note: 'Sent to every depot' } });
    await p.waitForEvent('CheckInFellDue', 2);
    await p.command({ type: 'PutOnHold', reason: 'Recorded for the replay tests' });
    return [{ name: 'check-ins', workflowId: p.workflowId, about: 'MEASUREMENT under a communication plan (a check-in every 3 s): check-in 1 falls due on its timer, the coordinator records it with an action for the Northwind partner, who completes it; check-in 2 falls due; then put on hold.' }];
  },
  async agreedChanges() {
    const p = await partnership('Replay: agreed changes', REVIEWING);
    await toMeasurement(p);
    // In MEASUREMENT a new KPI (Northwind's) and a role change are a draft of version 2: version 1 stays in force.
    const followUp = { name: 'Next-day deliveries', ownerOrganizationId: NORTHWIND, unit: '%', baseline: 55, target: 90, direction: 'increase', cadence: 'P1M', goalRank: 2 };
    await p.command({ type: 'DefineKpi', kpi: followUp });
    await p.command({
      type: 'DefineRoles',
      roles: [
        { organizationId: RIVERSIDE, goalRank: 1, responsibility: 'accountable' },
        { organizationId: NORTHWIND, goalRank: 1, responsibility: 'consulted' },
        { organizationId: NORTHWIND, goalRank: 2, responsibility: 'accountable' },
        { organizationId: RIVERSIDE, goalRank: 2, responsibility: 'consulted' },
      ],
    });
    // Version 2 refused: the draft stays a draft; changed again, version 3 is signed and adopted.
    await p.command({ type: 'IssueAgreement' });
    await p.complete(riverside, 'SIGN_AGREEMENT');
    await p.complete(northwind, 'SIGN_AGREEMENT', { decision: 'reject', comment: 'A 90% target is too steep for a year' });
    await p.waitForEvent('SignoffCompleted', 3);
    const [drafted] = await p.waitForEvent('KpiDrafted');
    await p.command({ type: 'DefineKpi', kpi: { ...followUp, id: drafted.payload.kpi.id, target: 80 } });
    await p.command({ type: 'IssueAgreement' });
    await p.complete(riverside, 'SIGN_AGREEMENT');
    await p.complete(northwind, 'SIGN_AGREEMENT');
    await p.waitForEvent('AgreementAdopted', 2);
    // The next cycle (every 3 s) asks Northwind for the adopted KPI, which it reports.
    const adoptedAt = (await p.events()).length;
    await eventually('a cycle opened after version 3', async () => ((await p.events()).slice(adoptedAt).some((event) => event.type === 'ReviewCycleOpened') ? true : undefined));
    await p.complete(northwind, 'REPORT_MEASUREMENT', { decision: 'approve', data: { values: { [drafted.payload.kpi.id]: 61 } } });
    await p.command({ type: 'PutOnHold', reason: 'Recorded for the replay tests' });
    return [{ name: 'agreed-changes', workflowId: p.workflowId, about: 'MEASUREMENT (patched "agreed-changes"): a KPI and a role change drafted; version 2 carrying them refused by Northwind; the KPI changed again; version 3 signed by both and adopted; the next cycle asks Northwind for the new KPI, reported; then put on hold.' }];
  },

  async kpiCadence() {
    const p = await partnership('Replay: KPI cadence', SLOW);
    await toRoleIdentification(p);
    // Reported every 3 s between reviews six months apart.
    await defineAgreement(p, { kpiCadence: 'PT3S' });
    await p.command({ type: 'IssueAgreement' });
    await p.complete(riverside, 'SIGN_AGREEMENT');
    await p.complete(northwind, 'SIGN_AGREEMENT');
    await expectStage(p, 'MEASUREMENT');
    // The KPI's timer opens Riverside's report between reviews; its partner reports it; the next falls due.
    await p.complete(riverside, 'REPORT_MEASUREMENT', { decision: 'approve', data: { values: { [await kpiId(p)]: 40 } } });
    await p.waitForEvent('KpiReportFellDue', 2);
    await p.command({ type: 'PutOnHold', reason: 'Recorded for the replay tests' });
    return [{ name: 'kpi-cadence', workflowId: p.workflowId, about: 'MEASUREMENT with a KPI reported every 3 s between six-monthly reviews (patched "kpi-cadence"): its report falls due on the kpi_report timer, the Riverside partner reports it, the next falls due; then put on hold.' }];
  },
  async renew() {
    const p = await partnership('Replay: renew', SLOW);
    await toRoleIdentification(p);
    const first = (await client.workflow.getHandle(p.workflowId).describe()).runId;
    await p.command({ type: 'ProposeTermination', option: 'renew', reason: 'A second term with new goals' });
    await signTermination(p);
    const second = await eventually('the renewed run', async () => {
      const description = await client.workflow.getHandle(p.workflowId).describe();
      return description.runId !== first && description.status.name === 'RUNNING' ? description.runId : undefined;
    });
    await expectStage(p, 'PRIORITY_SETTING');
    await submitPriorities(p);
    return [
      { name: 'renew-first-run', workflowId: p.workflowId, runId: first, about: 'The first run of a renewed partnership: through LISTENING into ROLE_IDENTIFICATION, a renewal proposed, approved and signed; the run ends in continue-as-new.' },
      { name: 'renew-second-run', workflowId: p.workflowId, runId: second, about: 'The run after that continue-as-new: started with the carried state in PRIORITY_SETTING; new goals recorded and submitted.' },
    ];
  },
};

const CLOSED = new Set(['EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW']);

/** The run's history once no workflow task is in flight and two fetches agree, as JSON text. */
async function settledHistory({ workflowId, runId }) {
  let previous = -1;
  for (let attempt = 0; ; attempt += 1) {
    const json = historyToJSON(await client.workflow.getHandle(workflowId, runId).fetchHistory());
    const types = JSON.parse(json).events.map((event) => event.eventType);
    const lastTask = types.findLast((type) => type.startsWith('EVENT_TYPE_WORKFLOW_TASK_'));
    const settled = types.some((type) => CLOSED.has(type)) || lastTask === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED';
    if ((settled && types.length === previous) || attempt >= 40) return { json, count: types.length, last: types.at(-1) };
    previous = types.length;
    await sleep(500);
  }
}

try {
  step('Driving partnerships over the HTTP API');
  const started = performance.now();
  // `node scripts/record-histories.mjs noticeExit` records only the scenarios named.
  const only = process.argv.slice(2);
  const unknown = only.filter((key) => !(key in scenarios));
  if (unknown.length > 0) throw new Error(`no scenario ${unknown.join(', ')}; the scenarios are ${Object.keys(scenarios).join(', ')}`);
  const results = await Promise.all(
    Object.entries(scenarios).filter(([key]) => only.length === 0 || only.includes(key)).map(async ([key, scenario]) => {
      try {
        return await scenario();
      } catch (error) {
        throw new Error(`scenario ${key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  console.log(`  all scenarios done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  step(`Writing histories to ${OUT}`);
  mkdirSync(OUT, { recursive: true });
  for (const run of results.flat()) {
    const { json, count, last } = await settledHistory(run);
    writeFileSync(join(OUT, `${run.name}.json`), `${json}\n`);
    console.log(`  ${run.name}.json: ${count} events, ending ${last}, ${(json.length / 1024).toFixed(0)} KiB — ${run.about}`);
  }
} finally {
  await connection.close();
  await stack.stop();
}
