/**
 * Given/when/then helpers for the decider's unit specs. Test-only: excluded from the build
 * (libs/domain/tsconfig.json) and imported by *.spec.ts files alone.
 */
import { expect } from 'vitest';
import { decide, type CommandMeta, type PartnershipCommand } from './decide.js';
import { DomainError, type DomainErrorKind } from './errors.js';
import {
  fold,
  SYSTEM_ACTOR,
  type Actor,
  type Goal,
  type PartnershipEvent,
  type PartnershipEventBody,
  type PartnershipState,
  type Task,
} from './partnership.js';
import { DEFAULT_POLICY } from './policy.js';

/** The clock of every `when`, unless a test passes another `now`. */
export const NOW = new Date('2030-01-15T09:00:00.000Z');
/** The clock of the history in `given`, a day before NOW. */
export const EARLIER = new Date('2030-01-14T09:00:00.000Z');

export const IDS = {
  partnership: 'p-1',
  coordinator: 'u-coordinator',
  otherCoordinator: 'u-other-coordinator',
  sponsor: 'u-sponsor',
  partner: 'u-partner',
  auditor: 'u-auditor',
  admin: 'u-admin',
  orgA: 'org-a',
  orgB: 'org-b',
  orgC: 'org-c',
} as const;

const user = (userId: string, role: Exclude<Actor['role'], 'system'>, organizationId: string | null): Actor => ({
  kind: 'user',
  userId,
  role,
  organizationId,
});

export const coordinator = user(IDS.coordinator, 'coordinator', IDS.orgA);
export const otherCoordinator = user(IDS.otherCoordinator, 'coordinator', IDS.orgC);
export const sponsor = user(IDS.sponsor, 'sponsor', IDS.orgB);
export const partner = user(IDS.partner, 'partner', IDS.orgB);
export const auditor = user(IDS.auditor, 'auditor', null);
export const admin = user(IDS.admin, 'admin', null);
export const system: Actor = SYSTEM_ACTOR;

type CreatedData = Extract<PartnershipEventBody, { type: 'PartnershipCreated' }>['data'];

/** A stamped event; the history in `given` happens at EARLIER, by the coordinator, unless told. */
export function stamped(body: PartnershipEventBody, at: Date = EARLIER, actor: Actor = coordinator): PartnershipEvent {
  return { ...body, at: at.toISOString(), actor } as PartnershipEvent;
}

export function createdData(overrides: Partial<CreatedData> = {}): CreatedData {
  return {
    partnershipId: IDS.partnership,
    name: 'River Valley Health Partnership',
    description: 'Better outcomes for the valley',
    coordinatorId: IDS.coordinator,
    sponsorId: IDS.sponsor,
    organizationIds: [IDS.orgA, IDS.orgB],
    policy: { ...DEFAULT_POLICY },
    ...overrides,
  };
}

export const created = (overrides: Partial<CreatedData> = {}): PartnershipEvent =>
  stamped({ type: 'PartnershipCreated', data: createdData(overrides) });

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

export const SCOPE = 'Adults discharged from the two valley hospitals';

export const goalsRecorded = (goals: Goal[] = [goal()], scope: string = SCOPE): PartnershipEvent =>
  stamped({ type: 'GoalsRecorded', data: { goals, scope } });

export const DAY = 24 * 60 * 60 * 1000;

/**
 * The approval task SubmitPriorities opens at `openedAt` under DEFAULT_POLICY (P7D / P3DT12H / P14D),
 * with the offsets written out independently of the duration parser.
 */
export function approvalTask(id: string, openedAt: Date = EARLIER): Task {
  const at = (ms: number) => new Date(openedAt.getTime() + ms).toISOString();
  return {
    id,
    kind: 'APPROVE_PRIORITIES',
    title: 'Approve the priorities of River Valley Health Partnership',
    assigneeUserId: IDS.sponsor,
    openedAt: openedAt.toISOString(),
    dueAt: at(7 * DAY),
    remindAt: at(3.5 * DAY),
    escalateAt: at(14 * DAY),
  };
}

/** The id of the task opened by `submitted()` after `created()` and `goalsRecorded()`: sequence 4. */
export const TASK_ID = `${IDS.partnership}.4`;

/** PrioritiesSubmitted and the TaskOpened that goes with it, opened at `openedAt`. */
export function submitted(taskId: string = TASK_ID, openedAt: Date = EARLIER): PartnershipEvent[] {
  return [
    stamped({ type: 'PrioritiesSubmitted', data: {} }, openedAt),
    stamped({ type: 'TaskOpened', data: { task: approvalTask(taskId, openedAt) } }, openedAt),
  ];
}

/** The common history up to the sponsor's approval task being open. */
export const awaitingApproval = (): PartnershipEvent[] => [created(), goalsRecorded(), ...submitted()];

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
  then(expected: PartnershipEventBody[]): { events: PartnershipEvent[]; state: PartnershipState };
  /** Asserts a DomainError with this code (and kind/fields when given) and returns it. */
  thenThrows(code: string, expected?: ThrownExpectation): DomainError;
}

export interface Given {
  state: PartnershipState;
  when(command: PartnershipCommand, meta?: Partial<CommandMeta>): When;
}

export function given(events: readonly PartnershipEvent[] = []): Given {
  const state = fold(events);
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
          return { events, state: fold(events, state) };
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
