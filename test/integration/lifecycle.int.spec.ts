/**
 * The whole method over HTTP against the real stack: priority setting → listening → role
 * identification → measurement → termination, with the management models' sign-off rules, a
 * refused agreement, renew (continue-as-new), restructure, a rejected termination and an exit that
 * closes the partnership and completes its workflow.
 */
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, listQuery } from '../support/http.js';
import { SLOW_POLICY, smartGoals } from '../support/partnerships.js';
import {
  agreeRoles,
  allTasks,
  castOf,
  complete,
  completeListening,
  completeOpenTasks,
  openTasks,
  partnershipOf,
  proposeAndApproveTermination,
  send,
  stageOf,
  timeline,
  toListening,
  toMeasurement,
  toRoleIdentification,
  type Cast,
  type TimelineEvent,
} from '../support/lifecycle.js';

let cast: Cast;
let db: pg.Client;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  cast = await castOf();
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  temporal = new Client({ connection, namespace: inject('temporalNamespace') });
});
afterAll(async () => {
  await db?.end();
  await connection?.close();
});

const types = (events: TimelineEvent[]) => events.map((event) => event.type);
const workflowOf = (id: string, runId?: string) => temporal.workflow.getHandle(`partnership-${id}`, runId);

/** Adds Eastvale (no representative) once roles are being identified: no sign-off of its own was needed so far. */
async function withEastvale(id: string): Promise<void> {
  await send(cast, cast.coordinator, id, { type: 'AddOrganization', organizationId: cast.orgs.eastvale });
  expect((await partnershipOf(cast, id)).organizationIds).toEqual([cast.orgs.riverside, cast.orgs.northwind, cast.orgs.eastvale]);
}

describe('the full lifecycle', () => {
  it('runs from creation to CLOSED through exit, every human event carrying the actor who caused it', async () => {
    const partnership = await toListening(cast);
    const { id } = partnership;
    let seen = 0;
    const next = async () => {
      const events = await timeline(cast, id);
      const slice = events.slice(seen);
      seen = events.length;
      return types(slice);
    };

    expect(await stageOf(cast, id)).toBe('LISTENING');
    expect(await next()).toEqual(['PartnershipCreated', 'GoalsRecorded', 'PrioritiesSubmitted', 'TaskOpened', 'TaskCompleted', 'PrioritiesApproved', 'StageAdvanced']);

    await completeListening(cast, partnership);
    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');
    expect(await next()).toEqual([
      'StakeholderAdded',
      'ListeningSessionRecorded',
      'AlignmentScored',
      'AlignmentScored',
      'SignoffOpened',
      'TaskOpened',
      'TaskOpened',
      'TaskCompleted',
      'SignoffGiven',
      'TaskCompleted',
      'SignoffGiven',
      'SignoffCompleted',
      'StageAdvanced',
    ]);

    // No notice agreed: the exit below is carried out as soon as it is signed off (governance.int.spec.ts waits for one).
    await agreeRoles(cast, id, 'cooperative', undefined, { noticePeriod: 'P0D' });
    await toMeasurement(cast, id);
    expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'MEASUREMENT', managementModel: 'cooperative', generation: 0 });
    expect(await next()).toEqual([
      'RolesDefined',
      'ResourcesCommitted',
      'ManagementModelChosen',
      'GovernanceSet',
      'ConflictProcessSet',
      'TerminationTermsSet',
      'KpiDefined',
      'KpiDefined',
      'AgreementIssued',
      'SignoffOpened',
      'TaskOpened',
      'TaskOpened',
      'TaskCompleted',
      'AgreementSigned',
      'SignoffGiven',
      'TaskCompleted',
      'AgreementSigned',
      'SignoffGiven',
      'SignoffCompleted',
      'AgreementAdopted',
      'StageAdvanced',
      'ReviewScheduled',
      // Its KPIs are monthly, the review cycle six-monthly: they are reported between reviews too.
      'KpiReportsScheduled',
    ]);

    await proposeAndApproveTermination(cast, id, 'exit');
    expect(await stageOf(cast, id)).toBe('TERMINATION');
    expect(await next()).toEqual([
      'TerminationProposed',
      'StageAdvanced',
      'TaskOpened',
      'TaskCompleted',
      'TerminationApproved',
      'SignoffOpened',
      'TaskOpened',
      'TaskOpened',
      'TaskCompleted',
      'SignoffGiven',
      'TaskCompleted',
      'SignoffGiven',
      'SignoffCompleted',
      'TerminationDecided',
      'TaskOpened',
      'TaskOpened',
      'TaskOpened',
    ]);

    const windDown = await openTasks(cast.coordinator, id, 'WIND_DOWN');
    expect(windDown.map((task) => task.detail).sort()).toEqual(['communications', 'final report', 'hand-over of assets']);
    expect(await openTasks(cast.riverside, id)).toEqual([]);
    await complete(cast, cast.coordinator, windDown[0]!);
    expect(await stageOf(cast, id)).toBe('TERMINATION');
    await completeOpenTasks(cast, cast.coordinator, id, 'WIND_DOWN');
    expect(await stageOf(cast, id)).toBe('CLOSED');
    expect(await next()).toEqual(['TaskCompleted', 'TaskCompleted', 'TaskCompleted', 'PartnershipClosed']);

    const closedRun = await eventually('the workflow to complete', async () => {
      const description = await workflowOf(id).describe();
      return description.status.name === 'COMPLETED' ? description : undefined;
    });
    expect(closedRun.status.name).toBe('COMPLETED');
    const late = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'AddStakeholder', stakeholder: { name: 'Late', interest: 1, influence: 1 } });
    expect(late).toMatchObject({ status: 409, body: { code: 'PARTNERSHIP.CLOSED' } });
    const proposal = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'ProposeTermination', option: 'renew', reason: 'again' });
    expect(proposal).toMatchObject({ status: 409, body: { code: 'PARTNERSHIP.CLOSED' } });
    expect(await openTasks(cast.coordinator, id)).toEqual([]);

    // Every event was caused by a person here (the policy's timers are months away): its actor is
    // the user whose call produced it, with that user's role and organization.
    const events = await timeline(cast, id);
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index + 1));
    const senderOf = new Map(cast.journal.flatMap((entry) => entry.sequences.map((sequence) => [sequence, entry.userId] as const)).filter(([sequence]) => sequence <= events.length));
    const people = new Map([cast.coordinator, cast.sponsor, cast.riverside, cast.northwind].map((session) => [session.user.id, session.user]));
    for (const event of events) {
      const sender = senderOf.get(event.sequence);
      expect(sender, `event ${event.sequence} ${event.type} was caused by a call of this test`).toBeDefined();
      expect(event.actorId, `actor of event ${event.sequence} ${event.type}`).toBe(sender);
      expect(event).toMatchObject({ actorRole: people.get(sender!)!.role, actorOrganizationId: people.get(sender!)!.organizationId });
    }
    const signoffs = events.filter((event) => event.type === 'SignoffGiven' || event.type === 'AgreementSigned');
    expect(signoffs).toHaveLength(8);
    for (const event of signoffs) {
      expect(event.payload.userId).toBe(event.actorId);
      expect(people.get(event.actorId)!.organizationId).toBe(event.payload.organizationId);
    }
    expect(events.find((event) => event.type === 'TerminationApproved')!.actorId).toBe(cast.sponsor.user.id);
    expect(events.find((event) => event.type === 'PrioritiesApproved')!.actorId).toBe(cast.sponsor.user.id);
    expect(events.at(-1)).toMatchObject({ type: 'PartnershipClosed', actorId: cast.coordinator.user.id });
  });
});

describe('signing the agreement under each management model', () => {
  it('cooperative: every organization must sign; one signature leaves it in ROLE_IDENTIFICATION', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative');
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    const opened = (await timeline(cast, id)).findLast((event) => event.type === 'SignoffOpened')!;
    expect(opened.payload).toMatchObject({ subject: 'AGREEMENT', rule: 'consensus' });
    expect([...opened.payload.eligible].sort()).toEqual([cast.orgs.riverside, cast.orgs.northwind].sort());

    expect(await completeOpenTasks(cast, cast.riverside, id, 'SIGN_AGREEMENT')).toHaveLength(1);
    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');
    expect(await openTasks(cast.northwind, id, 'SIGN_AGREEMENT')).toHaveLength(1);
    const meanwhile = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'ChooseManagementModel', model: 'integrated' });
    expect(meanwhile).toMatchObject({ status: 409, body: { code: 'SIGNOFF.IN_PROGRESS' } });

    expect(await completeOpenTasks(cast, cast.northwind, id, 'SIGN_AGREEMENT')).toHaveLength(1);
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
    const adopted = (await timeline(cast, id)).filter((event) => event.type === 'AgreementAdopted');
    expect(adopted.map((event) => event.payload.version)).toEqual([1]);
  });

  it('collaborative: only the organizations holding a role are asked to sign', async () => {
    const { id } = await toRoleIdentification(cast);
    await withEastvale(id);
    await agreeRoles(cast, id, 'collaborative', [cast.orgs.riverside, cast.orgs.northwind]);
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });

    const opened = (await timeline(cast, id)).findLast((event) => event.type === 'SignoffOpened')!;
    expect(opened.payload).toMatchObject({ subject: 'AGREEMENT', rule: 'agreement' });
    expect([...opened.payload.eligible].sort()).toEqual([cast.orgs.riverside, cast.orgs.northwind].sort());
    const signing = await allTasks(cast, id, 'SIGN_AGREEMENT');
    expect(signing.map((task) => task.assigneeOrganizationId).sort()).toEqual([cast.orgs.riverside, cast.orgs.northwind].sort());

    await completeOpenTasks(cast, cast.riverside, id, 'SIGN_AGREEMENT');
    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');
    await completeOpenTasks(cast, cast.northwind, id, 'SIGN_AGREEMENT');
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
    expect((await allTasks(cast, id, 'SIGN_AGREEMENT')).map((task) => task.status)).toEqual(['completed', 'completed']);
  });

  it('integrated: agreement is sought first; when every organization signs it is decided by agreement, with no vote', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'integrated');
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });

    const opened = (await timeline(cast, id)).findLast((event) => event.type === 'SignoffOpened')!;
    expect(opened.payload).toMatchObject({ subject: 'AGREEMENT', rule: 'agreement_or_vote', voteAt: expect.any(String) });
    expect((await cast.coordinator.get(`/api/deadlines?${listQuery({ partnershipId: id, purpose: 'vote' }, ['firesAt', 'ASC'])}`)).body).toMatchObject([{ purpose: 'vote', firesAt: opened.payload.voteAt }]);

    await completeOpenTasks(cast, cast.riverside, id, 'SIGN_AGREEMENT');
    // Half is no agreement: the round waits for Northwind.
    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');
    await completeOpenTasks(cast, cast.northwind, id, 'SIGN_AGREEMENT');
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
    const events = await timeline(cast, id);
    expect(types(events)).not.toContain('SignoffVoteCalled');
    expect(events.findLast((event) => event.type === 'SignoffCompleted')!.payload).toEqual({ subject: 'AGREEMENT', outcome: 'approved', decidedBy: 'agreement' });
    expect((await cast.coordinator.get(`/api/deadlines?${listQuery({ partnershipId: id, purpose: 'vote' }, ['firesAt', 'ASC'])}`)).body).toEqual([]);
  });

  it('integrated: without agreement the coordinator calls the vote; two signatures of three carry it and the third task is cancelled', async () => {
    const { id } = await toRoleIdentification(cast);
    await withEastvale(id);
    await agreeRoles(cast, id, 'integrated', [cast.orgs.riverside, cast.orgs.northwind, cast.orgs.eastvale]);
    const early = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'CallVote' });
    expect(early).toMatchObject({ status: 409, body: { code: 'SIGNOFF.NO_VOTE_TO_CALL' } });
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    expect((await allTasks(cast, id, 'SIGN_AGREEMENT')).filter((task) => task.status === 'open')).toHaveLength(3);

    await completeOpenTasks(cast, cast.riverside, id, 'SIGN_AGREEMENT');
    await completeOpenTasks(cast, cast.northwind, id, 'SIGN_AGREEMENT');
    // Two of three is a majority, but not agreement: nothing is decided until the vote.
    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');
    const byPartner = await cast.riverside.post(`/api/partnerships/${id}/commands`, { type: 'CallVote' });
    expect(byPartner).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });

    await send(cast, cast.coordinator, id, { type: 'CallVote' });
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
    const tasks = await allTasks(cast, id, 'SIGN_AGREEMENT');
    const eastvale = tasks.find((task) => task.assigneeOrganizationId === cast.orgs.eastvale)!;
    expect(eastvale).toMatchObject({ status: 'cancelled', cancelReason: expect.stringContaining('decided') });
    expect(tasks.filter((task) => task.status === 'completed')).toHaveLength(2);
    const events = await timeline(cast, id);
    expect(events.find((event) => event.type === 'SignoffVoteCalled')).toMatchObject({ actorId: cast.coordinator.user.id, payload: { subject: 'AGREEMENT', by: 'coordinator' } });
    expect(events.filter((event) => event.type === 'AgreementSigned').map((event) => event.payload.organizationId).sort()).toEqual([cast.orgs.riverside, cast.orgs.northwind].sort());
    expect(events.findLast((event) => event.type === 'SignoffCompleted')!.payload).toEqual({ subject: 'AGREEMENT', outcome: 'approved', decidedBy: 'vote' });
    const again = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'CallVote' });
    expect(again).toMatchObject({ status: 409, body: { code: 'SIGNOFF.NO_VOTE_TO_CALL' } });
  });

  it('integrated: when the round falls due without agreement, its timer calls the vote', async () => {
    const { id } = await toRoleIdentification(cast, { ...SLOW_POLICY, taskDue: 'PT12S', reminderBeforeDue: 'PT1S' });
    await withEastvale(id);
    await agreeRoles(cast, id, 'integrated', [cast.orgs.riverside, cast.orgs.northwind, cast.orgs.eastvale]);
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
    await completeOpenTasks(cast, cast.riverside, id, 'SIGN_AGREEMENT');
    await completeOpenTasks(cast, cast.northwind, id, 'SIGN_AGREEMENT');
    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');

    await eventually('the vote timer to decide the agreement', async () => ((await stageOf(cast, id)) === 'MEASUREMENT' ? true : undefined), 60_000);
    const events = await timeline(cast, id);
    const called = events.find((event) => event.type === 'SignoffVoteCalled')!;
    expect(called).toMatchObject({ actorId: 'system', payload: { subject: 'AGREEMENT', by: 'deadline' } });
    expect(Date.parse(called.occurredAt)).toBeGreaterThanOrEqual(Date.parse(events.findLast((event) => event.type === 'SignoffOpened')!.payload.voteAt));
    expect(events.findLast((event) => event.type === 'SignoffCompleted')!.payload).toEqual({ subject: 'AGREEMENT', outcome: 'approved', decidedBy: 'vote' });
  });
});

describe('a refused agreement', () => {
  it('stops the round, cancels the other task and stays in ROLE_IDENTIFICATION; version 2 signed by all moves on', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative');
    await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });

    const [task] = await openTasks(cast.riverside, id, 'SIGN_AGREEMENT');
    const noReason = await cast.riverside.post(`/api/tasks/${task!.id}/complete`, { decision: 'reject' });
    expect(noReason).toMatchObject({ status: 422, body: { code: 'TASK.REASON_REQUIRED' } });
    await complete(cast, cast.riverside, task!, { decision: 'reject', comment: 'Our resources are overstated' });

    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');
    const northwindTask = (await allTasks(cast, id, 'SIGN_AGREEMENT')).find((candidate) => candidate.assigneeOrganizationId === cast.orgs.northwind)!;
    expect(northwindTask.status).toBe('cancelled');
    expect(await openTasks(cast.northwind, id)).toEqual([]);
    const afterRefusal = await timeline(cast, id);
    expect(afterRefusal.find((event) => event.type === 'SignoffRefused')).toMatchObject({
      actorId: cast.riverside.user.id,
      payload: { subject: 'AGREEMENT', organizationId: cast.orgs.riverside, userId: cast.riverside.user.id, reason: 'Our resources are overstated' },
    });
    expect(afterRefusal.findLast((event) => event.type === 'SignoffCompleted')!.payload).toEqual({ subject: 'AGREEMENT', outcome: 'rejected' });
    expect(types(afterRefusal)).not.toContain('AgreementAdopted');
    expect(types(afterRefusal)).not.toContain('AgreementSigned');

    // The stage is open for edits again, and a second version goes round.
    await send(cast, cast.coordinator, id, {
      type: 'CommitResources',
      resources: [{ organizationId: cast.orgs.riverside, description: 'One coordinator, part time', amount: 1, unit: 'FTE' }],
    });
    await toMeasurement(cast, id);
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
    const events = await timeline(cast, id);
    expect(events.filter((event) => event.type === 'AgreementIssued').map((event) => event.payload.version)).toEqual([1, 2]);
    expect(events.filter((event) => event.type === 'AgreementSigned').map((event) => event.payload.version)).toEqual([2, 2]);
    expect(events.filter((event) => event.type === 'AgreementAdopted').map((event) => event.payload.version)).toEqual([2]);
  });
});

describe('termination options', () => {
  it('renew continues the workflow as new: PRIORITY_SETTING, generation 1, a gapless log, and goals can be recorded again', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative');
    await toMeasurement(cast, id);
    const before = await workflowOf(id).describe();
    expect(before.status.name).toBe('RUNNING');

    await proposeAndApproveTermination(cast, id, 'renew');
    expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'PRIORITY_SETTING', generation: 1, prioritiesStatus: 'DRAFTING', goals: [] });

    const after = await eventually('the workflow to continue as new', async () => {
      const description = await workflowOf(id).describe();
      return description.runId !== before.runId && description.status.name === 'RUNNING' ? description : undefined;
    });
    expect(after.runId).not.toBe(before.runId);
    expect((await workflowOf(id, before.runId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    expect(after.searchAttributes.PartnershipStage).toEqual(['PRIORITY_SETTING']);

    const renewed = await timeline(cast, id);
    expect(renewed.findLast((event) => event.type === 'TerminationDecided')!.payload).toEqual({ option: 'renew' });
    expect(renewed.at(-1)).toMatchObject({ type: 'PartnershipRenewed', payload: { generation: 1 }, workflowRunId: before.runId });

    // The new run accepts the first stage's commands again and writes on under its own run id.
    await send(cast, cast.coordinator, id, { type: 'RecordGoals', goals: smartGoals().slice(0, 1), scope: 'The renewed corridor' });
    await send(cast, cast.coordinator, id, { type: 'SubmitPriorities' });
    await completeOpenTasks(cast, cast.sponsor, id, 'APPROVE_PRIORITIES');
    expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'LISTENING', generation: 1, goals: [expect.objectContaining({ title: smartGoals()[0]!.title })] });

    const rows = (await db.query('SELECT sequence, type, workflow_run_id FROM partnership_events WHERE partnership_id = $1 ORDER BY sequence', [id])).rows as {
      sequence: number;
      type: string;
      workflow_run_id: string;
    }[];
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, index) => index + 1));
    expect(new Set(rows.map((row) => row.sequence)).size).toBe(rows.length);
    const renewedAt = rows.findIndex((row) => row.type === 'PartnershipRenewed');
    expect(rows.slice(0, renewedAt + 1).every((row) => row.workflow_run_id === before.runId)).toBe(true);
    expect(rows.slice(renewedAt + 1).map((row) => row.workflow_run_id)).toEqual(rows.slice(renewedAt + 1).map(() => after.runId));
    expect(rows.slice(renewedAt + 1).map((row) => row.type)).toEqual(['GoalsRecorded', 'PrioritiesSubmitted', 'TaskOpened', 'TaskCompleted', 'PrioritiesApproved', 'StageAdvanced']);
  });

  it('restructure returns to ROLE_IDENTIFICATION, where a new agreement can be issued and signed', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative');
    await toMeasurement(cast, id);

    await proposeAndApproveTermination(cast, id, 'restructure');
    expect(await stageOf(cast, id)).toBe('ROLE_IDENTIFICATION');
    const events = await timeline(cast, id);
    expect(types(events).slice(-3)).toEqual(['SignoffCompleted', 'TerminationDecided', 'StageAdvanced']);
    expect(events.at(-1)!.payload).toMatchObject({ from: 'TERMINATION', to: 'ROLE_IDENTIFICATION', reason: 'restructure' });
    expect(await openTasks(cast.riverside, id)).toEqual([]);

    // Restructuring means re-agreeing the roles: a second version of the agreement goes round.
    await send(cast, cast.coordinator, id, {
      type: 'DefineRoles',
      roles: [
        { organizationId: cast.orgs.northwind, goalRank: 1, responsibility: 'accountable' },
        { organizationId: cast.orgs.riverside, goalRank: 2, responsibility: 'accountable' },
      ],
    });
    const issue = await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'IssueAgreement' });
    expect(issue.status, JSON.stringify(issue.body)).toBe(200);
    for (const representative of [cast.riverside, cast.northwind]) await completeOpenTasks(cast, representative, id, 'SIGN_AGREEMENT');
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
  });

  it('a termination the sponsor rejects returns the partnership to the stage it came from', async () => {
    // From LISTENING (no terms agreed yet, so any option may be proposed).
    const listening = await toListening(cast);
    await send(cast, cast.coordinator, listening.id, { type: 'ProposeTermination', option: 'exit', reason: 'The foundation lost its funding' });
    expect(await stageOf(cast, listening.id)).toBe('TERMINATION');
    const duringTermination = await cast.coordinator.post(`/api/partnerships/${listening.id}/commands`, {
      type: 'AddStakeholder',
      stakeholder: { name: 'Drivers’ union', interest: 4, influence: 4 },
    });
    expect(duringTermination).toMatchObject({ status: 409, body: { code: 'PARTNERSHIP.WRONG_STAGE' } });
    const [approval] = await openTasks(cast.sponsor, listening.id, 'APPROVE_TERMINATION');
    await complete(cast, cast.sponsor, approval!, { decision: 'reject', comment: 'Funding is being replaced' });
    expect(await stageOf(cast, listening.id)).toBe('LISTENING');
    expect((await timeline(cast, listening.id)).slice(-2)).toEqual([
      expect.objectContaining({ type: 'TerminationRejected', actorId: cast.sponsor.user.id, payload: { reason: 'Funding is being replaced', backTo: 'LISTENING' } }),
      expect.objectContaining({ type: 'StageAdvanced', payload: expect.objectContaining({ from: 'TERMINATION', to: 'LISTENING' }) }),
    ]);
    await completeListening(cast, listening);
    expect(await stageOf(cast, listening.id)).toBe('ROLE_IDENTIFICATION');

    // From MEASUREMENT, after the partners agreed the options.
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'collaborative');
    await toMeasurement(cast, id);
    await proposeAndApproveTermination(cast, id, 'hand_over', { sign: false });
    expect(await openTasks(cast.riverside, id, 'SIGN_TERMINATION')).toHaveLength(1);
    await completeOpenTasks(cast, cast.riverside, id, 'SIGN_TERMINATION', { decision: 'reject', comment: 'We keep the assets' });
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
    expect(await openTasks(cast.northwind, id, 'SIGN_TERMINATION')).toEqual([]);

    await send(cast, cast.coordinator, id, { type: 'ProposeTermination', option: 'exit', reason: 'Second thoughts' });
    await completeOpenTasks(cast, cast.sponsor, id, 'APPROVE_TERMINATION', { decision: 'reject', comment: 'Not now' });
    expect(await stageOf(cast, id)).toBe('MEASUREMENT');
    expect((await timeline(cast, id)).filter((event) => event.type === 'TerminationRejected').map((event) => event.payload.backTo)).toEqual(['MEASUREMENT', 'MEASUREMENT']);
  });
});
