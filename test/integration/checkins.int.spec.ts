/**
 * Check-ins against the real stack, on a cadence of seconds: the governance carries a communication
 * plan; once the agreement is adopted a check-in falls due as the coordinator's task; recorded with
 * an action, the action becomes a task for its owner, who completes it; held against planned is a
 * measure. A check-in not recorded in time is reminded and escalated like any task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, listQuery } from '../support/http.js';
import { FAST_POLICY } from '../support/partnerships.js';
import { agreeRoles, castOf, complete, openTasks, partnershipOf, send, timeline, toMeasurement, toRoleIdentification, type Cast, type Policy } from '../support/lifecycle.js';

let cast: Cast;
beforeAll(async () => {
  cast = await castOf();
});
/** Partnerships on a cadence of seconds, put on hold at the end so their check-ins stop piling into the shared stack's inboxes. */
const onPlan: string[] = [];
afterAll(async () => {
  for (const id of onPlan) await send(cast, cast.coordinator, id, { type: 'PutOnHold', reason: 'The check-in test is over' });
});

const tomorrow = () => new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/** MEASUREMENT under an agreement whose plan calls for a check-in every `cadence`. */
async function underPlan(cadence: string, policy?: Policy): Promise<string> {
  const { id } = await toRoleIdentification(cast, policy);
  const communicationPlan = { cadence, channel: 'Video call', organizationIds: [cast.orgs.riverside, cast.orgs.northwind] };
  await agreeRoles(cast, id, 'cooperative', undefined, { communicationPlan });
  await toMeasurement(cast, id);
  onPlan.push(id);
  expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'MEASUREMENT', nextCheckInAt: expect.any(String), agreement: { content: { governance: { communicationPlan } } } });
  return id;
}

const recordTask = (id: string) =>
  eventually('the coordinator’s check-in task', async () => {
    const open = await openTasks(cast.coordinator, id, 'RECORD_CHECK_IN');
    return open.find((task) => task.detail === '1');
  });

describe('check-ins', () => {
  it('refuses a plan that is no plan, naming its fields', async () => {
    const { id } = await toRoleIdentification(cast);
    const answer = await cast.coordinator.post(`/api/partnerships/${id}/commands`, {
      type: 'SetGovernance',
      governance: { pointsOfContact: {}, decisionRule: 'Consensus', escalationPath: 'Sponsor', communicationPlan: { cadence: 'often', channel: '', organizationIds: [cast.orgs.eastvale] } },
    });
    expect(answer.status).toBe(422);
    expect(Object.keys((answer.body as { errors: Record<string, string> }).errors).sort()).toEqual([
      'governance.communicationPlan.cadence',
      'governance.communicationPlan.channel',
      'governance.communicationPlan.organizationIds.0',
    ]);
  });

  it('a check-in with an action that becomes a task: the coordinator records it, the owner completes the action', async () => {
    const id = await underPlan('PT6S');
    const ledger = (await cast.coordinator.get(`/api/deadlines?${listQuery({ partnershipId: id, purpose: 'check_in' }, ['firesAt', 'ASC'])}`)).body as { purpose: string }[];
    expect(ledger.map((row) => row.purpose)).toEqual(['check_in']);

    const task = await recordTask(id);
    expect(task).toMatchObject({ assigneeUserId: cast.coordinator.user.id, context: { kind: 'checkIn', checkIn: { number: 1, status: 'planned' }, plan: { channel: 'Video call' } } });
    expect((task.context as { actionOwnerIds: string[] }).actionOwnerIds).toEqual(expect.arrayContaining([cast.coordinator.user.id, cast.sponsor.user.id, cast.northwind.user.id, cast.riverside.user.id]));

    const shapeless = await cast.coordinator.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', data: { heldOn: 'yesterday', attendees: [] } });
    expect(shapeless).toMatchObject({ status: 400, body: { errors: { 'data.heldOn': expect.any(String), 'data.attendees': expect.any(String) } } });
    const action = { description: 'Share the delivery checklist', ownerId: cast.northwind.user.id, dueOn: tomorrow() };
    const stranger = await cast.coordinator.post(`/api/tasks/${task.id}/complete`, { decision: 'approve', data: { heldOn: today(), attendees: ['Ana'], actions: [{ ...action, ownerId: cast.orgs.eastvale }] } });
    expect(stranger).toMatchObject({ status: 422, body: { errors: { 'data.actions.0.ownerId': expect.any(String) } } });

    await complete(cast, cast.coordinator, task, { data: { heldOn: today(), attendees: ['Ana (Riverside)', 'Ben (Northwind)'], notes: 'Deliveries are on track', actions: [action] } });
    const [actionTask] = await openTasks(cast.northwind, id, 'CHECK_IN_ACTION');
    expect(actionTask).toMatchObject({ assigneeUserId: cast.northwind.user.id, detail: 'action-1-1', context: { kind: 'checkInAction', action: { description: action.description }, checkIn: { number: 1, notes: 'Deliveries are on track' } } });
    expect((actionTask as unknown as { dueAt: string }).dueAt).toBe(new Date(`${action.dueOn}T23:59:59.000Z`).toISOString());
    expect((await cast.riverside.post(`/api/tasks/${actionTask!.id}/complete`, { decision: 'approve', data: {} })).status).toBe(403);
    await complete(cast, cast.northwind, actionTask!, { data: { note: 'Sent to every depot' } });

    const record = await partnershipOf(cast, id);
    expect(record.checkIns[0]).toMatchObject({
      number: 1,
      status: 'held',
      heldOn: today(),
      attendees: ['Ana (Riverside)', 'Ben (Northwind)'],
      recordedBy: cast.coordinator.user.id,
      actions: [{ id: 'action-1-1', ownerId: cast.northwind.user.id, status: 'done', note: 'Sent to every depot' }],
    });
    expect((await timeline(cast, id)).map((event) => event.type)).toEqual(expect.arrayContaining(['CheckInScheduled', 'CheckInFellDue', 'CheckInRecorded', 'CheckInActionDone']));
    const measures = (await cast.coordinator.get(`/api/partnerships/${id}/measures`)).body as { communication: { held: number; planned: number } };
    expect(measures.communication).toMatchObject({ held: 1 });
    expect(measures.communication.planned).toBeGreaterThanOrEqual(1);
  });

  it('a check-in not recorded in time is reminded and escalated like any task', async () => {
    const id = await underPlan('PT5S', FAST_POLICY);
    const task = await recordTask(id);
    await eventually(
      'the missed check-in to escalate',
      async () => {
        const events = await timeline(cast, id);
        return events.some((event) => event.type === 'TaskEscalated' && event.payload.taskId === task.id) ? events : undefined;
      },
      30_000,
    );
    const events = await timeline(cast, id);
    expect(events.some((event) => event.type === 'ReminderSent' && event.payload.taskId === task.id)).toBe(true);
    const notes = (await cast.coordinator.get<{ message: string; kind: string }[]>(`/api/notifications?${listQuery({ partnershipId: id }, ['createdAt', 'DESC'])}`)).body;
    expect(notes.some((note) => note.kind === 'reminder' && note.message.includes('Record check-in 1'))).toBe(true);
  });
});
