/**
 * Given/when/then helpers for the decider's unit specs. Test-only: excluded from the build
 * (libs/domain/tsconfig.json) and imported by *.spec.ts files alone.
 *
 * `given(events).when(command, { now?, actor? }).then(expectedBodies)` asserts the exact events a
 * command causes; `.thenThrows(code, { kind?, fields? })` the DomainError it raises. Histories for the
 * later stages are written with `story()`, which runs commands through the decider itself: every
 * step it takes is covered by its own exact-event test, so a story only saves retyping them.
 */
import { expect } from 'vitest';
import type { PartnershipCommand } from './commands.js';
import { decide, type CommandMeta } from './decide.js';
import { DomainError, type DomainErrorKind } from './errors.js';
import type { PartnershipEvent, PartnershipEventBody } from './events.js';
import { SYSTEM_ACTOR, type Actor, type Goal, type Kpi, type ManagementModel, type Stakeholder } from './model.js';
import { fold, type ActivePartnership, type PartnershipState } from './partnership.js';
import { DEFAULT_POLICY, type PartnershipPolicy } from './policy.js';
import type { TaskData } from './task-catalogue.js';
import type { Assignee, OpenTask, Task, TaskKind, TaskPurpose } from './tasks.js';

/** The clock of every `when`, unless a test passes another `now`. A Tuesday. */
export const NOW = new Date('2030-01-15T09:00:00.000Z');
/** The clock of the history in `given`, a day before NOW (a Monday). */
export const EARLIER = new Date('2030-01-14T09:00:00.000Z');

export const SECOND = 1000;
export const HOUR = 60 * 60 * SECOND;
export const DAY = 24 * HOUR;

export const IDS = {
  partnership: 'p-1',
  coordinator: 'u-coordinator',
  otherCoordinator: 'u-other-coordinator',
  sponsor: 'u-sponsor',
  steering: 'u-steering',
  partnerA: 'u-partner-a',
  partnerB: 'u-partner-b',
  partnerC: 'u-partner-c',
  partnerD: 'u-partner-d',
  auditor: 'u-auditor',
  admin: 'u-admin',
  orgA: 'org-a',
  orgB: 'org-b',
  orgC: 'org-c',
  orgD: 'org-d',
} as const;

export const NAME = 'River Valley Health Partnership';

const user = (userId: string, role: Exclude<Actor['role'], 'system'>, organizationId: string | null): Actor => ({
  kind: 'user',
  userId,
  role,
  organizationId,
});

export const coordinator = user(IDS.coordinator, 'coordinator', IDS.orgA);
export const otherCoordinator = user(IDS.otherCoordinator, 'coordinator', IDS.orgC);
export const sponsor = user(IDS.sponsor, 'sponsor', IDS.orgC);
export const partnerA = user(IDS.partnerA, 'partner', IDS.orgA);
export const partnerB = user(IDS.partnerB, 'partner', IDS.orgB);
export const partnerC = user(IDS.partnerC, 'partner', IDS.orgC);
export const partnerD = user(IDS.partnerD, 'partner', IDS.orgD);
export const auditor = user(IDS.auditor, 'auditor', null);
export const admin = user(IDS.admin, 'admin', null);
export const system: Actor = SYSTEM_ACTOR;

/** The partner who speaks for an organization. */
export const partnerOf = (organizationId: string): Actor => {
  const found = [partnerA, partnerB, partnerC, partnerD].find((actor) => actor.organizationId === organizationId);
  if (!found) throw new Error(`no partner for ${organizationId}`);
  return found;
};

type CreatedData = Extract<PartnershipEventBody, { type: 'PartnershipCreated' }>['data'];

/** A stamped event; the history in `given` happens at EARLIER, by the coordinator, unless told. */
export function stamped(body: PartnershipEventBody, at: Date = EARLIER, actor: Actor = coordinator): PartnershipEvent {
  return { ...body, at: at.toISOString(), actor } as PartnershipEvent;
}

export function createdData(overrides: Partial<CreatedData> = {}): CreatedData {
  return {
    partnershipId: IDS.partnership,
    name: NAME,
    description: 'Better outcomes for the valley',
    coordinatorId: IDS.coordinator,
    sponsorId: IDS.sponsor,
    steeringGroupIds: [IDS.sponsor, IDS.steering],
    organizationIds: [IDS.orgA, IDS.orgB, IDS.orgC],
    policy: { ...DEFAULT_POLICY },
    ...overrides,
  };
}

export const created = (overrides: Partial<CreatedData> = {}): PartnershipEvent => stamped({ type: 'PartnershipCreated', data: createdData(overrides) });

export function goal(overrides: Partial<Goal> = {}): Goal {
  return {
    rank: 1,
    title: 'Cut readmissions',
    metric: '30-day readmission rate (%)',
    baseline: 18,
    target: 12,
    dueDate: '2030-12-31',
    ...overrides,
  };
}

export const GOALS: Goal[] = [goal(), goal({ rank: 2, title: 'Raise screening', metric: 'screened (%)', baseline: 40, target: 70 })];

export const SCOPE = 'Adults discharged from the two valley hospitals';

export const goalsRecorded = (goals: Goal[] = GOALS, scope: string = SCOPE): PartnershipEvent => stamped({ type: 'GoalsRecorded', data: { goals, scope } });

/**
 * A task as `Decision.openTask` writes it, with the due date written out independently of the
 * duration parser (`due` ms after opening; DEFAULT_POLICY's P7D unless told).
 */
export function taskAt(
  spec: { id: string; kind: TaskKind; title: string; assignee: Assignee; cycle?: number | null; purpose?: TaskPurpose | null; detail?: string | null },
  openedAt: Date = NOW,
  due: number = 7 * DAY,
): Task {
  return {
    id: spec.id,
    kind: spec.kind,
    title: spec.title,
    assignee: spec.assignee,
    openedAt: openedAt.toISOString(),
    dueAt: new Date(openedAt.getTime() + due).toISOString(),
    cycle: spec.cycle ?? null,
    purpose: spec.purpose ?? null,
    detail: spec.detail ?? null,
  };
}

export const org = (organizationId: string): Assignee => ({ kind: 'organization', organizationId });
/** An organization's task addressed to its agreed point of contact. */
export const contact = (organizationId: string, contactId: string): Assignee => ({ kind: 'organization', organizationId, contactId });
/** How GOVERNANCE addresses each organization's tasks once an agreement names it (orgC has no point of contact). */
export const agreedAssignee = (organizationId: string): Assignee => {
  const contactId = (GOVERNANCE.pointsOfContact as Record<string, string>)[organizationId];
  return contactId ? contact(organizationId, contactId) : org(organizationId);
};
export const person = (userId: string): Assignee => ({ kind: 'user', userId });

export const active = (state: PartnershipState): ActivePartnership => {
  if (state.status !== 'active') throw new Error('expected an active partnership');
  return state;
};

// ---------------------------------------------------------------------------------------------
// Stories: histories built by running commands through the decider.

export interface StepMeta {
  now?: Date;
  actor?: Actor;
  /** false: as a workflow run from before integrated rounds sought agreement first. */
  jointDecisions?: boolean;
  /** false: as a workflow run from before KPI and role changes in MEASUREMENT needed a new agreement version. */
  agreedChanges?: boolean;
  /** false: as a workflow run from before KPIs were reported on their cadence between reviews. */
  kpiCadence?: boolean;
}

export class Story {
  readonly events: PartnershipEvent[];

  constructor(events: readonly PartnershipEvent[] = []) {
    this.events = [...events];
  }

  get state(): ActivePartnership {
    return active(fold(this.events));
  }

  /** Runs a command (at EARLIER, by the coordinator, unless told) and appends its events. */
  do(command: PartnershipCommand, meta: StepMeta = {}): this {
    const { now = EARLIER, actor = coordinator, ...flags } = meta;
    this.events.push(...decide(fold(this.events), command, { now, actor, ...flags }));
    return this;
  }

  /** The open task of this kind (and organization, for an organization's task). */
  task(kind: TaskKind, organizationId?: string): OpenTask {
    const found = this.state.openTasks.find(
      (task) => task.kind === kind && (organizationId === undefined || (task.assignee.kind === 'organization' && task.assignee.organizationId === organizationId)),
    );
    if (!found) throw new Error(`no open ${kind} task${organizationId ? ` for ${organizationId}` : ''}`);
    return found;
  }

  /** Completes the open task of this kind as its assignee (the organization's partner, or the user). */
  complete(kind: TaskKind, organizationId: string | null, decision: 'approve' | 'reject' = 'approve', extra: { comment?: string; data?: unknown } = {}, meta: StepMeta = {}): this {
    const task = this.task(kind, organizationId ?? undefined);
    const actor = meta.actor ?? (task.assignee.kind === 'organization' ? partnerOf(task.assignee.organizationId) : assigneeActor(task.assignee.userId));
    return this.do(completeTask(task.id, decision, extra), { ...meta, actor });
  }

  /** Agrees a CHANGE round, if one is open: every eligible organization's partner agrees. */
  agreeChange(): this {
    if (this.state.signoff?.subject !== 'CHANGE') return this;
    for (const organizationId of this.state.signoff.eligible) if (this.state.signoff) this.complete('DECIDE_CHANGE', organizationId);
    return this;
  }

  /** Admits an organization: by the coordinator alone while the partnership forms, else agreed by the partners. */
  admit(organizationId: string): this {
    return this.do({ type: 'AddOrganization', organizationId }).agreeChange();
  }

  /** Removes an organization, the same way. */
  remove(organizationId: string, reassignTo: string | null = null): this {
    return this.do({ type: 'RemoveOrganization', organizationId, reassignTo }).agreeChange();
  }

  /** A copy to branch from. */
  fork(): Story {
    return new Story(this.events);
  }
}

function assigneeActor(userId: string): Actor {
  if (userId === IDS.sponsor) return sponsor;
  if (userId === IDS.coordinator) return coordinator;
  throw new Error(`no actor for ${userId}`);
}

export const story = (events: readonly PartnershipEvent[] = [created()]) => new Story(events);

export const stakeholderInput: Omit<Stakeholder, 'id'> = { name: 'Valley patients forum', organizationId: null, interest: 5, influence: 3 };
export const sessionInput = { heldOn: '2030-01-10', participants: ['Patients forum', 'Ward staff'], heard: 'Discharge letters arrive late', concerns: ['data sharing'] };
export const ALIGNED = { '1': 3, '2': 2 };

/** PRIORITY_SETTING with the two goals recorded. */
export const prioritiesDrafted = (overrides: Partial<CreatedData> = {}) => story([created(overrides), goalsRecorded()]);

/** LISTENING: the sponsor approved the priorities. */
export const inListening = (overrides: Partial<CreatedData> = {}) =>
  prioritiesDrafted(overrides).do({ type: 'SubmitPriorities' }).complete('APPROVE_PRIORITIES', null);

/** LISTENING with a stakeholder, a session and every organization's alignment scores. */
export const listened = (overrides: Partial<CreatedData> = {}) => {
  const s = inListening(overrides)
    .do({ type: 'AddStakeholder', stakeholder: stakeholderInput })
    .do({ type: 'RecordListeningSession', session: sessionInput });
  for (const organizationId of s.state.organizationIds) s.do({ type: 'ScoreAlignment', organizationId, scores: ALIGNED });
  return s;
};

/** ROLE_IDENTIFICATION: every organization confirmed the listening. */
export const inRoles = (overrides: Partial<CreatedData> = {}) => {
  const s = listened(overrides).do({ type: 'OpenListeningSignoff' });
  for (const organizationId of s.state.organizationIds) s.complete('CONFIRM_LISTENING', organizationId);
  return s;
};

export const ROLES = [
  { organizationId: IDS.orgA, goalRank: 1, responsibility: 'accountable' as const },
  { organizationId: IDS.orgB, goalRank: 1, responsibility: 'responsible' as const },
  { organizationId: IDS.orgB, goalRank: 2, responsibility: 'accountable' as const },
];
export const RESOURCES = [{ organizationId: IDS.orgA, description: 'Two discharge nurses', amount: 2, unit: 'FTE' }];
export const GOVERNANCE = { pointsOfContact: { [IDS.orgA]: IDS.partnerA, [IDS.orgB]: IDS.partnerB }, decisionRule: 'Consensus of the steering group', escalationPath: 'Coordinator, then sponsor' };
export const CONFLICT_PROCESS = 'Talk first, then mediation by the sponsor';
export const KPI_A: Omit<Kpi, 'id' | 'definedAt'> = {
  name: 'Readmission rate',
  ownerOrganizationId: IDS.orgA,
  unit: '%',
  baseline: 18,
  target: 12,
  direction: 'decrease',
  // As long as DEFAULT_POLICY's review cycle: reported once a cycle (rules/kpi-cadence.unit.spec.ts covers shorter cadences).
  cadence: 'P6M',
  goalRank: 1,
};
export const KPI_B: Omit<Kpi, 'id' | 'definedAt'> = {
  name: 'Screening rate',
  ownerOrganizationId: IDS.orgB,
  unit: '%',
  baseline: 40,
  target: 70,
  direction: 'increase',
  cadence: 'P6M',
  goalRank: 2,
};

/** ROLE_IDENTIFICATION with everything the agreement needs (orgC holds no role and owns no KPI). */
export const rolesReady = (model: ManagementModel = 'cooperative', overrides: Partial<CreatedData> = {}) =>
  inRoles(overrides)
    .do({ type: 'DefineRoles', roles: ROLES })
    .do({ type: 'CommitResources', resources: RESOURCES })
    .do({ type: 'ChooseManagementModel', model })
    .do({ type: 'SetGovernance', governance: GOVERNANCE })
    .do({ type: 'SetConflictProcess', process: CONFLICT_PROCESS })
    .do({ type: 'SetTerminationTerms', options: ['renew', 'restructure', 'hand_over', 'exit'], noticePeriod: 'P3M' })
    .do({ type: 'DefineKpi', kpi: KPI_A })
    .do({ type: 'DefineKpi', kpi: KPI_B });

/** The agreement is issued and its SIGN_AGREEMENT tasks are open. */
export const signing = (model: ManagementModel = 'cooperative', overrides: Partial<CreatedData> = {}) => rolesReady(model, overrides).do({ type: 'IssueAgreement' });

/** MEASUREMENT: every eligible organization signed the agreement (at EARLIER). */
export const inMeasurement = (model: ManagementModel = 'cooperative', overrides: Partial<CreatedData> = {}) => {
  const s = signing(model, overrides);
  for (const organizationId of s.state.signoff?.eligible ?? []) if (s.state.signoff) s.complete('SIGN_AGREEMENT', organizationId);
  return s;
};

/** MEASUREMENT with the first review cycle opened (its timer fired at `at`). */
export const inCycle = (model: ManagementModel = 'cooperative', overrides: Partial<CreatedData> = {}) => {
  const s = inMeasurement(model, overrides);
  const at = new Date(s.state.nextReviewAt!);
  return s.do({ type: 'FireDueTimers' }, { now: at, actor: system });
};

/** The scheduled termination's notice has run: its timer fires at the effective date. */
export function noticeRuns(s: Story): Story {
  const effectiveAt = s.state.termination?.effectiveAt;
  if (!effectiveAt) throw new Error('no termination is scheduled');
  return s.do({ type: 'FireDueTimers' }, { now: new Date(effectiveAt), actor: system });
}

/** Exit, signed by everyone, the notice run, every wind-down item done: CLOSED. */
export function closedStory(): Story {
  const s = inMeasurement().do({ type: 'ProposeTermination', option: 'exit', reason: 'Goals met' }).complete('APPROVE_TERMINATION', null);
  for (const organizationId of [IDS.orgA, IDS.orgB, IDS.orgC]) s.complete('SIGN_TERMINATION', organizationId);
  noticeRuns(s);
  for (let i = 0; i < 3; i += 1) s.complete('WIND_DOWN', null, 'approve', { data: {} });
  return s;
}

// ---------------------------------------------------------------------------------------------
// given / when / then

interface ThrownExpectation {
  kind?: DomainErrorKind;
  /** The exact field messages. */
  fields?: Record<string, string>;
  /** The exact set of field keys, in any order. */
  fieldKeys?: string[];
}

export interface When {
  /** The meta the command ran with. */
  meta: CommandMeta;
  /** Runs the command and returns its events. */
  events(): PartnershipEvent[];
  /** Asserts the exact events (bodies, stamped with `at` = now and the actor) and returns them with the next state. */
  then(expected: PartnershipEventBody[]): { events: PartnershipEvent[]; state: ActivePartnership };
  /** Asserts a DomainError with this code (and kind/fields when given) and returns it. */
  thenThrows(code: string, expected?: ThrownExpectation): DomainError;
}

export interface Given {
  state: PartnershipState;
  when(command: PartnershipCommand, meta?: Partial<CommandMeta>): When;
}

export function given(events: readonly PartnershipEvent[] | Story = []): Given {
  const history = events instanceof Story ? events.events : events;
  const state = fold(history);
  return {
    state,
    when(command, metaOverrides = {}) {
      const meta: CommandMeta = { now: NOW, actor: coordinator, ...metaOverrides };
      const run = () => decide(state, command, meta);
      return {
        meta,
        events: run,
        then(expected) {
          const events = run();
          expect(events).toEqual(expected.map((body) => ({ ...body, at: meta.now.toISOString(), actor: meta.actor })));
          return { events, state: active(fold(events, state)) };
        },
        thenThrows(code, expectation = {}) {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown, `expected ${code} to be thrown`).toBeInstanceOf(DomainError);
          const error = thrown as DomainError;
          expect(error.code).toBe(code);
          if (expectation.kind) expect(error.kind).toBe(expectation.kind);
          if ('fields' in expectation) expect(error.fields).toEqual(expectation.fields);
          if (expectation.fieldKeys) expect(Object.keys(error.fields ?? {}).sort()).toEqual([...expectation.fieldKeys].sort());
          return error;
        },
      };
    },
  };
}

/** The id the next task opened after `events` (plus `offset` more events) receives. */
export const nextTaskId = (s: Story | PartnershipState, offset = 0) => `${IDS.partnership}.${(s instanceof Story ? s.state.version : s.version) + 1 + offset}`;

/** `data` is whatever a client might send: the decider checks it against the task's own kind. */
export const completeTask = (taskId: string, decision: 'approve' | 'reject' = 'approve', extra: { comment?: string | null; data?: unknown } = {}): PartnershipCommand => ({
  type: 'CompleteTask',
  taskId,
  decision,
  ...(extra.comment !== undefined ? { comment: extra.comment } : {}),
  ...(extra.data !== undefined ? { data: extra.data as TaskData } : {}),
});

export type { PartnershipPolicy };
