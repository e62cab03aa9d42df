/**
 * Each open task comes with what its form needs to decide, computed from the partnership's state,
 * and a completion is checked against the task's own kind before anything reaches the workflow.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/http.js';
import { agreeRoles, castOf, complete, completeOpenTasks, openTasks, send, timeline, type Cast, type Task } from '../support/lifecycle.js';
import { SLOW_POLICY, smartGoals } from '../support/partnerships.js';

/** Review cycles every few seconds, no pulse inside them. */
const POLICY = { ...SLOW_POLICY, healthPulse: 'P1D', reviewCycle: 'PT4S' };
const HEALTH = { strategy: 4, operations: 3, relationship: 5, governance: 4, recommend: 9 };

type ContextTask = Task & { title: string; context: Record<string, any> | null };

let cast: Cast;
beforeAll(async () => {
  cast = await castOf();
});

async function onlyOpen(session: Cast['coordinator'], id: string, kind: string): Promise<ContextTask> {
  const tasks = (await openTasks(session, id, kind)) as ContextTask[];
  expect(tasks, `${kind} tasks of ${session.user.email}`).toHaveLength(1);
  return tasks[0]!;
}

/** The refused completion left no trace: the task is open and no event names it. */
async function expectUntouched(id: string, taskId: string): Promise<void> {
  const events = await timeline(cast, id);
  expect(events.filter((event) => event.payload.taskId === taskId && event.type !== 'TaskOpened')).toEqual([]);
  expect((await cast.coordinator.get(`/api/tasks/${taskId}`)).body).toMatchObject({ status: 'open' });
}

describe('task context and completion by kind', () => {
  it('serves each task with its context and refuses data of another kind with 400 per field', async () => {
    const { riverside, northwind } = cast.orgs;
    const created = await cast.coordinator.post('/api/partnerships', {
      name: `Context ${Math.random().toString(36).slice(2, 8)}`,
      sponsorId: cast.sponsor.user.id,
      organizationIds: [riverside, northwind],
      policy: POLICY,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: smartGoals(), scope: 'The eastern counties' });
    await send(cast, cast.coordinator, id, { type: 'SubmitPriorities' });

    // PRIORITY_SETTING: the sponsor reads the goals and scope; a decision takes no data.
    const approval = await onlyOpen(cast.sponsor, id, 'APPROVE_PRIORITIES');
    expect(approval.context).toMatchObject({ kind: 'priorities', scope: 'The eastern counties', goals: [{ rank: 1 }, { rank: 2 }] });
    const withData = await cast.sponsor.post(`/api/tasks/${approval.id}/complete`, { decision: 'approve', data: { values: {} } });
    expect(withData).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED', errors: { data: expect.any(String) } } });
    await expectUntouched(id, approval.id);
    await complete(cast, cast.sponsor, approval);
    expect((await cast.sponsor.get(`/api/tasks/${approval.id}`)).body).toMatchObject({ status: 'completed', context: null });

    // LISTENING: each partner confirms what it can read of the record.
    await send(cast, cast.coordinator, id, { type: 'AddStakeholder', stakeholder: { name: 'Patients’ council', organizationId: null, interest: 5, influence: 3 } });
    await send(cast, cast.coordinator, id, {
      type: 'RecordListeningSession',
      session: { heldOn: '2026-11-02', participants: ['ward managers'], heard: 'Night deliveries miss the pharmacy', concerns: ['staffing'] },
    });
    for (const organizationId of [riverside, northwind]) await send(cast, cast.coordinator, id, { type: 'ScoreAlignment', organizationId, scores: { '1': 3, '2': 1 } });
    await send(cast, cast.coordinator, id, { type: 'OpenListeningSignoff' });
    const confirmation = await onlyOpen(cast.riverside, id, 'CONFIRM_LISTENING');
    expect(confirmation.context).toMatchObject({
      kind: 'listening',
      stakeholders: [{ name: 'Patients’ council', interest: 5, influence: 3 }],
      sessions: [{ heard: 'Night deliveries miss the pharmacy' }],
      alignment: { [riverside]: { '1': 3, '2': 1 }, [northwind]: { '1': 3, '2': 1 } },
      round: { rule: 'consensus', eligible: expect.arrayContaining([riverside, northwind]) },
    });
    for (const representative of [cast.riverside, cast.northwind]) await completeOpenTasks(cast, representative, id, 'CONFIRM_LISTENING');

    // ROLE_IDENTIFICATION: the agreement to sign, whole, with the signatures so far.
    await agreeRoles(cast, id, 'cooperative');
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    await completeOpenTasks(cast, cast.riverside, id, 'SIGN_AGREEMENT');
    const signing = await onlyOpen(cast.northwind, id, 'SIGN_AGREEMENT');
    const agreement = signing.context?.agreement;
    expect(signing.context).toMatchObject({ kind: 'agreement', joining: false, round: { approvals: { [riverside]: { userId: cast.riverside.user.id } } } });
    expect(agreement).toMatchObject({ version: 1, signatures: { [riverside]: { userId: cast.riverside.user.id } } });
    expect(Object.keys(agreement.content).sort()).toEqual(
      ['conflictProcess', 'goals', 'governance', 'kpis', 'managementModel', 'noticePeriod', 'organizationIds', 'resources', 'roles', 'scope', 'terminationOptions'].sort(),
    );
    expect(agreement.content).toMatchObject({ managementModel: 'cooperative', noticePeriod: 'P3M', conflictProcess: 'Mediation by the sponsor within two weeks' });
    const signedWithData = await cast.northwind.post(`/api/tasks/${signing.id}/complete`, { decision: 'approve', data: HEALTH });
    expect(signedWithData).toMatchObject({ status: 400, body: { errors: { data: expect.any(String) } } });
    await complete(cast, cast.northwind, signing);

    // MEASUREMENT: the report shows the organization's own KPIs; data of another kind names its fields.
    const report = await eventually('a measurement task for Riverside', async () => (await openTasks(cast.riverside, id, 'REPORT_MEASUREMENT'))[0] as ContextTask | undefined);
    const kpis = report.context?.kpis as { id: string; name: string }[];
    expect(report.context).toMatchObject({
      kind: 'measurement',
      cycle: 1,
      kpis: [{ unit: '%', baseline: 55, target: 90, direction: 'increase', lastValue: null, lastCycle: null }],
    });
    const kpiId = kpis[0]!.id;
    const healthAsReport = await cast.riverside.post(`/api/tasks/${report.id}/complete`, { decision: 'approve', data: HEALTH });
    expect(healthAsReport).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED', errors: { 'data.values': expect.any(String) } } });
    const textAsNumber = await cast.riverside.post(`/api/tasks/${report.id}/complete`, { decision: 'approve', data: { values: { [kpiId]: 'many' } } });
    expect(textAsNumber).toMatchObject({ status: 400, body: { errors: { [`data.values.${kpiId}`]: expect.any(String) } } });
    await expectUntouched(id, report.id);

    for (const [session, organizationId] of [[cast.riverside, riverside], [cast.northwind, northwind]] as const) {
      const own = (await openTasks(session, id, 'REPORT_MEASUREMENT')).find((task) => (task as ContextTask).context?.cycle === 1) as ContextTask;
      const values = Object.fromEntries((own.context!.kpis as { id: string; target: number }[]).map((kpi) => [kpi.id, kpi.target]));
      await complete(cast, session, own, { data: { values } });
      const check = (await openTasks(session, id, 'HEALTH_CHECK')).find((task) => (task as ContextTask).context?.cycle === 1) as ContextTask;
      expect(check.context).toMatchObject({ kind: 'healthCheck', pulse: false, dimensions: ['strategy', 'operations', 'relationship', 'governance'] });
      expect(check.assigneeOrganizationId).toBe(organizationId);
      await complete(cast, session, check, { data: HEALTH });
    }

    // The review decides with the measures in view.
    const review = await eventually('the review of cycle 1', async () =>
      ((await openTasks(cast.coordinator, id, 'REVIEW')) as ContextTask[]).find((task) => task.context?.cycle === 1),
    );
    expect(review.context).toMatchObject({
      kind: 'review',
      goals: [{ rank: 1 }, { rank: 2 }],
      measures: { shareOnTrack: 1, onTimeSubmissionRate: 1, partnerNps: 100, healthGap: { overall: 0 } },
    });
    expect(review.context!.healthChecks).toHaveLength(2);
    expect(review.context!.kpis.every((kpi: { progress: number; onTrack: boolean }) => kpi.progress === 1 && kpi.onTrack)).toBe(true);
    const badScores = await cast.coordinator.post(`/api/tasks/${review.id}/complete`, { decision: 'approve', data: { outcome: 'continue', goalScores: { '1': 5 } } });
    expect(badScores).toMatchObject({ status: 400, body: { errors: { 'data.goalScores.1': 'score −2 to +2' } } });
    await complete(cast, cast.coordinator, review, { data: { outcome: 'propose_termination', option: 'exit', reason: 'Every goal is met' } });

    // TERMINATION: the sponsor reads the proposer's reason.
    const termination = await onlyOpen(cast.sponsor, id, 'APPROVE_TERMINATION');
    expect(termination.context).toMatchObject({
      kind: 'termination',
      proposal: { option: 'exit', reason: 'Every goal is met', fromStage: 'MEASUREMENT', proposedBy: cast.coordinator.user.id },
      noticePeriod: 'P3M',
    });
  });
});
