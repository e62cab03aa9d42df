/**
 * KPI cadence: a KPI whose cadence is shorter than the review cycle is reported every cadence between
 * two reviews (its owner's REPORT_MEASUREMENT task, purpose kpi_report); one at or above the review
 * cycle is reported with the cycle only.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../decide.js';
import { deadlineLedger } from '../ledger.js';
import { kpiTrajectories, kpiStatuses, measuresByCycle } from '../measures.js';
import { DEFAULT_POLICY } from '../policy.js';
import { taskContext } from '../task-context.js';
import { deadlines } from '../timers.js';
import {
  agreedAssignee,
  completeTask,
  DAY,
  EARLIER,
  given,
  IDS,
  KPI_A,
  NAME,
  partnerA,
  partnerB,
  rolesReady,
  system,
  taskAt,
  type Story,
} from '../spec-helpers.js';

/** No pulse inside a cycle, so the only timers of MEASUREMENT are the review and the KPI reports. */
const NO_PULSE = { policy: { ...DEFAULT_POLICY, healthPulse: 'P1Y' } };
const at = (days: number) => new Date(EARLIER.getTime() + days * DAY);
const REVIEW_AT = at(180);
const HEALTH = { strategy: 4, operations: 3, relationship: 5, governance: 2 };

const kpiIdOf = (s: Story, name: string) => s.state.kpis.find((kpi) => kpi.name === name)!.id;
const MONTHLY = 'Readmission rate';
const SIX_MONTHLY = 'Screening rate';

/** Readmission rate (orgA) monthly, screening rate (orgB) every review cycle; signed by everyone at EARLIER. */
function monthly(meta: { kpiCadence?: boolean } = {}): Story {
  const s = rolesReady('cooperative', NO_PULSE);
  s.do({ type: 'DefineKpi', kpi: { ...KPI_A, id: kpiIdOf(s, MONTHLY), cadence: 'P1M' } }).do({ type: 'IssueAgreement' });
  for (const organizationId of s.state.signoff?.eligible ?? []) if (s.state.signoff) s.complete('SIGN_AGREEMENT', organizationId, 'approve', {}, meta);
  return s;
}

const fire = (s: Story, now: Date, meta: { kpiCadence?: boolean } = {}) => s.do({ type: 'FireDueTimers' }, { now, actor: system, ...meta });
const reportTask = (s: Story) => s.state.openTasks.find((task) => task.purpose === 'kpi_report');

describe('scheduling KPI reports between reviews', () => {
  it('adoption schedules a monthly KPI a month on, and not a KPI whose cadence is the review cycle', () => {
    const s = monthly();
    expect(s.state.stage).toBe('MEASUREMENT');
    expect(s.state.nextKpiReportAt).toEqual({ [kpiIdOf(s, MONTHLY)]: at(30).toISOString() });
    expect(s.events.filter((event) => event.type === 'KpiReportsScheduled').map((event) => event.data)).toEqual([{ at: { [kpiIdOf(s, MONTHLY)]: at(30).toISOString() } }]);
  });

  it('a partnership whose KPIs all keep to the review cycle schedules nothing (as before)', () => {
    const s = rolesReady('cooperative', NO_PULSE).do({ type: 'IssueAgreement' });
    for (const organizationId of s.state.signoff?.eligible ?? []) if (s.state.signoff) s.complete('SIGN_AGREEMENT', organizationId);
    expect(s.events.some((event) => event.type === 'KpiReportsScheduled')).toBe(false);
    expect(deadlines(s.state).map((deadline) => deadline.purpose)).toEqual(['review']);
  });

  it('a run from before the rule (kpiCadence: false) schedules nothing: no kpi_report timer, the review as before', () => {
    const s = monthly({ kpiCadence: false });
    expect(s.state.stage).toBe('MEASUREMENT');
    expect(s.events.some((event) => event.type === 'KpiReportsScheduled')).toBe(false);
    expect(deadlines(s.state).map((deadline) => deadline.purpose)).toEqual(['review']);
    fire(s, REVIEW_AT, { kpiCadence: false });
    expect(s.events.some((event) => event.type === 'KpiReportsScheduled')).toBe(false);
  });

  it('the kpi_report timer is a deadline of MEASUREMENT, listed in the ledger as chasing the owner', () => {
    const s = monthly();
    const kpiId = kpiIdOf(s, MONTHLY);
    expect(deadlines(s.state)).toEqual([
      { at: at(30).getTime(), purpose: 'kpi_report', kpiId },
      { at: REVIEW_AT.getTime(), purpose: 'review' },
    ]);
    const row = deadlineLedger(s.state).find((entry) => entry.purpose === 'kpi_report');
    expect(row).toMatchObject({ id: `${IDS.partnership}:kpi_report:${kpiId}`, firesAt: at(30).toISOString(), recipients: [{ userId: IDS.partnerA }] });
  });
});

describe('a KPI report falling due', () => {
  it('nothing happens before it is due', () => {
    given(monthly()).when({ type: 'FireDueTimers' }, { now: new Date(at(30).getTime() - 1), actor: system }).then([]);
  });

  it('opens the owner organization’s report task for the KPIs due, and plans the next a cadence on', () => {
    const s = monthly();
    const kpiId = kpiIdOf(s, MONTHLY);
    const taskId = `p-1.${s.state.version + 1}`;
    const { state } = given(s)
      .when({ type: 'FireDueTimers' }, { now: at(30), actor: system })
      .then([
        {
          type: 'TaskOpened',
          data: { task: taskAt({ id: taskId, kind: 'REPORT_MEASUREMENT', title: `Report "${MONTHLY}" (due ${at(30).toISOString().slice(0, 10)}): ${NAME}`, assignee: agreedAssignee(IDS.orgA), cycle: 1, purpose: 'kpi_report' }, at(30)) },
        },
        { type: 'KpiReportFellDue', data: { taskId, organizationId: IDS.orgA, kpiIds: [kpiId], plannedAt: at(30).toISOString(), cycle: 1 } },
        { type: 'KpiReportsScheduled', data: { at: { [kpiId]: at(60).toISOString() } } },
      ]);
    expect(state.kpiReports).toEqual([{ taskId, organizationId: IDS.orgA, kpiIds: [kpiId], plannedAt: at(30).toISOString(), cycle: 1 }]);
    expect(state.cycle).toBe(0);
  });

  it('the task asks for the KPIs due only: its form shows them with when they fell due', () => {
    const s = fire(monthly(), at(30));
    const context = taskContext(s.state, reportTask(s)!, at(31));
    expect(context).toMatchObject({ kind: 'measurement', cycle: 1, plannedAt: at(30).toISOString() });
    expect(context.kpis.map((kpi) => [kpi.name, kpi.cadence])).toEqual([[MONTHLY, 'P1M']]);
  });

  it('the last occasion before the next review is left to the review’s report', () => {
    const s = monthly();
    for (const day of [30, 60, 90, 120]) fire(s, at(day));
    expect(Object.values(s.state.nextKpiReportAt)).toEqual([at(150).toISOString()]);
    fire(s, at(150));
    // Day 180 is the review itself, which asks for every KPI.
    expect(s.state.nextKpiReportAt).toEqual({});
    expect(deadlines(s.state).filter((deadline) => deadline.purpose === 'kpi_report')).toEqual([]);
  });

  it('a missed report is reminded and escalated like any task', () => {
    const s = fire(monthly(), at(30));
    const task = reportTask(s)!;
    const reminder = deadlines(s.state).find((deadline) => deadline.purpose === 'reminder' && deadline.taskId === task.id)!;
    expect(reminder.at).toBe(at(33.5).getTime());
    const events = given(s).when({ type: 'FireDueTimers' }, { now: at(45), actor: system }).events();
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['ReminderSent', 'TaskEscalated']));
    expect(events.find((event) => event.type === 'TaskEscalated')).toMatchObject({ data: { taskId: task.id, level: 1 } });
  });
});

describe('reporting between reviews', () => {
  it('records the KPI’s value as measured when it fell due, on time, and opens no review', () => {
    const s = fire(monthly(), at(30));
    const kpiId = kpiIdOf(s, MONTHLY);
    const taskId = reportTask(s)!.id;
    const { state } = given(s)
      .when(completeTask(taskId, 'approve', { data: { values: { [kpiId]: 17 } } }), { now: at(32), actor: partnerA })
      .then([
        { type: 'TaskCompleted', data: { taskId, decision: 'approve', comment: null } },
        { type: 'MeasurementRecorded', data: { measurement: { kpiId, cycle: 1, value: 17, reportedBy: IDS.partnerA, reportedAt: at(32).toISOString(), onTime: true, plannedAt: at(30).toISOString() } } },
      ]);
    expect(state.openTasks).toEqual([]);
  });

  it('refuses a KPI the report does not ask for, and a missing one → 422 TASK.INVALID_DATA', () => {
    const s = fire(monthly(), at(30));
    given(s)
      .when(completeTask(reportTask(s)!.id, 'approve', { data: { values: { [kpiIdOf(s, SIX_MONTHLY)]: 50 } } }), { now: at(32), actor: partnerA })
      .thenThrows(ERROR_CODES.invalidTaskData, {
        fields: { [`data.values.${kpiIdOf(s, MONTHLY)}`]: `report a number for "${MONTHLY}" (%)`, [`data.values.${kpiIdOf(s, SIX_MONTHLY)}`]: 'not a KPI this report asks for' },
      });
  });

  it('is completed by a representative of the owner only', () => {
    const s = fire(monthly(), at(30));
    given(s)
      .when(completeTask(reportTask(s)!.id, 'approve', { data: { values: { [kpiIdOf(s, MONTHLY)]: 17 } } }), { now: at(32), actor: partnerB })
      .thenThrows(ERROR_CODES.notAssignee);
  });

  it('the measures show each monthly value as its own point, at the instant it fell due, and the latest as the actual', () => {
    const s = fire(monthly(), at(30));
    const kpiId = kpiIdOf(s, MONTHLY);
    s.do(completeTask(reportTask(s)!.id, 'approve', { data: { values: { [kpiId]: 17 } } }), { now: at(31), actor: partnerA });
    fire(s, at(60));
    s.do(completeTask(reportTask(s)!.id, 'approve', { data: { values: { [kpiId]: 16.5 } } }), { now: at(61), actor: partnerA });
    const points = kpiTrajectories(s.state).find((trajectory) => trajectory.kpiId === kpiId)!.points.filter((point) => point.cycle !== null);
    expect(points.map((point) => [point.at, point.actual, point.betweenReviews])).toEqual([
      [at(30).toISOString(), 17, true],
      [at(60).toISOString(), 16.5, true],
    ]);
    expect(kpiStatuses(s.state, at(62)).find((status) => status.kpiId === kpiId)?.actual).toBe(16.5);
  });
});

describe('the review cycle and the between-review reports', () => {
  it('an unreported report is superseded by the next; the review’s report still asks for every KPI, covers the one still open, and restarts the schedule', () => {
    const s = monthly();
    for (const day of [30, 60, 90, 120, 150]) fire(s, at(day));
    // Each report unreported is superseded by the next: one open task, not five.
    const superseded = s.events.filter((event) => event.type === 'TaskCancelled' && event.data.reason === 'a newer report of the same KPIs fell due');
    expect(superseded).toHaveLength(4);
    const open = s.state.openTasks.filter((task) => task.purpose === 'kpi_report');
    expect(open).toHaveLength(1);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: REVIEW_AT, actor: system }).events();
    expect(events.filter((event) => event.type === 'TaskCancelled').map((event) => event.data)).toEqual(open.map((task) => ({ taskId: task.id, reason: 'the review cycle’s report covers it' })));
    fire(s, REVIEW_AT);
    const cycleReports = s.state.openTasks.filter((task) => task.kind === 'REPORT_MEASUREMENT');
    expect(cycleReports.map((task) => [task.purpose, task.cycle, task.assignee])).toEqual(
      expect.arrayContaining([
        [null, 1, agreedAssignee(IDS.orgA)],
        [null, 1, agreedAssignee(IDS.orgB)],
      ]),
    );
    expect(cycleReports).toHaveLength(2);
    expect(s.state.nextKpiReportAt).toEqual({ [kpiIdOf(s, MONTHLY)]: at(210).toISOString() });
    // The review cycle's report for orgA asks for its KPI (all it owns), as before.
    const orgA = cycleReports.find((task) => task.assignee.kind === 'organization' && task.assignee.organizationId === IDS.orgA)!;
    expect(taskContext(s.state, orgA, REVIEW_AT)).toMatchObject({ plannedAt: null, kpis: [expect.objectContaining({ name: MONTHLY })] });
  });

  it('after an outage reaching the review, the missed occasion is left to the review’s report: no task opens only to be cancelled', () => {
    const s = monthly();
    const events = given(s).when({ type: 'FireDueTimers' }, { now: REVIEW_AT, actor: system }).events();
    expect(events.some((event) => event.type === 'KpiReportFellDue')).toBe(false);
    expect(events.some((event) => event.type === 'TaskCancelled')).toBe(false);
  });

  it('a between-review report open does not hold the cycle’s review back, and its values lead up to the next cycle', () => {
    const s = monthly();
    fire(s, REVIEW_AT);
    s.complete('REPORT_MEASUREMENT', IDS.orgA, 'approve', { data: { values: { [kpiIdOf(s, MONTHLY)]: 16 } } }, { now: at(181) });
    s.complete('REPORT_MEASUREMENT', IDS.orgB, 'approve', { data: { values: { [kpiIdOf(s, SIX_MONTHLY)]: 45 } } }, { now: at(181) });
    for (const organizationId of [IDS.orgA, IDS.orgB]) s.complete('HEALTH_CHECK', organizationId, 'approve', { data: HEALTH }, { now: at(181) });
    fire(s, at(210));
    expect(reportTask(s)?.cycle).toBe(2);
    s.complete('HEALTH_CHECK', IDS.orgC, 'approve', { data: HEALTH }, { now: at(211) });
    expect(s.state.openTasks.filter((task) => task.kind === 'REVIEW').map((task) => task.cycle)).toEqual([1]);
    // Reported late, between reviews: it counts towards cycle 2's measures, not cycle 1's.
    s.do(completeTask(reportTask(s)!.id, 'approve', { data: { values: { [kpiIdOf(s, MONTHLY)]: 15 } } }), { now: at(250), actor: partnerA });
    expect(measuresByCycle(s.state)[0]).toMatchObject({ cycle: 1, onTimeSubmissionRate: 1 });
    expect(s.state.measurements.at(-1)).toMatchObject({ cycle: 2, onTime: false, plannedAt: at(210).toISOString() });
  });
});

describe('holds, leaving MEASUREMENT and gaps', () => {
  it('a hold moves the timer by the time held, and no report falls due while on hold', () => {
    const s = monthly().do({ type: 'PutOnHold', reason: 'Funding review' }, { now: at(10) });
    expect(deadlines(s.state)).toEqual([]);
    given(s).when({ type: 'FireDueTimers' }, { now: at(30), actor: system }).then([]);
    s.do({ type: 'Resume' }, { now: at(20) });
    expect(s.state.nextKpiReportAt).toEqual({ [kpiIdOf(s, MONTHLY)]: at(40).toISOString() });
  });

  it('leaving MEASUREMENT stops it: a proposed termination withdraws the open report and the timer waits', () => {
    const s = fire(monthly(), at(30)).do({ type: 'ProposeTermination', option: 'exit', reason: 'Funding ends' }, { now: at(40) });
    expect(s.state.stage).toBe('TERMINATION');
    expect(s.state.openTasks.filter((task) => task.purpose === 'kpi_report')).toEqual([]);
    expect(deadlines(s.state).filter((deadline) => deadline.purpose === 'kpi_report')).toEqual([]);
    const events = given(s).when({ type: 'FireDueTimers' }, { now: at(100), actor: system }).events();
    expect(events.filter((event) => event.type === 'TaskOpened' || event.type.startsWith('KpiReport'))).toEqual([]);
  });

  it('after a gap only one report falls due, for the latest occasion, not every missed one', () => {
    const s = monthly().do({ type: 'ProposeTermination', option: 'exit', reason: 'Funding ends' }, { now: at(10) });
    s.complete('APPROVE_TERMINATION', null, 'reject', { comment: 'Not now' }, { now: at(100) });
    expect(s.state.stage).toBe('MEASUREMENT');
    fire(s, at(101));
    expect(s.state.openTasks.filter((task) => task.purpose === 'kpi_report')).toHaveLength(1);
    expect(s.state.kpiReports.map((report) => report.plannedAt)).toEqual([at(90).toISOString()]);
    expect(s.events.filter((event) => event.type === 'KpiReportFellDue')).toHaveLength(1);
    expect(s.state.nextKpiReportAt).toEqual({ [kpiIdOf(s, MONTHLY)]: at(120).toISOString() });
  });
});
