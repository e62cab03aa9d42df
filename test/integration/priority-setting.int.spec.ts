/**
 * The walking skeleton's slice over HTTP against the real stack: a coordinator creates a
 * partnership, records and submits SMART goals, the sponsor rejects then approves; timers remind
 * and escalate on a second-scale policy; bad input is answered 400/422/409 and records nothing.
 */
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, listQuery, login, request, type Session } from '../support/http.js';
import { FAST_POLICY, createPartnership, directory, openTaskOf, smartGoals, submitGoals } from '../support/partnerships.js';

let coordinator: Session;
let sponsor: Session;
let db: pg.Client;

beforeAll(async () => {
  [coordinator, sponsor] = await Promise.all([login(DEMO.coordinator), login(DEMO.sponsor)]);
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

const storedEvents = async (partnershipId: string) =>
  (await db.query('SELECT sequence, type, actor_id FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence', [partnershipId])).rows as {
    sequence: number;
    type: string;
    actor_id: string;
  }[];

/** The partnerships that the rows of a list belong to, across all its pages. */
async function partnershipIdsListed(session: Session, resource: string, filter: Record<string, unknown>, sort: [string, 'ASC' | 'DESC']): Promise<string[]> {
  const ids = new Set<string>();
  for (let start = 0; ; start += 500) {
    const reply = await session.get<{ id: string; partnershipId?: string }[]>(`/api/${resource}?${listQuery(filter, sort, [start, start + 499])}`);
    expect(reply.status, resource).toBe(200);
    for (const row of reply.body) ids.add(resource === 'partnerships' ? row.id : row.partnershipId!);
    if (reply.body.length < 500) return [...ids];
  }
}

describe('priority setting, end to end', () => {
  it('creates the partnership and its workflow in PRIORITY_SETTING, searchable by stage, organizations and coordinator', async () => {
    const partnership = await createPartnership(coordinator);
    expect(partnership).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING', version: 1 });
    const members = ((await coordinator.get(`/api/partnerships/${partnership.id}`)).body as { organizationIds: string[] }).organizationIds;
    expect(members).toHaveLength(2);
    expect(await storedEvents(partnership.id)).toEqual([{ sequence: 1, type: 'PartnershipCreated', actor_id: coordinator.user.id }]);

    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const client = new Client({ connection, namespace: inject('temporalNamespace') });
      const handle = client.workflow.getHandle(`partnership-${partnership.id}`);
      const description = await handle.describe();
      expect(description.status.name).toBe('RUNNING');
      expect(description.searchAttributes.PartnershipStage).toEqual(['PRIORITY_SETTING']);
      expect([...(description.searchAttributes.PartnershipOrganizations ?? [])].sort()).toEqual([...members].sort());
      expect(description.searchAttributes.PartnershipCoordinator).toEqual([coordinator.user.id]);

      // A new member is searchable as soon as it joins, beside the coordinator.
      const { organizationIds } = await directory(coordinator);
      const joining = organizationIds.find((organizationId) => !members.includes(organizationId))!;
      expect((await coordinator.post(`/api/partnerships/${partnership.id}/commands`, { type: 'AddOrganization', organizationId: joining })).status).toBe(200);
      const joined = await eventually('the new member in the search attributes', async () => {
        const organizations = (await handle.describe()).searchAttributes.PartnershipOrganizations ?? [];
        return organizations.length === 3 ? organizations : undefined;
      });
      expect([...joined].sort()).toEqual([...members, joining].sort());
      const found = await eventually('the workflow found by its new member and its coordinator', async () => {
        const query = `WorkflowId = 'partnership-${partnership.id}' AND PartnershipOrganizations = '${joining}' AND PartnershipCoordinator = '${coordinator.user.id}'`;
        const runs: string[] = [];
        for await (const run of client.workflow.list({ query })) runs.push(run.workflowId);
        return runs.length > 0 ? runs : undefined;
      });
      expect(found).toEqual([`partnership-${partnership.id}`]);
    } finally {
      await connection.close();
    }
  });

  it('answers malformed input with 400 and per-field messages', async () => {
    const { id } = await createPartnership(coordinator);
    const reply = await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'RecordGoals', goals: [{ rank: 'first' }], scope: 'x' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, code: 'REQUEST.MALFORMED' });
    expect(Object.keys(reply.body.errors)).toEqual(expect.arrayContaining(['goals.0.rank', 'goals.0.title', 'goals.0.dueDate']));

    const unknownCommand = await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'DropTable' });
    expect(unknownCommand.status).toBe(400);
    const brokenJson = await request('POST', `/api/partnerships/${id}/commands`, { token: coordinator.token, raw: '{"type":' });
    expect(brokenJson).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED' } });
    const nul = await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'RecordGoals', goals: smartGoals(), scope: 'East\u0000ern' });
    expect(nul).toMatchObject({ status: 400, body: { errors: { scope: expect.stringContaining('NUL') } } });
    const { organizationIds, sponsorId } = await directory(coordinator);
    const hugePolicy = await coordinator.post('/api/partnerships', { name: 'Forever', sponsorId, organizationIds: organizationIds.slice(0, 2), policy: { escalateAfterOverdue: 'P999999999D' } });
    expect(hugePolicy).toMatchObject({ status: 422, body: { code: 'PARTNERSHIP.INVALID_DEFINITION', errors: { 'policy.escalateAfterOverdue': 'must be at most five years' } } });
    const badList = await coordinator.get('/api/partnerships?sort=["name","SIDEWAYS"]');
    expect(badList.status).toBe(400);
    expect(badList.body.errors).toHaveProperty('sort');
    expect(await storedEvents(id)).toHaveLength(1);
  });

  it('answers input PostgreSQL cannot hold, or nested absurdly deep, with 400, never 500', async () => {
    const deep = `{"email":"a@b.test","password":"x","z":${'['.repeat(40_000)}${']'.repeat(40_000)}}`;
    expect(await request('POST', '/api/auth/login', { raw: deep })).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED', errors: { z: expect.stringContaining('nested deeper') } } });
    const nulFilter = await coordinator.get(`/api/organizations?filter=${encodeURIComponent(JSON.stringify({ q: 'a\u0000b' }))}`);
    expect(nulFilter).toMatchObject({ status: 400, body: { errors: { 'filter.q': expect.stringContaining('NUL') } } });
    for (const path of ['/api/tasks/%00', '/api/users/%00', '/api/organizations/%00', '/api/events/%00']) {
      expect(await coordinator.get(path), path).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED', errors: { path: expect.stringContaining('control character') } } });
    }
    expect((await coordinator.get('/api/tasks/not-a-task')).status).toBe(404);
    expect((await coordinator.post('/api/tasks/%00/complete', { decision: 'approve' })).status).toBe(400);
  });

  it('answers a broken rule with 422 and its code, recording nothing', async () => {
    const { id } = await createPartnership(coordinator);
    const [first, second] = smartGoals();
    const reply = await coordinator.post(`/api/partnerships/${id}/commands`, {
      type: 'RecordGoals',
      goals: [{ ...first, target: first!.baseline }, { ...second, rank: 1 }],
      scope: 'Eastern region',
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'PRIORITIES.INVALID_GOALS', errors: { 'goals.0.target': expect.any(String), goals: expect.any(String) } });

    const submitEmpty = await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'SubmitPriorities' });
    expect(submitEmpty).toMatchObject({ status: 422, body: { code: 'PRIORITIES.NO_GOALS' } });

    expect(await storedEvents(id)).toHaveLength(1);
    expect((await coordinator.get(`/api/partnerships/${id}`)).body).toMatchObject({ version: 1, goals: [] });
  });

  it('lets the sponsor reject with a reason, then approve, moving the partnership to LISTENING', async () => {
    const timelineName = `Reworked priorities ${Math.random().toString(36).slice(2, 8)}`;
    const { id } = await createPartnership(coordinator, undefined, timelineName);
    await submitGoals(coordinator, id);
    const task = await openTaskOf(sponsor, id);
    expect(task).toMatchObject({ kind: 'APPROVE_PRIORITIES', partnershipId: id, status: 'open' });

    const resubmit = await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'SubmitPriorities' });
    expect(resubmit).toMatchObject({ status: 409, body: { code: 'PRIORITIES.ALREADY_SUBMITTED' } });
    const byCoordinator = await coordinator.post(`/api/tasks/${task!.id}/complete`, { decision: 'approve' });
    expect(byCoordinator).toMatchObject({ status: 403, body: { code: 'TASK.NOT_ASSIGNEE' } });
    const noReason = await sponsor.post(`/api/tasks/${task!.id}/complete`, { decision: 'reject' });
    expect(noReason).toMatchObject({ status: 422, body: { code: 'TASK.REASON_REQUIRED', errors: { comment: expect.any(String) } } });

    const rejected = await sponsor.post(`/api/tasks/${task!.id}/complete`, { decision: 'reject', comment: 'Goal 2 needs a regional baseline' });
    expect(rejected.status).toBe(200);
    expect((await coordinator.get(`/api/partnerships/${id}`)).body).toMatchObject({
      stage: 'PRIORITY_SETTING',
      prioritiesStatus: 'DRAFTING',
      lastRejectionReason: 'Goal 2 needs a regional baseline',
    });

    await submitGoals(coordinator, id);
    const second = await openTaskOf(sponsor, id);
    expect(second?.id).not.toBe(task!.id);
    const approved = await sponsor.post(`/api/tasks/${second!.id}/complete`, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect((await coordinator.get(`/api/partnerships/${id}`)).body).toMatchObject({ stage: 'LISTENING', prioritiesStatus: 'APPROVED' });

    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const client = new Client({ connection, namespace: inject('temporalNamespace') });
      const listed = async (stage: string) => {
        const ids: string[] = [];
        for await (const workflow of client.workflow.list({ query: `PartnershipStage="${stage}" AND WorkflowId="partnership-${id}"` })) ids.push(workflow.workflowId);
        return ids;
      };
      await eventually('the stage search attribute', async () => ((await listed('LISTENING')).length === 1 ? true : undefined));
      expect(await listed('PRIORITY_SETTING')).toEqual([]);
    } finally {
      await connection.close();
    }

    const late = await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'RecordGoals', goals: smartGoals(), scope: 'x' });
    expect(late).toMatchObject({ status: 409, body: { code: 'PARTNERSHIP.WRONG_STAGE' } });

    const timeline = (await coordinator.get(`/api/events?${listQuery({ partnershipId: id }, ['sequence', 'ASC'])}`)).body as {
      type: string;
      actorId: string;
      actorName: string;
    }[];
    expect(timeline.map((event) => event.type)).toEqual([
      'PartnershipCreated',
      'GoalsRecorded',
      'PrioritiesSubmitted',
      'TaskOpened',
      'TaskCompleted',
      'PrioritiesRejected',
      'GoalsRecorded',
      'PrioritiesSubmitted',
      'TaskOpened',
      'TaskCompleted',
      'PrioritiesApproved',
      'StageAdvanced',
    ]);
    expect(timeline[5]).toMatchObject({ actorId: sponsor.user.id, actorName: 'Sam Sponsor' });
    expect(timeline[1]).toMatchObject({ actorId: coordinator.user.id });

    // The timeline narrows by actor, event type and time range, each filter on its own and together.
    const filtered = async (filter: Record<string, unknown>) =>
      ((await coordinator.get(`/api/events?${listQuery({ partnershipId: id, ...filter }, ['sequence', 'ASC'])}`)).body as { sequence: number; type: string; partnershipName: string }[]);
    const bySponsor = await filtered({ actorId: sponsor.user.id });
    expect(bySponsor.map((event) => event.type)).toEqual(['TaskCompleted', 'PrioritiesRejected', 'TaskCompleted', 'PrioritiesApproved', 'StageAdvanced']);
    expect(bySponsor[0]!.partnershipName).toBe(timelineName);
    expect((await filtered({ type: ['PrioritiesRejected', 'PrioritiesApproved'] })).map((event) => event.type)).toEqual(['PrioritiesRejected', 'PrioritiesApproved']);
    const all = (await coordinator.get(`/api/events?${listQuery({ partnershipId: id }, ['sequence', 'ASC'])}`)).body as { sequence: number; occurredAt: string }[];
    // Events of one command share their instant; the sponsor's rejection (sequences 5 and 6) is one command.
    const rejection = all[5]!;
    const reworked = all[6]!;
    expect((await filtered({ occurredFrom: reworked.occurredAt })).map((event) => event.sequence)).toEqual(all.slice(6).map((event) => event.sequence));
    const untilRejection = await filtered({ occurredTo: rejection.occurredAt, actorId: sponsor.user.id });
    expect(untilRejection.map((event) => event.type)).toEqual(['TaskCompleted', 'PrioritiesRejected']);
    const badRange = await coordinator.get(`/api/events?${listQuery({ partnershipId: id, occurredFrom: 'last week' })}`);
    expect(badRange).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED' } });
    expect(JSON.stringify(badRange.body)).toContain('occurredFrom must be an ISO-8601 instant');
  });

  it('reminds the sponsor, then escalates up the ladder (coordinator, then sponsor), when nobody acts', async () => {
    const { id } = await createPartnership(coordinator, FAST_POLICY);
    await submitGoals(coordinator, id);
    const notificationsOf = async (session: Session) =>
      (await session.get(`/api/notifications?${listQuery({ partnershipId: id }, ['createdAt', 'ASC'])}`)).body as { kind: string; message: string }[];

    const sponsorNotes = await eventually('the sponsor-level escalation', async () => {
      const notes = await notificationsOf(sponsor);
      return notes.some((note) => note.kind === 'escalation') ? notes : undefined;
    });
    expect(sponsorNotes.filter((note) => note.kind === 'reminder').length).toBeGreaterThanOrEqual(2);
    expect(sponsorNotes[0]!.message).toContain('Approve the priorities');
    expect(sponsorNotes.find((note) => note.kind === 'escalation')!.message).toContain('level 2');
    const coordinatorNotes = await notificationsOf(coordinator);
    expect(coordinatorNotes.filter((note) => note.kind === 'escalation').map((note) => note.message)).toEqual([expect.stringContaining('level 1')]);

    const task = (await sponsor.get(`/api/tasks?${listQuery({ partnershipId: id })}`)).body[0];
    expect(task.remindedAt).not.toBeNull();
    expect(task.escalationLevel).toBeGreaterThanOrEqual(2);
    const events = await storedEvents(id);
    const escalations = events.filter((event) => event.type === 'TaskEscalated');
    expect(escalations.length).toBeGreaterThanOrEqual(2);
    expect(events.find((event) => event.type === 'ReminderSent')?.actor_id).toBe('system');
  });
});

describe('access', () => {
  it('answers 401 without a token and 403 for a role that may not act', async () => {
    expect((await request('GET', '/api/partnerships')).status).toBe(401);
    expect((await request('GET', '/api/partnerships', { token: 'forged' })).body).toMatchObject({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED' });
    expect((await request('POST', '/api/auth/login', { body: { email: DEMO.sponsor, password: 'wrong' } })).status).toBe(401);
    const { id } = await createPartnership(coordinator);
    const [auditor, partner] = await Promise.all([login(DEMO.auditor), login(DEMO.partnerRiverside)]);
    expect((await auditor.post(`/api/partnerships/${id}/commands`, { type: 'SubmitPriorities' })).status).toBe(403);
    expect((await partner.post('/api/partnerships', {})).status).toBe(403);
    expect((await auditor.get(`/api/partnerships/${id}`)).status).toBe(200);
  });

  it('keeps a partner to the partnerships of its own organization, on every read', async () => {
    const organizations = (await coordinator.get(`/api/organizations?${listQuery({})}`)).body as { id: string; name: string }[];
    const partner = await login(DEMO.partnerRiverside);
    const others = organizations.filter((org) => org.id !== partner.user.organizationId).map((org) => org.id);
    const reply = await coordinator.post('/api/partnerships', { name: 'Without Riverside', sponsorId: sponsor.user.id, organizationIds: others });
    expect(reply.status).toBe(201);
    const id = reply.body.id as string;
    await submitGoals(coordinator, id);
    for (const path of [`/api/partnerships/${id}`, `/api/partnerships/${id}/state`, `/api/partnerships/${id}/verify`, `/api/partnerships/${id}/deadlines`]) {
      expect((await partner.get(path)).status, path).toBe(404);
    }
    expect((await partner.get(`/api/events?${listQuery({ partnershipId: id })}`)).body).toEqual([]);
    expect((await partner.get(`/api/tasks?${listQuery({ partnershipId: id })}`)).body).toEqual([]);
    expect(((await partner.get(`/api/partnerships?${listQuery({})}`)).body as { id: string }[]).map((row) => row.id)).not.toContain(id);
    // The same reads work for a partnership its organization belongs to.
    const ownReply = await coordinator.post('/api/partnerships', { name: 'With Riverside', sponsorId: sponsor.user.id, organizationIds: [partner.user.organizationId, others[0]] });
    const own = ownReply.body.id as string;
    expect((await partner.get(`/api/partnerships/${own}/state`)).status).toBe(200);
    expect(((await partner.get(`/api/events?${listQuery({ partnershipId: own })}`)).body as unknown[]).length).toBe(1);
  });

  it("keeps a partner out of another organization's measures, unfiltered lists and notifications", async () => {
    const since = new Date().toISOString();
    const partner = await login(DEMO.partnerRiverside);
    const organizations = (await coordinator.get(`/api/organizations?${listQuery({})}`)).body as { id: string }[];
    const others = organizations.filter((org) => org.id !== partner.user.organizationId).map((org) => org.id);
    const name = `Scoping without Riverside ${Math.random().toString(36).slice(2, 8)}`;
    const created = await coordinator.post('/api/partnerships', { name, sponsorId: sponsor.user.id, organizationIds: others, policy: FAST_POLICY });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    try {
      await submitGoals(coordinator, id);
      // The sponsor is reminded of the approval: the partnership has notifications that could leak.
      const reminder = await eventually('the sponsor’s reminder', async () => (await sponsor.get<{ id: string }[]>(`/api/notifications?${listQuery({ partnershipId: id })}`)).body[0]);

      for (const path of [`/api/partnerships/${id}/measures`, `/api/partnerships/${id}/agreements`, `/api/partnerships/${id}/event-facets`]) {
        expect((await coordinator.get(path)).status, path).toBe(200);
        expect((await partner.get(path)).status, path).toBe(404);
      }
      expect((await partner.get(`/api/notifications/${reminder.id}`)).status).toBe(404);
      expect((await partner.get(`/api/notifications?${listQuery({ partnershipId: id })}`)).body).toEqual([]);

      // Lists read without a partnership filter: the coordinator's (the sponsor's for notifications,
      // which are each person's own) show the partnership's rows, the partner's none of them.
      const lists: [Session, string, Record<string, unknown>, [string, 'ASC' | 'DESC']][] = [
        [coordinator, 'partnerships', {}, ['createdAt', 'ASC']],
        [coordinator, 'tasks', {}, ['openedAt', 'ASC']],
        [coordinator, 'events', { occurredFrom: since }, ['occurredAt', 'ASC']],
        [coordinator, 'deadlines', {}, ['firesAt', 'ASC']],
        [sponsor, 'notifications', {}, ['createdAt', 'ASC']],
      ];
      for (const [member, resource, filter, sort] of lists) {
        expect(await partnershipIdsListed(member, resource, filter, sort), resource).toContain(id);
        expect(await partnershipIdsListed(partner, resource, filter, sort), resource).not.toContain(id);
      }
    } finally {
      await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'test over' });
    }
  });

  it('serves health, the OpenAPI document and the console', async () => {
    expect((await request('GET', '/api/health')).body).toEqual({ status: 'ok', database: 'up', temporal: 'up', worker: 'up' });
    const docs = await fetch(`${inject('apiUrl')}/api/docs-json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toContain('/api/partnerships/{id}/commands');
    const page = await fetch(`${inject('apiUrl')}/`);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('pages lists the react-admin way, with Content-Range', async () => {
    await createPartnership(coordinator);
    await createPartnership(coordinator);
    const reply = await coordinator.get(`/api/partnerships?${listQuery({}, ['createdAt', 'DESC'], [0, 0])}`);
    expect(reply.body).toHaveLength(1);
    expect(reply.headers.get('content-range')).toMatch(/^partnerships 0-0\/\d+$/);
    expect(Number(reply.headers.get('content-range')!.split('/')[1])).toBeGreaterThanOrEqual(2);
  });
});
