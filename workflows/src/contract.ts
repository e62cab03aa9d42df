/**
 * The partnership workflow's public contract: its name, id scheme, messages, search attributes, the
 * header that carries a command's request id and the metrics its interceptors emit.
 * The API imports this file and nothing else from workflows/. (The task queue is configuration:
 * TEMPORAL_TASK_QUEUE in @pe/config.)
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, PartnershipCommand, PartnershipEvent, PartnershipState } from '@pe/domain';

export { WORKFLOW_METRICS } from './metric-names.js';
export { REQUEST_ID_HEADER, requestIdIn, withRequestId } from './request-id.js';

export const WORKFLOW_TYPE = 'partnershipWorkflow';
export const workflowIdFor = (partnershipId: string) => `partnership-${partnershipId}`;

/** ApplicationFailure type carrying a DomainErrorShape in its first detail. */
export const DOMAIN_ERROR_FAILURE = 'DomainError';
/** ApplicationFailure type of an event-log integrity violation (never retried). */
export const INTEGRITY_FAILURE = 'EventLogIntegrityError';
/**
 * ApplicationFailure type of a command refused because its run is about to continue as new: nothing
 * was applied, and the same command sent again reaches the next run.
 */
export const RUN_CONTINUING_FAILURE = 'RunContinuingAsNew';

export interface PartnershipWorkflowInput {
  partnershipId: string;
  /** Continue as new past this many history events (default 2,000; tests set it low). */
  historyLimit?: number;
  /** Set when the workflow continues as new: where the previous run left off. */
  carried?: CarriedState;
}

/** What one run hands to the next: the state (open tasks and timers included) and recent answers. */
export interface CarriedState {
  state: PartnershipState;
  /** Idempotency key → the answer given, so a retry after continue-as-new still has one effect. */
  answers: [string, CommandResult][];
  /** Idempotency key → fingerprint of the command it was first used for. */
  fingerprints?: [string, string][];
}

export interface CommandRequest {
  command: PartnershipCommand;
  actor: Actor;
  /** The client's Idempotency-Key (scoped to the user): the same key twice has one effect. */
  idempotencyKey?: string;
  /** A digest of the command: the same key with another command is refused, not silently answered. */
  fingerprint?: string;
}

/** DomainError code of an Idempotency-Key reused for a different command. */
export const KEY_REUSED = 'IDEMPOTENCY.KEY_REUSED';

export interface CommandResult {
  /** The partnership's version once the command's events are stored. */
  version: number;
  events: { sequence: number; type: PartnershipEvent['type'] }[];
}

export const executeCommand = defineUpdate<CommandResult, [CommandRequest]>('executeCommand');
export const stateQuery = defineQuery<PartnershipState>('state');

export const SEARCH_ATTRIBUTES = {
  stage: defineSearchAttributeKey('PartnershipStage', 'KEYWORD'),
  organizations: defineSearchAttributeKey('PartnershipOrganizations', 'KEYWORD_LIST'),
  coordinator: defineSearchAttributeKey('PartnershipCoordinator', 'KEYWORD'),
} as const;

/** The event as it is appended: the decider's event plus its place in the partnership's log. */
export type SequencedEvent = PartnershipEvent & { sequence: number };

export interface RecordEventsInput {
  partnershipId: string;
  workflowRunId: string;
  events: SequencedEvent[];
}

/** Without a heartbeat from a running recordEvents for this long, Temporal retries it elsewhere. */
export const RECORD_EVENTS_HEARTBEAT_TIMEOUT_MS = 3000;

/** Activities the workflow calls; apps/worker implements them. */
export interface PartnershipActivities {
  recordEvents(input: RecordEventsInput): Promise<void>;
}
