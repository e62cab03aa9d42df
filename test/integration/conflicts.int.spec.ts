/**
 * The conflict register against the real stack: a partner raises a conflict; the direct discussion
 * is a task for the first organization concerned; it passes to the coordinator's mediation, which
 * resolves it; an overdue step escalates along the ladder like any task; only participants raise one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, eventually, login, type Session } from '../support/http.js';
import { SLOW_POLICY } from '../support/partnerships.js';
import { castOf, complete, openTasks, partnershipOf, send, timeline, toListening, type Cast } from '../support/lifecycle.js';

let cast: Cast;
let auditor: Session;
beforeAll(async () => {
  cast = await castOf();
  auditor = await login(DEMO.auditor);
});

const raise = (session: Session, id: string, over: Record<string, unknown> = {}) =>
  session.post(`/api/partnerships/${id}/commands`, { type: 'RaiseConflict', title: 'Who pays for the vans', description: 'Fuel costs', organizationIds: [cast.orgs.northwind, cast.orgs.riverside], severity: 'high', ...over });

describe('the conflict register', () => {
  it('a partner raises a conflict; it passes from direct discussion to the coordinator, who resolves it', async () => {
    const { id } = await toListening(cast);
    expect((await raise(cast.riverside, id)).status).toBe(200);
    const [discussion] = await openTasks(cast.northwind, id, 'RESOLVE_CONFLICT');
    expect(discussion).toMatchObject({ assigneeOrganizationId: cast.orgs.northwind });
    expect(discussion!.context).toMatchObject({ kind: 'conflict', conflict: { title: 'Who pays for the vans', step: 'direct_discussion', severity: 'high', raisedBy: cast.riverside.user.id } });

    const noNote = await cast.northwind.post(`/api/tasks/${discussion!.id}/complete`, { decision: 'approve', data: { outcome: 'next_step', note: '' } });
    expect(noNote).toMatchObject({ status: 400, body: { errors: { 'data.note': expect.any(String) } } });
    await complete(cast, cast.northwind, discussion!, { data: { outcome: 'next_step', note: 'We could not agree on fuel' } });
    const [mediation] = await openTasks(cast.coordinator, id, 'RESOLVE_CONFLICT');
    expect(mediation).toMatchObject({ assigneeUserId: cast.coordinator.user.id, title: expect.stringContaining('(coordinator mediation)') });
    await complete(cast, cast.coordinator, mediation!, { data: { outcome: 'resolved', note: 'Fuel split 50/50' } });

    const [conflict] = (await partnershipOf(cast, id)).conflicts;
    expect(conflict).toMatchObject({ status: 'resolved', resolution: 'Fuel split 50/50', step: 'coordinator_mediation', steps: [{ step: 'direct_discussion', note: 'We could not agree on fuel', by: cast.northwind.user.id }] });
    expect((await timeline(cast, id)).map((event) => event.type)).toEqual(expect.arrayContaining(['ConflictRaised', 'ConflictStepPassed', 'ConflictResolved']));
  });

  it('is raised by the sponsor too, never by an auditor or a partner of another partnership’s organization', async () => {
    const { id } = await toListening(cast);
    expect((await raise(cast.sponsor, id, { title: 'Budget line', organizationIds: [cast.orgs.riverside] })).status).toBe(200);
    expect((await raise(auditor, id)).status).toBe(403);
    expect(await raise(cast.coordinator, id, { organizationIds: [cast.orgs.eastvale] })).toMatchObject({ status: 422, body: { code: 'CONFLICT.INVALID' } });
    const partnerCommand = await cast.riverside.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'no' });
    expect(partnerCommand.status).toBe(403);
    expect((await partnershipOf(cast, id)).conflicts).toHaveLength(1);
  });

  it('an overdue step escalates along the ladder like any task', async () => {
    const { id } = await toListening(cast, { ...SLOW_POLICY, taskDue: 'PT4S', reminderBeforeDue: 'PT1S', escalateAfterOverdue: 'PT2S' });
    await send(cast, cast.coordinator, id, { type: 'RaiseConflict', title: 'Data sharing', description: '', organizationIds: [cast.orgs.riverside], severity: 'low' });
    const escalated = await eventually(
      'the overdue step to escalate',
      async () => (await timeline(cast, id)).find((event) => event.type === 'TaskEscalated' && event.payload.level === 1),
      60_000,
    );
    const [task] = await openTasks(cast.riverside, id, 'RESOLVE_CONFLICT');
    expect(escalated.payload).toMatchObject({ taskId: task!.id, recipients: [{ userId: cast.coordinator.user.id }] });
  });
});
