/**
 * Renegotiating the goals against the real stack: listening shows a goal outside a partner's
 * mission (scored 0), the coordinator proposes going back to priority setting, and the partner
 * organizations decide under the model's rule — agreed, the partnership is back in PRIORITY_SETTING
 * with its priorities to redraft and approve again; refused, it stays where it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { smartGoals } from '../support/partnerships.js';
import { castOf, complete, completeOpenTasks, openTasks, partnershipOf, send, stageOf, timeline, toListening, type Cast, type Started } from '../support/lifecycle.js';

let cast: Cast;

beforeAll(async () => {
  cast = await castOf();
});

/** LISTENING with a stakeholder, a session, and Riverside scoring goal 2 at 0 unless told otherwise. */
async function listenedWithScores(goal2ByRiverside = 0): Promise<Started> {
  const partnership = await toListening(cast);
  const { id } = partnership;
  await send(cast, cast.coordinator, id, { type: 'AddStakeholder', stakeholder: { name: 'County patients’ council', organizationId: null, interest: 5, influence: 3 } });
  await send(cast, cast.coordinator, id, {
    type: 'RecordListeningSession',
    session: { heldOn: new Date().toISOString().slice(0, 10), participants: ['ward managers'], heard: 'Deliveries are not our business', concerns: [] },
  });
  await send(cast, cast.riverside, id, { type: 'ScoreAlignment', organizationId: cast.orgs.riverside, scores: { '1': 3, '2': goal2ByRiverside } });
  await send(cast, cast.northwind, id, { type: 'ScoreAlignment', organizationId: cast.orgs.northwind, scores: { '1': 3, '2': 2 } });
  return partnership;
}

const propose = (id: string, reason = 'Goal 2 is outside Riverside’s mission') => cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'ProposeRenegotiation', reason });

describe('renegotiating the goals', () => {
  it('is refused while no goal is flagged, and without a reason', async () => {
    const { id } = await listenedWithScores(2);
    const unflagged = await propose(id);
    expect(unflagged).toMatchObject({ status: 422, body: { code: 'GOALS.NOT_FLAGGED', errors: { goals: expect.stringContaining('no goal is flagged') } } });
    const noReason = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'ProposeRenegotiation', reason: ' ' });
    expect(noReason).toMatchObject({ status: 400, body: { errors: { reason: expect.any(String) } } });
    const byPartner = await cast.riverside.post(`/api/partnerships/${id}/commands`, { type: 'ProposeRenegotiation', reason: 'Because' });
    expect(byPartner.status).toBe(403);
    expect((await timeline(cast, id)).map((event) => event.type)).not.toContain('SignoffOpened');
  });

  it('agreed by both partners, goes back to PRIORITY_SETTING, where new goals are approved again', async () => {
    const { id } = await listenedWithScores();
    const proposed = await propose(id);
    expect(proposed.status).toBe(200);

    const [task] = await openTasks(cast.riverside, id, 'DECIDE_CHANGE');
    expect(task).toMatchObject({ kind: 'DECIDE_CHANGE', assigneeOrganizationId: cast.orgs.riverside });
    expect(task!.context).toMatchObject({
      kind: 'change',
      proposal: { reason: 'Goal 2 is outside Riverside’s mission', change: { kind: 'renegotiate_goals', goalRanks: [2] }, proposedBy: cast.coordinator.user.id },
      round: { rule: 'consensus' },
    });
    expect((await partnershipOf(cast, id)).signoff).toMatchObject({ subject: 'CHANGE', proposal: { change: { goalRanks: [2] } } });

    await complete(cast, cast.riverside, task!);
    expect(await stageOf(cast, id)).toBe('LISTENING');
    await completeOpenTasks(cast, cast.northwind, id, 'DECIDE_CHANGE');
    const record = await partnershipOf(cast, id);
    expect(record).toMatchObject({ stage: 'PRIORITY_SETTING', prioritiesStatus: 'DRAFTING', signoff: null });
    const events = await timeline(cast, id);
    expect(events.find((event) => event.type === 'SignoffOpened' && event.payload.subject === 'CHANGE')).toMatchObject({ actorId: cast.coordinator.user.id, payload: { proposal: { change: { kind: 'renegotiate_goals', goalRanks: [2] } } } });
    expect(events.findLast((event) => event.type === 'SignoffCompleted')!.payload).toEqual({ subject: 'CHANGE', outcome: 'approved' });
    expect(events.at(-1)).toMatchObject({ type: 'StageAdvanced', payload: { from: 'LISTENING', to: 'PRIORITY_SETTING', reason: 'the partners agreed to renegotiate the goals' } });

    const [first, second] = smartGoals();
    await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: [first!, { ...second!, title: 'Share discharge data within a day' }], scope: 'Renegotiated' });
    await send(cast, cast.coordinator, id, { type: 'SubmitPriorities' });
    expect(await completeOpenTasks(cast, cast.sponsor, id, 'APPROVE_PRIORITIES')).toHaveLength(1);
    expect(await stageOf(cast, id)).toBe('LISTENING');
  });

  it('refused by one partner under consensus, keeps the goals and the stage', async () => {
    const { id } = await listenedWithScores();
    await propose(id);
    const [task] = await openTasks(cast.northwind, id, 'DECIDE_CHANGE');
    await complete(cast, cast.northwind, task!, { decision: 'reject', comment: 'Rescore goal 2 instead' });
    const record = await partnershipOf(cast, id);
    expect(record).toMatchObject({ stage: 'LISTENING', signoff: null });
    expect(await openTasks(cast.riverside, id, 'DECIDE_CHANGE')).toEqual([]);
    expect((await timeline(cast, id)).findLast((event) => event.type === 'SignoffCompleted')!.payload).toEqual({ subject: 'CHANGE', outcome: 'rejected' });
  });
});
