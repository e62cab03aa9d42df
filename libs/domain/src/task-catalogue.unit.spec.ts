/** The catalogue of task kinds: complete, its schemas strict, and each kind's context drawn from state. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy.js';
import { fold, upgradeState, type ActivePartnership } from './partnership.js';
import {
  active,
  created,
  goalsRecorded,
  IDS,
  inCycle,
  inMeasurement,
  KPI_A,
  NOW,
  org,
  partnerA,
  signing,
  stamped,
  taskAt,
} from './spec-helpers.js';
import { checkCompletionData, DATA_TASK_KINDS, isDataTaskKind, parseTaskData, TASK_CATALOGUE, type DataTaskKind } from './task-catalogue.js';
import { taskContext } from './task-context.js';
import { TASK_KINDS, upgradeTask, type OpenTask, type TaskKind } from './tasks.js';

describe('the catalogue', () => {
  it('has exactly one entry per task kind', () => {
    expect(Object.keys(TASK_CATALOGUE).sort()).toEqual([...TASK_KINDS].sort());
    for (const kind of TASK_KINDS) expect(TASK_CATALOGUE[kind].label.length).toBeGreaterThan(0);
  });

  it('completes sign-offs and approvals by decision and the rest with data', () => {
    expect(TASK_KINDS.filter((kind) => !isDataTaskKind(kind))).toEqual(['APPROVE_PRIORITIES', 'CONFIRM_LISTENING', 'SIGN_AGREEMENT', 'DECIDE_CHANGE', 'APPROVE_TERMINATION', 'SIGN_TERMINATION']);
    expect(DATA_TASK_KINDS).toEqual(['REPORT_MEASUREMENT', 'HEALTH_CHECK', 'REVIEW', 'WIND_DOWN', 'DECIDE_EXPIRY', 'RESOLVE_CONFLICT', 'RECORD_CHECK_IN', 'CHECK_IN_ACTION']);
  });
});

describe('completion data by kind', () => {
  it.each<[DataTaskKind, unknown]>([
    ['REPORT_MEASUREMENT', { values: { 'kpi-1': 16.5 } }],
    ['HEALTH_CHECK', { strategy: 4, operations: 3, relationship: 5, governance: 2, recommend: 9 }],
    ['HEALTH_CHECK', { strategy: 4, operations: 3, relationship: 5, governance: 2 }],
    ['REVIEW', { outcome: 'continue', goalScores: { '1': 1, '2': -2 } }],
    ['REVIEW', { outcome: 'propose_termination', option: 'exit', reason: 'Done' }],
    ['WIND_DOWN', undefined],
    ['WIND_DOWN', {}],
  ])('%s accepts %j', (kind, data) => {
    expect(parseTaskData(kind, data).ok).toBe(true);
  });

  it.each<[DataTaskKind, unknown, string]>([
    ['REPORT_MEASUREMENT', { values: { 'kpi-1': '16' } }, 'data.values.kpi-1'],
    ['REPORT_MEASUREMENT', undefined, 'data'],
    ['REPORT_MEASUREMENT', { strategy: 4, operations: 3, relationship: 5, governance: 2 }, 'data.values'],
    ['HEALTH_CHECK', { strategy: 6, operations: 3, relationship: 5, governance: 2 }, 'data.strategy'],
    ['HEALTH_CHECK', { strategy: 4, operations: 3, relationship: 5, governance: 2, recommend: 11 }, 'data.recommend'],
    ['HEALTH_CHECK', { values: { 'kpi-1': 3 } }, 'data.strategy'],
    ['REVIEW', { outcome: 'continue', goalScores: { '1': 3 } }, 'data.goalScores.1'],
    ['REVIEW', { outcome: 'stop' }, 'data.outcome'],
    ['REVIEW', { outcome: 'propose_termination' }, 'data.option'],
    ['WIND_DOWN', { note: 'done' }, 'data'],
  ])('%s refuses %j at %s', (kind, data, field) => {
    const checked = parseTaskData(kind, data);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors)).toContain(field);
  });

  it('keeps data away from decisions', () => {
    expect(checkCompletionData('SIGN_AGREEMENT', undefined)).toEqual({ ok: true, data: undefined });
    expect(checkCompletionData('SIGN_AGREEMENT', { values: {} })).toMatchObject({ ok: false, errors: { data: expect.any(String) } });
    expect(checkCompletionData('REVIEW', { outcome: 'continue' })).toEqual({ ok: true, data: { outcome: 'continue' } });
  });
});

describe('legacy task shapes', () => {
  const legacy = (kind: TaskKind, detail: string) => {
    const { purpose: _purpose, ...task } = taskAt({ id: 'p-1.9', kind, title: 't', assignee: org(IDS.orgA), detail });
    return task;
  };

  it('turn the old detail sentinels into a purpose, and leave free text alone', () => {
    expect(upgradeTask(legacy('SIGN_AGREEMENT', 'joining'))).toMatchObject({ purpose: 'joining', detail: null });
    expect(upgradeTask(legacy('HEALTH_CHECK', 'pulse'))).toMatchObject({ purpose: 'pulse', detail: null });
    expect(upgradeTask(legacy('WIND_DOWN', 'final report'))).toMatchObject({ purpose: null, detail: 'final report' });
  });

  it('are upgraded when evolve folds an old TaskOpened and when old state is read', () => {
    const opened = stamped({ type: 'TaskOpened', data: { task: legacy('HEALTH_CHECK', 'pulse') } });
    const state = active(fold([created(), goalsRecorded(), opened]));
    expect(state.openTasks[0]).toMatchObject({ purpose: 'pulse', detail: null });
    const carried = { ...state, openTasks: [{ ...legacy('SIGN_AGREEMENT', 'joining'), remindersSent: 0, escalationLevel: 0 }] } as unknown as ActivePartnership;
    expect(upgradeState(carried).openTasks[0]).toMatchObject({ purpose: 'joining', detail: null });
  });
});

const HEALTH = { strategy: 4, operations: 3, relationship: 5, governance: 2 };

describe('task context', () => {
  const contextOf = (state: ActivePartnership, task: OpenTask) => taskContext(state, task, NOW);

  it('gives the signatory the agreement to sign, with its content and the round so far', () => {
    const s = signing();
    s.complete('SIGN_AGREEMENT', IDS.orgA);
    const context = contextOf(s.state, s.task('SIGN_AGREEMENT', IDS.orgB));
    expect(context.kind).toBe('agreement');
    if (context.kind !== 'agreement') return;
    expect(context.joining).toBe(false);
    expect(context.agreement?.version).toBe(1);
    expect(context.agreement?.content.kpis.map((kpi) => kpi.name)).toContain(KPI_A.name);
    expect(context.agreement?.content.conflictProcess).toBeTruthy();
    expect(context.agreement?.signatures[IDS.orgA]?.userId).toBe(partnerA.userId);
    expect(Object.keys(context.round?.approvals ?? {})).toEqual([IDS.orgA]);
  });

  it('gives a measurement task the KPIs its organization owns, with their last value', () => {
    const s = inCycle();
    const context = contextOf(s.state, s.task('REPORT_MEASUREMENT', IDS.orgA));
    expect(context).toMatchObject({ kind: 'measurement', cycle: 1, kpis: [{ name: KPI_A.name, unit: KPI_A.unit, baseline: KPI_A.baseline, target: KPI_A.target, direction: KPI_A.direction, lastValue: null }] });
  });

  it('gives the review the measures, the cycle’s health checks and the goals to score', () => {
    // A health pulse at least as long as the cycle never fires inside it.
    const s = inCycle('cooperative', { policy: { ...DEFAULT_POLICY, healthPulse: 'P1Y' } });
    expect(contextOf(s.state, s.task('HEALTH_CHECK', IDS.orgA))).toMatchObject({ kind: 'healthCheck', pulse: false, previous: null });
    for (const task of s.state.openTasks.filter((open) => open.kind === 'REPORT_MEASUREMENT')) {
      const owner = task.assignee.kind === 'organization' ? task.assignee.organizationId : '';
      const values = Object.fromEntries(s.state.kpis.filter((kpi) => kpi.ownerOrganizationId === owner).map((kpi) => [kpi.id, kpi.target]));
      s.complete('REPORT_MEASUREMENT', owner, 'approve', { data: { values } });
    }
    for (const organizationId of s.state.organizationIds) s.complete('HEALTH_CHECK', organizationId, 'approve', { data: { ...HEALTH, recommend: 9 } });
    const context = contextOf(s.state, s.task('REVIEW'));
    expect(context).toMatchObject({ kind: 'review', cycle: 1, measures: { cycle: 1, partnerNps: 100, shareOnTrack: 1 } });
    if (context.kind !== 'review') return;
    expect(context.goals.map((goal) => goal.rank)).toEqual([1, 2]);
    expect(context.healthChecks.map((check) => check.organizationId).sort()).toEqual([...s.state.organizationIds].sort());
    expect(context.kpis.find((kpi) => kpi.name === KPI_A.name)).toMatchObject({ actual: KPI_A.target, progress: 1, onTrack: true });
  });

  it('gives the sponsor the proposal and its reason, and who made it', () => {
    const s = inMeasurement().do({ type: 'ProposeTermination', option: 'exit', reason: 'Goals met' }, { now: NOW });
    const context = contextOf(s.state, s.task('APPROVE_TERMINATION'));
    expect(context).toMatchObject({ kind: 'termination', proposal: { option: 'exit', reason: 'Goals met', proposedBy: IDS.coordinator, proposedAt: NOW.toISOString() } });
  });
});
