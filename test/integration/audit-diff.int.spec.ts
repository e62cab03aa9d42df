/**
 * The diff of two instants over a real partnership: the API folds the log at both points and names
 * exactly the fields that changed, with the events (and the people) that changed them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, login, type Session } from '../support/http.js';
import { castOf, send, timeline, type Cast } from '../support/lifecycle.js';
import { SLOW_POLICY, smartGoals } from '../support/partnerships.js';

let cast: Cast;
let auditor: Session;
let id: string;
/** When each event happened, by sequence, as the timeline serves it. */
let occurredAt: Map<number, string>;

const diffOf = (session: Session, from: string | number, to: string | number) =>
  session.get(`/api/partnerships/${id}/diff?from=${encodeURIComponent(String(from))}&to=${encodeURIComponent(String(to))}`);

beforeAll(async () => {
  [cast, auditor] = await Promise.all([castOf(), login(DEMO.auditor)]);
  const created = await cast.coordinator.post('/api/partnerships', {
    name: `Diff ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Hospitals and a foundation',
    sponsorId: cast.sponsor.user.id,
    organizationIds: [cast.orgs.riverside, cast.orgs.northwind],
    policy: SLOW_POLICY,
  });
  expect(created.status).toBe(201);
  id = created.body.id;
  const goals = smartGoals();
  await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals, scope: 'The eastern region' });
  await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: [goals[0], { ...goals[1], target: 35 }], scope: 'The eastern region' });
  await send(cast, cast.coordinator, id, { type: 'SubmitPriorities' });
  const events = (await timeline(cast, id)) as unknown as { sequence: number; type: string; occurredAt: string }[];
  expect(events.slice(0, 4).map((event) => event.type)).toEqual(['PartnershipCreated', 'GoalsRecorded', 'GoalsRecorded', 'PrioritiesSubmitted']);
  occurredAt = new Map(events.map((event) => [event.sequence, event.occurredAt]));
});

describe('the diff of two points of the log', () => {
  const targetLowered = () => ({
    path: 'goals.2.target',
    segments: ['goals', '2', 'target'],
    kind: 'changed',
    before: 90,
    after: 35,
    causedBy: [
      {
        sequence: 3,
        type: 'GoalsRecorded',
        at: occurredAt.get(3),
        actor: { kind: 'user', userId: cast.coordinator.user.id, role: 'coordinator', organizationId: cast.coordinator.user.organizationId },
        actorName: cast.coordinator.user.name,
      },
    ],
  });

  it('names exactly the field a changed goal target moved, with the event and the person who did it, by sequence or by instant', async () => {
    const bySequence = await diffOf(cast.coordinator, 2, 3);
    expect(bySequence.status).toBe(200);
    expect(bySequence.body).toEqual({ fromSequence: 2, toSequence: 3, changes: [targetLowered()] });

    const byInstant = await diffOf(auditor, occurredAt.get(2)!, occurredAt.get(3)!);
    expect(byInstant.status).toBe(200);
    expect(byInstant.body).toEqual({ fromSequence: 2, toSequence: 3, changes: [targetLowered()] });
  });

  it('over a longer span, lists each changed field once with the events that touched it', async () => {
    const reply = await diffOf(auditor, 1, 4);
    expect(reply.status).toBe(200);
    const changes = reply.body.changes as { path: string; kind: string; causedBy: { sequence: number }[] }[];
    expect(changes.map((change) => [change.path, change.kind, change.causedBy.map((cause) => cause.sequence)])).toEqual([
      ['goals.1', 'added', [2]],
      ['goals.2', 'added', [2, 3]],
      ['scope', 'changed', [2]],
      ['prioritiesStatus', 'changed', [4]],
    ]);
  });

  it('answers 400 naming `from` or `to` when a point is malformed, past the newest event or out of order, and 404 for an unknown partnership', async () => {
    const problems = async (from: string | number, to: string | number) => {
      const reply = await diffOf(auditor, from, to);
      expect(reply.status).toBe(400);
      return Object.keys(reply.body.errors);
    };
    expect(await problems('yesterday', 3)).toEqual(['from']);
    expect(await problems(1, '-2')).toEqual(['to']);
    expect(await problems(3, 2)).toEqual(['from']);
    expect(await problems(1, 9999)).toEqual(['to']);
    expect(await problems(3, occurredAt.get(2)!)).toEqual(['from']);
    expect((await auditor.get(`/api/partnerships/${id}/diff?from=1`)).status).toBe(400);
    expect((await auditor.get(`/api/partnerships/00000000-0000-4000-8000-000000000000/diff?from=1&to=2`)).status).toBe(404);
  });
});
