/**
 * Timers, review cycles and the operations that apply at any stage, over HTTP against the real
 * stack: the escalation ladder and organization reminders, two review cycles, hold and resume,
 * membership changes, idempotent retries, simultaneous sign-offs, moved due dates and role scoping.
 * Timers run on second-scale policies; partnerships whose timers would keep firing are put on hold
 * at the end of their test so they stop writing events.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { escalationAt } from '@pe/domain';
import { DEMO, eventually, listQuery, login, type Reply, type Session } from '../support/http.js';
import { testDirectory } from '../support/directory.js';
import { FAST_POLICY, SLOW_POLICY, smartGoals } from '../support/partnerships.js';

type Policy = typeof SLOW_POLICY;
interface TaskRow {
  id: string;
  kind: string;
  status: string;
  cycle: number | null;
  purpose: 'joining' | 'pulse' | null;
  detail: string | null;
  assigneeUserId: string | null;
  assigneeOrganizationId: string | null;
  openedAt: string;
  dueAt: string;
  remindedAt: string | null;
  escalationLevel: number;
  cancelReason: string | null;
}
interface Note {
  kind: string;
  message: string;
  taskId: string;
  createdAt: string;
}
interface StoredEvent {
  sequence: number;
  type: string;
  actor_id: string;
  occurred_at: Date;
  payload: any;
}

let coordinator: Session;
let sponsor: Session;
let riversideRep: Session;
let northwindRep: Session;
let auditor: Session;
let db: pg.Client;
let riverside: string;
let northwind: string;
let eastvale: string;

beforeAll(async () => {
  [coordinator, sponsor, riversideRep, northwindRep, auditor] = await Promise.all([
    login(DEMO.coordinator),
    login(DEMO.sponsor),
    login(DEMO.partnerRiverside),
    login(DEMO.partnerNorthwind),
    login(DEMO.auditor),
  ]);
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  const organizations = (await coordinator.get(`/api/organizations?${listQuery({})}`)).body as { id: string; name: string }[];
  const named = (name: string) => {
    const found = organizations.find((organization) => organization.name === name);
    if (!found) throw new Error(`the demo organization ${name} is missing`);
    return found.id;
  };
  riverside = named('Riverside Health Trust');
  northwind = named('Northwind Foundation');
  eastvale = named('Eastvale Logistics');
});
const directory = testDirectory('operations');

afterAll(async () => {
  await db?.end();
  await directory.remove();
});

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const today = () => new Date().toISOString().slice(0, 10);
const idempotent = (key: string) => ({ 'idempotency-key': key });
const uniqueKey = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

/** A policy whose human timers never fire during a test and whose review cycle does. */
const reviewPolicy = (reviewCycle: string): Policy => ({ ...SLOW_POLICY, healthPulse: 'P1D', reviewCycle });

const send = (session: Session, partnershipId: string, command: Record<string, unknown>, headers?: Record<string, string>) =>
  session.post(`/api/partnerships/${partnershipId}/commands`, command, headers);

const complete = (session: Session, taskId: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
  session.post(`/api/tasks/${taskId}/complete`, body, headers);

function expectOk(reply: Reply, what: string): Reply {
  if (reply.status !== 200 && reply.status !== 201) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

async function run(partnershipId: string, ...commands: Record<string, unknown>[]) {
  for (const command of commands) expectOk(await send(coordinator, partnershipId, command), String(command.type));
}

async function createWith(policy: Policy, organizationIds = [riverside, northwind], name = `Operations ${Math.random().toString(36).slice(2, 8)}`) {
  const reply = await coordinator.post('/api/partnerships', { name, description: 'Timers and operations', sponsorId: sponsor.user.id, organizationIds, policy });
  if (reply.status !== 201) throw new Error(`create: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { id: string; name: string };
}

const partnership = async (id: string) => (await coordinator.get(`/api/partnerships/${id}`)).body as { stage: string; organizationIds: string[]; onHold: boolean; cycle: number };

const tasksOf = async (partnershipId: string, filter: Record<string, unknown> = {}) =>
  (await coordinator.get(`/api/tasks?${listQuery({ partnershipId, ...filter }, ['openedAt', 'ASC'], [0, 199])}`)).body as TaskRow[];

async function openTask(partnershipId: string, kind: string, filter: Record<string, unknown> = {}): Promise<TaskRow> {
  return eventually(`an open ${kind} task`, async () => (await tasksOf(partnershipId, { kind, status: 'open', ...filter }))[0]);
}

/** Every member's representative agrees the CHANGE round in progress (the partners decide membership once a model is chosen). */
async function partnersAgree(id: string, members: [Session, string][]): Promise<void> {
  // Only the organizations the model's rule asks (under agreement, the role holders).
  const eligible: string[] = (await stateOf(id)).signoff.eligible;
  for (const [rep, organizationId] of members.filter(([, organizationId]) => eligible.includes(organizationId))) {
    const task = await openTask(id, 'DECIDE_CHANGE', { assigneeOrganizationId: organizationId });
    expectOk(await complete(rep, task.id, { decision: 'approve' }), `${organizationId} agrees`);
  }
}

const notesOf = async (session: Session, partnershipId: string) =>
  (await session.get(`/api/notifications?${listQuery({ partnershipId }, ['createdAt', 'ASC'], [0, 199])}`)).body as Note[];

const storedEvents = async (partnershipId: string) =>
  (
    await db.query('SELECT sequence, type, actor_id, occurred_at, payload FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence', [
      partnershipId,
    ])
  ).rows as StoredEvent[];

const eventsOfType = async (partnershipId: string, type: string) => (await storedEvents(partnershipId)).filter((event) => event.type === type);

const stateOf = async (partnershipId: string) => (await db.query('SELECT state FROM partnerships WHERE id = $1', [partnershipId])).rows[0]!.state as any;

/** Stops a partnership's timers (reminders, escalations, review cycles) once a test is done with it. */
async function quiesce(partnershipId: string) {
  const reply = await send(coordinator, partnershipId, { type: 'PutOnHold', reason: 'test finished' });
  if (reply.status !== 200 && reply.body?.code !== 'PARTNERSHIP.ON_HOLD') throw new Error(`hold: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** PRIORITY_SETTING → LISTENING: goals recorded and submitted, the sponsor approves. */
async function toListening(partnershipId: string) {
  await run(partnershipId, { type: 'RecordGoals', goals: smartGoals(), scope: 'The three counties of the eastern region' }, { type: 'SubmitPriorities' });
  const approval = await openTask(partnershipId, 'APPROVE_PRIORITIES');
  expectOk(await complete(sponsor, approval.id, { decision: 'approve' }), 'approve priorities');
}

/** Everything LISTENING needs before its sign-off can open. */
async function recordListening(partnershipId: string, organizationIds = [riverside, northwind]) {
  await run(
    partnershipId,
    { type: 'AddStakeholder', stakeholder: { name: 'County patients’ council', organizationId: riverside, interest: 5, influence: 3 } },
    { type: 'RecordListeningSession', session: { heldOn: today(), participants: ['Priya Partner', 'Noah Partner'], heard: 'Discharge delays', concerns: ['data sharing'] } },
    ...organizationIds.map((organizationId) => ({ type: 'ScoreAlignment', organizationId, scores: { '1': 3, '2': 2 } })),
  );
}

/** LISTENING → ROLE_IDENTIFICATION: both partners confirm. */
async function toRoleIdentification(partnershipId: string) {
  await toListening(partnershipId);
  await recordListening(partnershipId);
  await run(partnershipId, { type: 'OpenListeningSignoff' });
  for (const [rep, organizationId] of [
    [riversideRep, riverside],
    [northwindRep, northwind],
  ] as const) {
    const task = await openTask(partnershipId, 'CONFIRM_LISTENING', { assigneeOrganizationId: organizationId });
    expectOk(await complete(rep, task.id, { decision: 'approve' }), 'confirm listening');
  }
}

/** ROLE_IDENTIFICATION → MEASUREMENT: the whole agreement, issued and signed by both partners. Returns the KPI ids by owner. */
async function toMeasurement(partnershipId: string) {
  await toRoleIdentification(partnershipId);
  const kpi = (ownerOrganizationId: string, name: string, baseline: number, target: number, goalRank: number) => ({
    type: 'DefineKpi',
    kpi: { name, ownerOrganizationId, unit: name.includes('%') ? '%' : 'per 1,000', baseline, target, direction: target > baseline ? 'increase' : 'decrease', cadence: 'P1M', goalRank },
  });
  await run(
    partnershipId,
    {
      type: 'DefineRoles',
      roles: [
        { organizationId: riverside, goalRank: 1, responsibility: 'accountable' },
        { organizationId: northwind, goalRank: 1, responsibility: 'responsible' },
        { organizationId: northwind, goalRank: 2, responsibility: 'accountable' },
        { organizationId: riverside, goalRank: 2, responsibility: 'consulted' },
      ],
    },
    {
      type: 'CommitResources',
      resources: [
        { organizationId: riverside, description: 'Two discharge nurses', amount: 2, unit: 'FTE' },
        { organizationId: northwind, description: 'Grant funding', amount: 50000, unit: 'EUR' },
      ],
    },
    { type: 'ChooseManagementModel', model: 'collaborative' },
    {
      type: 'SetGovernance',
      governance: {
        pointsOfContact: { [riverside]: riversideRep.user.id, [northwind]: northwindRep.user.id },
        decisionRule: 'Agreement of every role holder',
        escalationPath: 'Steering group, then the sponsors',
      },
    },
    { type: 'SetConflictProcess', process: 'Mediation by the coordinator, then the steering group' },
    { type: 'SetTerminationTerms', options: ['renew', 'restructure', 'exit'], noticePeriod: 'P3M' },
    kpi(riverside, 'Emergency readmissions', 42, 30, 1),
    kpi(northwind, 'Deliveries under 24 h (%)', 55, 90, 2),
    { type: 'IssueAgreement' },
  );
  for (const [rep, organizationId] of [
    [riversideRep, riverside],
    [northwindRep, northwind],
  ] as const) {
    const task = await openTask(partnershipId, 'SIGN_AGREEMENT', { assigneeOrganizationId: organizationId });
    expectOk(await complete(rep, task.id, { decision: 'approve' }), 'sign the agreement');
  }
  const kpis = (await eventsOfType(partnershipId, 'KpiDefined')).map((event) => event.payload.kpi as { id: string; ownerOrganizationId: string });
  return Object.fromEntries(kpis.map((defined) => [defined.ownerOrganizationId, defined.id])) as Record<string, string>;
}

// ---------------------------------------------------------------------------------------------

describe('timers', () => {
  it('escalates an overdue task up the ladder: coordinator (level 1), sponsor (level 2), steering group (level 3)', async () => {
    const { id } = await createWith(FAST_POLICY);
    await run(id, { type: 'RecordGoals', goals: smartGoals(), scope: 'Eastern region' }, { type: 'SubmitPriorities' });
    const task = await openTask(id, 'APPROVE_PRIORITIES');

    const levelThree = await eventually(
      'the steering-group escalation',
      async () => {
        const escalations = await eventsOfType(id, 'TaskEscalated');
        return escalations.some((event) => event.payload.level === 3) ? escalations : undefined;
      },
      40_000,
    );
    // The ladder ends at level 3. Timers fire in time order, so once the log holds a reminder that
    // fired after a fourth level would have been due, a fourth escalation would already be there.
    const levelFourWouldBeAt = escalationAt(task, FAST_POLICY, 4);
    await eventually(
      'a reminder after a fourth escalation would have been due',
      async () => (await eventsOfType(id, 'ReminderSent')).find((event) => event.occurred_at.getTime() > levelFourWouldBeAt),
      40_000,
    );
    await quiesce(id);
    expect((await eventsOfType(id, 'TaskEscalated')).map((event) => event.payload.level)).toEqual([1, 2, 3]);

    // Each level once, in order, each reaching its own rung of the ladder.
    expect(levelThree.map((event) => event.payload.level)).toEqual([1, 2, 3]);
    expect(levelThree.every((event) => event.actor_id === 'system' && event.payload.taskId === task.id)).toBe(true);
    const sponsorIds = ((await coordinator.get(`/api/users?${listQuery({ role: 'sponsor' })}`)).body as { id: string }[]).map((user) => user.id);
    expect(levelThree[0]!.payload.recipients).toEqual([{ userId: coordinator.user.id }]);
    expect(levelThree[1]!.payload.recipients).toEqual([{ userId: sponsor.user.id }]);
    expect(levelThree[2]!.payload.recipients.map((recipient: { userId: string }) => recipient.userId).sort()).toEqual([...sponsorIds].sort());

    const coordinatorEscalations = (await notesOf(coordinator, id)).filter((note) => note.kind === 'escalation');
    expect(coordinatorEscalations.map((note) => note.message)).toEqual([expect.stringContaining('level 1')]);
    const sponsorNotes = await notesOf(sponsor, id);
    expect(sponsorNotes.filter((note) => note.kind === 'escalation').map((note) => note.message)).toEqual([
      expect.stringContaining('level 2'),
      expect.stringContaining('level 3'),
    ]);
    // The assignee is reminded first (half the window, a second before due), before any escalation.
    const firstEscalation = sponsorNotes.findIndex((note) => note.kind === 'escalation');
    expect(sponsorNotes.slice(0, firstEscalation).filter((note) => note.kind === 'reminder').length).toBeGreaterThanOrEqual(2);

    const row = (await tasksOf(id, { id: task.id }))[0]!;
    expect(row).toMatchObject({ status: 'open', escalationLevel: 3 });
  });

  it("reminds an organization's representatives of its task, and only them", async () => {
    const { id } = await createWith(FAST_POLICY);
    await toListening(id);
    await recordListening(id);
    await run(id, { type: 'OpenListeningSignoff' });
    const riversideTask = await openTask(id, 'CONFIRM_LISTENING', { assigneeOrganizationId: riverside });
    const northwindTask = await openTask(id, 'CONFIRM_LISTENING', { assigneeOrganizationId: northwind });

    const riversideReminders = await eventually('a reminder for Riverside’s representative', async () => {
      const notes = (await notesOf(riversideRep, id)).filter((note) => note.kind === 'reminder');
      return notes.length > 0 ? notes : undefined;
    });
    const northwindReminders = await eventually('a reminder for Northwind’s representative', async () => {
      const notes = (await notesOf(northwindRep, id)).filter((note) => note.kind === 'reminder');
      return notes.length > 0 ? notes : undefined;
    });
    await quiesce(id);

    expect(riversideReminders[0]!.message).toContain('Confirm your organization');
    expect(riversideReminders.every((note) => note.taskId === riversideTask.id)).toBe(true);
    expect(northwindReminders.every((note) => note.taskId === northwindTask.id)).toBe(true);
    const reminderEvents = await eventsOfType(id, 'ReminderSent');
    expect(reminderEvents.find((event) => event.payload.taskId === riversideTask.id)!.payload.recipients).toEqual([{ organizationId: riverside }]);
    // The reminder is the organization's: neither the coordinator nor the sponsor is reminded of it.
    expect((await notesOf(coordinator, id)).filter((note) => note.kind === 'reminder')).toEqual([]);
  });
});

describe('review cycles', () => {
  it('opens measurement, health-check and review tasks each cycle; continue keeps measuring, revisit_roles goes back', async () => {
    const { id } = await createWith(reviewPolicy('PT3S'));
    const kpiOf = await toMeasurement(id);
    expect((await partnership(id)).stage).toBe('MEASUREMENT');
    expect(Object.keys(kpiOf).sort()).toEqual([riverside, northwind].sort());
    const repOf: Record<string, Session> = { [riverside]: riversideRep, [northwind]: northwindRep };

    const runCycle = async (cycle: number, values: Record<string, number>, review: Record<string, unknown>) => {
      const opened = await eventually(`cycle ${cycle}'s tasks`, async () => {
        const tasks = await tasksOf(id, { cycle: String(cycle) });
        return tasks.length >= 4 ? tasks : undefined;
      });
      // One measurement report per KPI owner, one health check per organization, no review yet.
      const summary = (tasks: TaskRow[]) => tasks.map((task) => `${task.kind}:${task.assigneeOrganizationId}`).sort();
      expect(summary(opened)).toEqual(
        [`REPORT_MEASUREMENT:${riverside}`, `REPORT_MEASUREMENT:${northwind}`, `HEALTH_CHECK:${riverside}`, `HEALTH_CHECK:${northwind}`].sort(),
      );
      for (const task of opened.filter((candidate) => candidate.kind === 'REPORT_MEASUREMENT')) {
        const owner = task.assigneeOrganizationId!;
        const kpiId = kpiOf[owner]!;
        if (cycle === 1 && owner === riverside) {
          // The other organization cannot report for this one; a report must cover the owner's KPIs.
          expect(await complete(northwindRep, task.id, { decision: 'approve', data: { values: { [kpiId]: 1 } } })).toMatchObject({
            status: 403,
            body: { code: 'TASK.NOT_ASSIGNEE' },
          });
          expect(await complete(riversideRep, task.id, { decision: 'approve', data: { values: {} } })).toMatchObject({
            status: 422,
            body: { code: 'TASK.INVALID_DATA', errors: { [`data.values.${kpiId}`]: expect.any(String) } },
          });
        }
        expectOk(await complete(repOf[owner]!, task.id, { decision: 'approve', data: { values: { [kpiId]: values[owner]! } } }), 'report');
      }
      expect(await tasksOf(id, { cycle: String(cycle), kind: 'REVIEW' })).toEqual([]);
      for (const task of opened.filter((candidate) => candidate.kind === 'HEALTH_CHECK')) {
        const data = { strategy: 4, operations: 3, relationship: cycle + 2, governance: 4, recommend: 8 };
        expectOk(await complete(repOf[task.assigneeOrganizationId!]!, task.id, { decision: 'approve', data }), 'health check');
      }
      const reviewTask = (await tasksOf(id, { cycle: String(cycle), kind: 'REVIEW' }))[0];
      expect(reviewTask).toMatchObject({ status: 'open', assigneeUserId: coordinator.user.id });
      expectOk(await complete(coordinator, reviewTask!.id, { decision: 'approve', data: review }), 'review');
    };

    await runCycle(1, { [riverside]: 38, [northwind]: 61 }, { outcome: 'continue', goalScores: { '1': 1, '2': 0 } });
    expect((await partnership(id)).stage).toBe('MEASUREMENT');
    await runCycle(2, { [riverside]: 35, [northwind]: 70 }, { outcome: 'revisit_roles', goalScores: { '1': 1, '2': 1 }, reason: 'Northwind takes on deliveries' });
    // The review proposes the revisit; the partners decide, and until they do the partnership measures on.
    expect((await partnership(id)).stage).toBe('MEASUREMENT');
    expect(await openTask(id, 'DECIDE_CHANGE', { assigneeOrganizationId: riverside })).toMatchObject({ status: 'open' });
    await partnersAgree(id, [
      [riversideRep, riverside],
      [northwindRep, northwind],
    ]);
    expect((await partnership(id)).stage).toBe('ROLE_IDENTIFICATION');

    const events = await storedEvents(id);
    const measurements = events.filter((event) => event.type === 'MeasurementRecorded').map((event) => event.payload.measurement);
    expect(measurements.map((m) => `${m.cycle}:${m.kpiId}=${m.value}`).sort()).toEqual(
      [`1:${kpiOf[riverside]}=38`, `1:${kpiOf[northwind]}=61`, `2:${kpiOf[riverside]}=35`, `2:${kpiOf[northwind]}=70`].sort(),
    );
    expect(measurements.every((m) => m.onTime === true)).toBe(true);
    const checks = events.filter((event) => event.type === 'HealthCheckRecorded').map((event) => event.payload.check);
    expect(checks.map((check) => `${check.cycle}:${check.organizationId}:${check.scores.relationship}`).sort()).toEqual(
      [`1:${riverside}:3`, `1:${northwind}:3`, `2:${riverside}:4`, `2:${northwind}:4`].sort(),
    );
    expect(events.filter((event) => event.type === 'ReviewDecided').map((event) => event.payload)).toEqual([
      { cycle: 1, outcome: 'continue' },
      { cycle: 2, outcome: 'revisit_roles' },
    ]);
    expect(events.filter((event) => event.type === 'GoalAttainmentScored')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'StageAdvanced').at(-1)!.payload).toMatchObject({ from: 'MEASUREMENT', to: 'ROLE_IDENTIFICATION', reason: 'the partners agreed to revisit the roles' });

    // Back in ROLE_IDENTIFICATION the roles can be edited again, and no further review cycle opens.
    const cyclesOpened = events.filter((event) => event.type === 'ReviewCycleOpened').length;
    expectOk(
      await send(coordinator, id, {
        type: 'DefineRoles',
        roles: [
          { organizationId: northwind, goalRank: 1, responsibility: 'accountable' },
          { organizationId: riverside, goalRank: 2, responsibility: 'accountable' },
        ],
      }),
      'redefine roles',
    );
    // Outside MEASUREMENT no review timer is pending; and none fires in three whole cycles (PT3S)
    // after the decision, a bound no scheduling delay comes near.
    expect((await coordinator.get<{ purpose: string }[]>(`/api/partnerships/${id}/deadlines`)).body.filter((entry) => entry.purpose === 'review')).toEqual([]);
    const decidedAt = events.filter((event) => event.type === 'ReviewDecided').at(-1)!.occurred_at.getTime();
    await sleep(Math.max(0, decidedAt + 3 * 3_000 - Date.now()));
    expect((await eventsOfType(id, 'ReviewCycleOpened')).length).toBe(cyclesOpened);
    await quiesce(id);
  });
});

describe('hold and resume', () => {
  it('pauses every timer while on hold, refuses other commands, and shifts due dates by the time held', async () => {
    const policy: Policy = { ...SLOW_POLICY, taskDue: 'PT8S', reminderBeforeDue: 'PT1S', overdueReminderEvery: 'PT1H', escalateAfterOverdue: 'PT1H' };
    const { id } = await createWith(policy);
    await run(id, { type: 'RecordGoals', goals: smartGoals(), scope: 'Eastern region' }, { type: 'SubmitPriorities' });
    const before = await openTask(id, 'APPROVE_PRIORITIES');
    expectOk(await send(coordinator, id, { type: 'PutOnHold', reason: 'Budget freeze until the board meets' }), 'hold');
    expect(await partnership(id)).toMatchObject({ onHold: true });

    // The first reminder was due 4 s after the task opened; wait well past it.
    const firstReminderAt = Date.parse(before.openedAt) + 4_000;
    const waitedFrom = Date.now();
    await sleep(Math.max(2_500, firstReminderAt + 2_500 - Date.now()));
    const waited = Date.now() - waitedFrom;
    expect(await eventsOfType(id, 'ReminderSent')).toEqual([]);
    expect(await notesOf(sponsor, id)).toEqual([]);

    for (const command of [
      { type: 'RecordGoals', goals: smartGoals(), scope: 'x' },
      { type: 'PutOnHold', reason: 'again' },
      { type: 'MoveDueDate', taskId: before.id, dueAt: new Date(Date.now() + 86_400_000).toISOString() },
    ]) {
      expect(await send(coordinator, id, command)).toMatchObject({ status: 409, body: { code: 'PARTNERSHIP.ON_HOLD' } });
    }
    expect(await complete(sponsor, before.id, { decision: 'approve' })).toMatchObject({ status: 409, body: { code: 'PARTNERSHIP.ON_HOLD' } });

    expectOk(await send(coordinator, id, { type: 'Resume' }), 'resume');
    expect(await send(coordinator, id, { type: 'Resume' })).toMatchObject({ status: 409, body: { code: 'PARTNERSHIP.NOT_ON_HOLD' } });
    // The time held is the log's own: from the hold event to the resume event, nothing in between,
    // and at least the wait the test spent inside it.
    const log = await storedEvents(id);
    const held = log.find((event) => event.type === 'PartnershipPutOnHold')!;
    const resumed = log.find((event) => event.type === 'PartnershipResumed')!;
    expect(resumed.sequence).toBe(held.sequence + 1);
    const heldForMs = resumed.payload.heldForMs as number;
    expect(heldForMs).toBe(resumed.occurred_at.getTime() - held.occurred_at.getTime());
    expect(heldForMs).toBeGreaterThanOrEqual(waited);

    const after = (await tasksOf(id, { id: before.id }))[0]!;
    expect(after.status).toBe('open');
    expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBeCloseTo(heldForMs, -1);
    expect(Date.parse(after.openedAt) - Date.parse(before.openedAt)).toBeCloseTo(heldForMs, -1);
    const stateTask = (await stateOf(id)).openTasks.find((task: { id: string }) => task.id === before.id);
    expect(stateTask.dueAt).toBe(after.dueAt);

    const reminder = await eventually('the reminder after resuming', async () => (await notesOf(sponsor, id)).find((note) => note.kind === 'reminder'), 20_000);
    expect(Date.parse(reminder.createdAt)).toBeGreaterThanOrEqual(resumed.occurred_at.getTime());
    expect(reminder.message).toContain(after.dueAt);
    await quiesce(id);
  });
});

describe('membership', () => {
  it('has a joining partner, once the partners agree, sign the adopted agreement, and a leaving partner hand over its tasks without changing the stage', async () => {
    const { id } = await createWith(reviewPolicy('PT2S'));
    const kpiOf = await toMeasurement(id);
    // Wait for the first review cycle so that Northwind has open tasks.
    await eventually('cycle 1', async () => ((await tasksOf(id, { cycle: '1', assigneeOrganizationId: northwind })).length >= 2 ? true : undefined));

    expectOk(await send(coordinator, id, { type: 'AddOrganization', organizationId: eastvale, reason: 'Eastvale runs the vans' }), 'propose Eastvale');
    // A management model is chosen: the partners decide; until they agree, Eastvale is not a member.
    expect((await partnership(id)).organizationIds).toEqual([riverside, northwind]);
    expect(await openTask(id, 'DECIDE_CHANGE', { assigneeOrganizationId: riverside })).toMatchObject({ title: expect.stringMatching(/^Agree to admit an organization: /) });
    await partnersAgree(id, [
      [riversideRep, riverside],
      [northwindRep, northwind],
    ]);
    const joining = await openTask(id, 'SIGN_AGREEMENT', { assigneeOrganizationId: eastvale });
    expect(joining).toMatchObject({ purpose: 'joining', detail: null, status: 'open' });
    expect((await partnership(id)).organizationIds).toEqual([riverside, northwind, eastvale]);

    // Eastvale's representative signs the agreement in force: the signature names Eastvale and that version.
    const admin = await login(DEMO.admin);
    const email = directory.email('eastvale.rep');
    const password = 'a long test password';
    expect((await admin.post('/api/users', { email, name: 'Eve Eastvale', role: 'partner', organizationId: eastvale, password })).status).toBe(201);
    const eastvaleRep = await login(email, { password });
    const signedBefore = (await eventsOfType(id, 'AgreementSigned')).length;
    expectOk(await complete(eastvaleRep, joining.id, { decision: 'approve' }), 'Eastvale signs');
    expect((await tasksOf(id, { id: joining.id }))[0]).toMatchObject({ status: 'completed', decision: 'approve', completedBy: eastvaleRep.user.id });
    const signatures = await eventsOfType(id, 'AgreementSigned');
    expect(signatures.length).toBe(signedBefore + 1);
    expect(signatures.at(-1)!.payload).toMatchObject({ organizationId: eastvale, version: (await stateOf(id)).agreement.version });
    expect((await partnership(id)).stage).toBe('MEASUREMENT');
    expect(await send(coordinator, id, { type: 'AddOrganization', organizationId: eastvale })).toMatchObject({ status: 422, body: { code: 'MEMBERSHIP.INVALID' } });

    // Northwind holds roles and a KPI: it may leave only by naming who takes them over.
    expect(await send(coordinator, id, { type: 'RemoveOrganization', organizationId: northwind })).toMatchObject({
      status: 422,
      body: { code: 'MEMBERSHIP.INVALID', errors: { reassignTo: expect.any(String) } },
    });
    const northwindOpen = await tasksOf(id, { assigneeOrganizationId: northwind, status: 'open' });
    expect(northwindOpen.length).toBeGreaterThanOrEqual(2);
    expectOk(await send(coordinator, id, { type: 'RemoveOrganization', organizationId: northwind, reassignTo: riverside }), 'propose removing Northwind');
    expect((await partnership(id)).organizationIds).toEqual([riverside, northwind, eastvale]);
    await partnersAgree(id, [
      [riversideRep, riverside],
      [northwindRep, northwind],
      [eastvaleRep, eastvale],
    ]);

    const record = await partnership(id);
    expect(record.stage).toBe('MEASUREMENT');
    expect(record.organizationIds).toEqual([riverside, eastvale]);
    expect(await tasksOf(id, { assigneeOrganizationId: northwind, status: 'open' })).toEqual([]);
    for (const task of northwindOpen) {
      expect((await tasksOf(id, { id: task.id }))[0]).toMatchObject({ status: 'cancelled', cancelReason: 'the organization left the partnership' });
    }
    const state = await stateOf(id);
    expect(state.kpis.find((kpi: { id: string }) => kpi.id === kpiOf[northwind]).ownerOrganizationId).toBe(riverside);
    expect(state.roles.filter((role: { organizationId: string }) => role.organizationId === northwind)).toEqual([]);
    expect((await eventsOfType(id, 'OrganizationLeft'))[0]!.payload).toEqual({ organizationId: northwind, reassignTo: riverside });
    // Northwind's representative no longer sees the partnership.
    expect((await northwindRep.get(`/api/partnerships/${id}`)).status).toBe(404);

    // Two organizations is the floor.
    expect(await send(coordinator, id, { type: 'RemoveOrganization', organizationId: eastvale, reassignTo: riverside })).toMatchObject({
      status: 422,
      body: { code: 'MEMBERSHIP.INVALID', errors: { organizationId: expect.any(String) } },
    });
    expect((await partnership(id)).organizationIds).toEqual([riverside, eastvale]);
    await quiesce(id);
  });
});

describe('idempotent retries', () => {
  it('applies a command sent twice with the same Idempotency-Key once, and answers the same', async () => {
    const { id } = await createWith(SLOW_POLICY);
    const key = uniqueKey('goals');
    const command = { type: 'RecordGoals', goals: smartGoals(), scope: 'Eastern region' };
    const first = await send(coordinator, id, command, idempotent(key));
    const second = await send(coordinator, id, command, idempotent(key));
    expect(first.status).toBe(200);
    expect(second).toEqual(expect.objectContaining({ status: 200, body: first.body }));
    expect(first.body.events).toEqual([{ sequence: 2, type: 'GoalsRecorded' }]);
    expect((await storedEvents(id)).map((event) => event.type)).toEqual(['PartnershipCreated', 'GoalsRecorded']);

    // A different key is a different request.
    expectOk(await send(coordinator, id, command, idempotent(uniqueKey('goals'))), 'other key');
    expect((await eventsOfType(id, 'GoalsRecorded')).length).toBe(2);

    // The same key with another command is refused, not silently answered with the first result.
    const reused = await send(coordinator, id, { type: 'SubmitPriorities' }, idempotent(key));
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
    expect((await storedEvents(id)).map((event) => event.type)).not.toContain('PrioritiesSubmitted');
  });

  it('completes a task once when the completion is retried with the same key', async () => {
    const { id } = await createWith(SLOW_POLICY);
    await run(id, { type: 'RecordGoals', goals: smartGoals(), scope: 'Eastern region' }, { type: 'SubmitPriorities' });
    const task = await openTask(id, 'APPROVE_PRIORITIES');
    const key = uniqueKey('approve');
    const first = await complete(sponsor, task.id, { decision: 'approve', comment: 'Looks right' }, idempotent(key));
    const second = await complete(sponsor, task.id, { decision: 'approve', comment: 'Looks right' }, idempotent(key));
    expect(first.status).toBe(200);
    expect(second).toEqual(expect.objectContaining({ status: 200, body: first.body }));
    const types = (await storedEvents(id)).map((event) => event.type);
    expect(types.filter((type) => type === 'TaskCompleted')).toHaveLength(1);
    expect(types.filter((type) => type === 'StageAdvanced')).toHaveLength(1);
    expect((await partnership(id)).stage).toBe('LISTENING');
    // Without the key, the retry meets a task that is no longer open.
    expect(await complete(sponsor, task.id, { decision: 'approve' })).toMatchObject({ status: 409, body: { code: 'TASK.NOT_FOUND' } });
  });

  it('creates one partnership when the create is retried with the same key', async () => {
    const key = uniqueKey('create');
    const name = `Idempotent create ${key}`;
    const body = { name, description: 'Retried', sponsorId: sponsor.user.id, organizationIds: [riverside, northwind], policy: SLOW_POLICY };
    const first = await coordinator.post('/api/partnerships', body, idempotent(key));
    const second = await coordinator.post('/api/partnerships', body, idempotent(key));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect((await db.query('SELECT count(*)::int AS n FROM partnerships WHERE name = $1', [name])).rows[0].n).toBe(1);
    expect((await storedEvents(first.body.id)).map((event) => event.type)).toEqual(['PartnershipCreated']);

    const reused = await coordinator.post('/api/partnerships', { ...body, name: `${name} (other)` }, idempotent(key));
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
  });
});

describe('simultaneous sign-offs', () => {
  it('records both partners confirming at the same instant and advances the stage once', async () => {
    const { id } = await createWith(SLOW_POLICY);
    await toListening(id);
    await recordListening(id);
    await run(id, { type: 'OpenListeningSignoff' });
    const riversideTask = await openTask(id, 'CONFIRM_LISTENING', { assigneeOrganizationId: riverside });
    const northwindTask = await openTask(id, 'CONFIRM_LISTENING', { assigneeOrganizationId: northwind });

    const replies = await Promise.all([complete(riversideRep, riversideTask.id, { decision: 'approve' }), complete(northwindRep, northwindTask.id, { decision: 'approve' })]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200]);

    const events = await storedEvents(id);
    const given = events.filter((event) => event.type === 'SignoffGiven');
    expect(given.map((event) => event.payload.organizationId).sort()).toEqual([riverside, northwind].sort());
    expect(events.filter((event) => event.type === 'SignoffCompleted').map((event) => event.payload)).toEqual([{ subject: 'LISTENING', outcome: 'approved' }]);
    expect(events.filter((event) => event.type === 'StageAdvanced' && event.payload.to === 'ROLE_IDENTIFICATION')).toHaveLength(1);
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index + 1));
    expect((await partnership(id)).stage).toBe('ROLE_IDENTIFICATION');
  });
});

describe('moving a due date', () => {
  it('records the move as an event and changes the task; a past date is refused', async () => {
    const { id } = await createWith(SLOW_POLICY);
    await run(id, { type: 'RecordGoals', goals: smartGoals(), scope: 'Eastern region' }, { type: 'SubmitPriorities' });
    const task = await openTask(id, 'APPROVE_PRIORITIES');
    const dueAt = new Date(Date.parse(task.dueAt) + 3 * 86_400_000).toISOString();

    const moved = await send(coordinator, id, { type: 'MoveDueDate', taskId: task.id, dueAt });
    expect(moved.status).toBe(200);
    expect(moved.body.events).toEqual([expect.objectContaining({ type: 'TaskDueDateMoved' })]);
    const [event] = await eventsOfType(id, 'TaskDueDateMoved');
    expect(event).toMatchObject({ actor_id: coordinator.user.id, payload: { taskId: task.id, from: task.dueAt, to: dueAt } });
    expect((await tasksOf(id, { id: task.id }))[0]!.dueAt).toBe(dueAt);

    const past = await send(coordinator, id, { type: 'MoveDueDate', taskId: task.id, dueAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past).toMatchObject({ status: 422, body: { code: 'TASK.INVALID_DUE_DATE', errors: { dueAt: expect.any(String) } } });
    expect(await send(coordinator, id, { type: 'MoveDueDate', taskId: `${id}.999`, dueAt })).toMatchObject({ status: 409, body: { code: 'TASK.NOT_FOUND' } });
    expect(await send(riversideRep, id, { type: 'MoveDueDate', taskId: task.id, dueAt })).toMatchObject({ status: 403 });
    expect(await eventsOfType(id, 'TaskDueDateMoved')).toHaveLength(1);
    expect((await tasksOf(id, { id: task.id }))[0]!.dueAt).toBe(dueAt);
  });
});

describe('role scoping', () => {
  it('keeps partners to their own organization, auditors read-only, and tasks to their assignees', async () => {
    const { id } = await createWith(SLOW_POLICY);
    await toListening(id);
    const versionBefore = (await storedEvents(id)).length;

    expect(await send(riversideRep, id, { type: 'AddStakeholder', stakeholder: { name: 'x', organizationId: null, interest: 1, influence: 1 } })).toMatchObject({ status: 403 });
    expect(await send(riversideRep, id, { type: 'OpenListeningSignoff' })).toMatchObject({ status: 403 });
    expect(await send(riversideRep, id, { type: 'PutOnHold', reason: 'mine now' })).toMatchObject({ status: 403 });
    expect(await send(riversideRep, id, { type: 'ScoreAlignment', organizationId: northwind, scores: { '1': 0, '2': 0 } })).toMatchObject({ status: 403 });
    expect(await send(auditor, id, { type: 'ScoreAlignment', organizationId: riverside, scores: { '1': 1, '2': 1 } })).toMatchObject({ status: 403 });
    expect(await send(auditor, id, { type: 'PutOnHold', reason: 'audit' })).toMatchObject({ status: 403 });
    expect(await send(sponsor, id, { type: 'AddStakeholder', stakeholder: { name: 'x', organizationId: null, interest: 1, influence: 1 } })).toMatchObject({ status: 403 });
    expect((await storedEvents(id)).length).toBe(versionBefore);

    const own = await send(riversideRep, id, { type: 'ScoreAlignment', organizationId: riverside, scores: { '1': 2, '2': 3 } });
    expect(own.status).toBe(200);
    const [scored] = await eventsOfType(id, 'AlignmentScored');
    expect(scored).toMatchObject({ actor_id: riversideRep.user.id, payload: { organizationId: riverside, scores: { '1': 2, '2': 3 } } });
    expect(await send(northwindRep, id, { type: 'ScoreAlignment', organizationId: riverside, scores: { '1': 0, '2': 0 } })).toMatchObject({ status: 403 });
    expect((await stateOf(id)).alignment[riverside]).toEqual({ '1': 2, '2': 3 });

    await recordListening(id, [northwind]);
    await run(id, { type: 'OpenListeningSignoff' });
    const riversideTask = await openTask(id, 'CONFIRM_LISTENING', { assigneeOrganizationId: riverside });
    for (const outsider of [sponsor, coordinator, northwindRep]) {
      expect(await complete(outsider, riversideTask.id, { decision: 'approve' })).toMatchObject({ status: 403, body: { code: 'TASK.NOT_ASSIGNEE' } });
    }
    expect(await complete(auditor, riversideTask.id, { decision: 'approve' })).toMatchObject({ status: 403 });
    expect(await eventsOfType(id, 'SignoffGiven')).toEqual([]);
    expect((await tasksOf(id, { id: riversideTask.id }))[0]!.status).toBe('open');
    expectOk(await complete(riversideRep, riversideTask.id, { decision: 'approve' }), 'own task');
    expect((await eventsOfType(id, 'SignoffGiven')).map((event) => event.payload.organizationId)).toEqual([riverside]);
  });
});
