/**
 * The partnership aggregate: its events, its state and the pure fold between them.
 * The workflow, the projector and the audit replay all use this one `evolve`.
 */
import type { PartnershipPolicy } from './policy.js';

export const STAGES = [
  'PRIORITY_SETTING',
  'LISTENING',
  'ROLE_IDENTIFICATION',
  'MEASUREMENT',
  'TERMINATION',
  'CLOSED',
] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ['admin', 'coordinator', 'partner', 'sponsor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a person with a role, or the workflow's own timers. */
export type Actor =
  | { kind: 'user'; userId: string; role: Role; organizationId: string | null }
  | { kind: 'system'; userId: 'system'; role: 'system'; organizationId: null };

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: 'system', role: 'system', organizationId: null };

export interface Goal {
  rank: number;
  title: string;
  metric: string;
  baseline: number;
  target: number;
  /** Calendar date (YYYY-MM-DD) by which the target is reached. */
  dueDate: string;
}

export type TaskKind = 'APPROVE_PRIORITIES';
export type TaskDecision = 'approve' | 'reject';

export interface Task {
  id: string;
  kind: TaskKind;
  title: string;
  assigneeUserId: string;
  openedAt: string;
  dueAt: string;
  remindAt: string;
  escalateAt: string;
}

export type PrioritiesStatus = 'DRAFTING' | 'SUBMITTED' | 'APPROVED';

export type PartnershipEventBody =
  | {
      type: 'PartnershipCreated';
      data: {
        partnershipId: string;
        name: string;
        description: string;
        coordinatorId: string;
        sponsorId: string;
        organizationIds: string[];
        policy: PartnershipPolicy;
      };
    }
  | { type: 'GoalsRecorded'; data: { goals: Goal[]; scope: string } }
  | { type: 'PrioritiesSubmitted'; data: Record<string, never> }
  | { type: 'TaskOpened'; data: { task: Task } }
  | { type: 'TaskCompleted'; data: { taskId: string; decision: TaskDecision; comment: string | null } }
  | { type: 'PrioritiesApproved'; data: Record<string, never> }
  | { type: 'PrioritiesRejected'; data: { reason: string } }
  | { type: 'StageAdvanced'; data: { from: Stage; to: Stage } }
  | { type: 'ReminderSent'; data: { taskId: string; recipientIds: string[] } }
  | { type: 'TaskEscalated'; data: { taskId: string; recipientIds: string[] } };

export type PartnershipEventType = PartnershipEventBody['type'];

/** An event as the decider emits it: what happened, when and by whom. */
export type PartnershipEvent = PartnershipEventBody & { at: string; actor: Actor };

export interface OpenTask extends Task {
  remindedAt: string | null;
  escalatedAt: string | null;
}

export interface Partnership {
  id: string;
  name: string;
  description: string;
  stage: Stage;
  coordinatorId: string;
  sponsorId: string;
  organizationIds: string[];
  policy: PartnershipPolicy;
  goals: Goal[];
  scope: string;
  prioritiesStatus: PrioritiesStatus;
  lastRejectionReason: string | null;
  openTasks: OpenTask[];
  createdAt: string;
  updatedAt: string;
  /** How many events have been folded into this state; the next event's sequence is version + 1. */
  version: number;
}

export type PartnershipState = { status: 'absent'; version: 0 } | ({ status: 'active' } & Partnership);

export const initialState = (): PartnershipState => ({ status: 'absent', version: 0 });

export function evolve(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  if (event.type === 'PartnershipCreated') {
    const { partnershipId, ...rest } = event.data;
    return {
      status: 'active',
      id: partnershipId,
      ...rest,
      organizationIds: [...rest.organizationIds],
      stage: 'PRIORITY_SETTING',
      goals: [],
      scope: '',
      prioritiesStatus: 'DRAFTING',
      lastRejectionReason: null,
      openTasks: [],
      createdAt: event.at,
      updatedAt: event.at,
      version: state.version + 1,
    };
  }
  if (state.status !== 'active') return state;
  const next: PartnershipState = { ...state, updatedAt: event.at, version: state.version + 1 };
  switch (event.type) {
    case 'GoalsRecorded':
      return { ...next, goals: event.data.goals, scope: event.data.scope };
    case 'PrioritiesSubmitted':
      return { ...next, prioritiesStatus: 'SUBMITTED' };
    case 'TaskOpened':
      return { ...next, openTasks: [...next.openTasks, { ...event.data.task, remindedAt: null, escalatedAt: null }] };
    case 'TaskCompleted':
      return { ...next, openTasks: next.openTasks.filter((task) => task.id !== event.data.taskId) };
    case 'PrioritiesApproved':
      return { ...next, prioritiesStatus: 'APPROVED', lastRejectionReason: null };
    case 'PrioritiesRejected':
      return { ...next, prioritiesStatus: 'DRAFTING', lastRejectionReason: event.data.reason };
    case 'StageAdvanced':
      return { ...next, stage: event.data.to };
    case 'ReminderSent':
      return { ...next, openTasks: markTask(next.openTasks, event.data.taskId, { remindedAt: event.at }) };
    case 'TaskEscalated':
      return { ...next, openTasks: markTask(next.openTasks, event.data.taskId, { escalatedAt: event.at }) };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function markTask(tasks: OpenTask[], taskId: string, change: Partial<OpenTask>): OpenTask[] {
  return tasks.map((task) => (task.id === taskId ? { ...task, ...change } : task));
}

export const fold = (events: readonly PartnershipEvent[], from: PartnershipState = initialState()) =>
  events.reduce(evolve, from);
