/**
 * One workflow per partnership: the authority over its state. Commands arrive as Updates whose
 * validator runs the decider, so a broken rule is rejected before anything reaches history; timers
 * are a deadline queue derived from state and awaited on workflow time.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DomainError,
  SYSTEM_ACTOR,
  decide,
  evolve,
  initialState,
  nextDeadline,
  type Actor,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipState,
} from '@pe/domain';
import {
  DOMAIN_ERROR_FAILURE,
  INTEGRITY_FAILURE,
  SEARCH_ATTRIBUTES,
  executeCommand,
  stateQuery,
  type CommandResult,
  type PartnershipActivities,
  type PartnershipWorkflowInput,
  type SequencedEvent,
} from './contract.js';

const { recordEvents } = proxyActivities<PartnershipActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds', nonRetryableErrorTypes: [INTEGRITY_FAILURE] },
});

/** How long a workflow started by a create that never arrived waits before it gives up. */
const CREATION_WAIT = '1 hour';

export async function partnershipWorkflow(input: PartnershipWorkflowInput): Promise<void> {
  let state: PartnershipState = initialState();
  let changed = false;
  let persisted: Promise<void> = Promise.resolve();

  const decideOrReject = (command: PartnershipCommand, actor: Actor): PartnershipEvent[] => {
    try {
      return decide(state, command, { now: new Date(), actor });
    } catch (error) {
      if (error instanceof DomainError) {
        throw ApplicationFailure.create({ type: DOMAIN_ERROR_FAILURE, message: error.message, details: [error.toJSON()], nonRetryable: true });
      }
      throw error;
    }
  };

  /** Folds the events into state at once, then stores them strictly in sequence order. */
  const apply = (events: PartnershipEvent[]): Promise<SequencedEvent[]> => {
    const sequenced = events.map((event, index) => ({ ...event, sequence: state.version + index + 1 }));
    const stageBefore = state.status === 'active' ? state.stage : null;
    state = events.reduce(evolve, state);
    changed = true;
    if (state.status === 'active' && state.stage !== stageBefore) publishSearchAttributes(state);
    const stored = persisted.then(() =>
      recordEvents({ partnershipId: input.partnershipId, workflowRunId: workflowInfo().runId, events: sequenced }),
    );
    persisted = stored;
    return stored.then(() => sequenced);
  };

  setHandler(stateQuery, () => state);
  setHandler(
    executeCommand,
    async ({ command, actor }): Promise<CommandResult> => {
      const stored = await apply(decideOrReject(command, actor));
      return { version: stored.at(-1)?.sequence ?? state.version, events: stored.map(({ sequence, type }) => ({ sequence, type })) };
    },
    { validator: ({ command, actor }) => void decideOrReject(command, actor) },
  );

  if (!(await condition(() => state.status === 'active', CREATION_WAIT))) return;

  for (;;) {
    const due = nextDeadline(state);
    const now = Date.now();
    if (due !== null && due <= now) {
      const events = decide(state, { type: 'FireDueTimers' }, { now: new Date(now), actor: SYSTEM_ACTOR });
      if (events.length > 0) await apply(events);
      continue;
    }
    changed = false;
    if (due === null) await condition(() => changed);
    else await condition(() => changed, due - now);
    if (state.status === 'active' && state.stage === 'CLOSED') break;
  }
  await condition(allHandlersFinished);
  await persisted;
}

function publishSearchAttributes(state: Extract<PartnershipState, { status: 'active' }>): void {
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.stage, value: state.stage },
    { key: SEARCH_ATTRIBUTES.organizations, value: state.organizationIds },
    { key: SEARCH_ATTRIBUTES.coordinator, value: state.coordinatorId },
  ]);
}
