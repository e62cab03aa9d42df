/**
 * One workflow per partnership: the authority over its state. Commands arrive as Updates whose
 * validator runs the decider, so a broken rule is rejected before anything reaches history; timers
 * are a deadline queue derived from state and awaited on workflow time. Before the history grows
 * large (or when the partnership is renewed) the workflow continues as new, carrying its state.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
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
  upgradeState,
  type Actor,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipState,
} from '@pe/domain';
import {
  DOMAIN_ERROR_FAILURE,
  INTEGRITY_FAILURE,
  KEY_REUSED,
  RECORD_EVENTS_HEARTBEAT_TIMEOUT_MS,
  RUN_CONTINUING_FAILURE,
  SEARCH_ATTRIBUTES,
  executeCommand,
  stateQuery,
  type CommandResult,
  type PartnershipActivities,
  type PartnershipWorkflowInput,
  type SequencedEvent,
} from './contract.js';

/**
 * A command waits for its events to be stored, so a lost attempt must be retried within seconds: the
 * activity heartbeats while it runs, so a worker that dies mid-append is noticed after the heartbeat
 * timeout, and an attempt stuck on a live worker is given up after the start-to-close timeout. A retry is safe: appending is idempotent. Activity options are
 * not part of the commands replay compares, so recorded histories replay unchanged.
 */
const { recordEvents } = proxyActivities<PartnershipActivities>({
  startToCloseTimeout: '10 seconds',
  heartbeatTimeout: RECORD_EVENTS_HEARTBEAT_TIMEOUT_MS,
  retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds', nonRetryableErrorTypes: [INTEGRITY_FAILURE] },
});

/** How long a workflow started by a create that never arrived waits before it gives up. */
const CREATION_WAIT = '1 hour';
/** Continue as new past this many history events, well before Temporal's own limits. */
export const DEFAULT_HISTORY_LIMIT = 2000;
/** How many idempotency answers travel to the next run. */
const ANSWERS_KEPT = 500;
/**
 * Guards storing the events of commands that arrive while an append is in flight together, in the
 * next append (histories recorded before it store each command's events in an append of its own).
 */
export const BATCHED_APPENDS_PATCH = 'batched-appends';

/**
 * Marks runs started once governance acted (points of contact, the notice period). A run recorded
 * before has no marker, so replaying it decides as it did then; `patched` answers once per run.
 */
export const GOVERNANCE_ACTS_PATCH = 'governance-acts';

/**
 * Marks runs started once integrated partnerships sought agreement before a vote (`agreement_or_vote`
 * rounds, the CallVote command, the vote timer). A run recorded before decides by majority at once.
 */
export const JOINT_DECISIONS_PATCH = 'joint-decisions';

/**
 * Marks runs started once a KPI or role changed in MEASUREMENT became a draft of the next agreement
 * version, in force only once the partners adopt it. A run recorded before applies a KPI at once.
 */
export const AGREED_CHANGES_PATCH = 'agreed-changes';

/**
 * Marks runs started once a KPI whose cadence is shorter than the review cycle was reported on it
 * between reviews (the `kpi_report` timer). A run recorded before schedules no such report.
 */
export const KPI_CADENCE_PATCH = 'kpi-cadence';

export async function partnershipWorkflow(input: PartnershipWorkflowInput): Promise<void> {
  const governanceActs = patched(GOVERNANCE_ACTS_PATCH);
  const jointDecisions = patched(JOINT_DECISIONS_PATCH);
  const agreedChanges = patched(AGREED_CHANGES_PATCH);
  const kpiCadence = patched(KPI_CADENCE_PATCH);
  // A run carried over from older code carries an older shape of the state.
  let state: PartnershipState = input.carried ? upgradeState(input.carried.state) : initialState();
  const answers = new Map<string, CommandResult>(input.carried?.answers ?? []);
  const fingerprints = new Map<string, string>(input.carried?.fingerprints ?? []);
  let changed = false;
  let renewed = false;
  /**
   * Set once this run is to continue as new: it waits for the commands it accepted, and takes no new
   * one. Otherwise commands sent without pause keep a handler running, and the run never ends.
   */
  let continuing = false;
  let persisted: Promise<void> = Promise.resolve();
  /** Events waiting for the append in flight to end, to be stored together in the next one. */
  let waiting: { events: SequencedEvent[]; stored: Promise<void> } | undefined;

  const reject = (error: DomainError) =>
    ApplicationFailure.create({ type: DOMAIN_ERROR_FAILURE, message: error.message, details: [error.toJSON()], nonRetryable: true });

  const decideOrReject = (command: PartnershipCommand, actor: Actor): PartnershipEvent[] => {
    try {
      return decide(state, command, { now: new Date(), actor, governanceActs, jointDecisions, agreedChanges, kpiCadence });
    } catch (error) {
      if (error instanceof DomainError) throw reject(error);
      throw error;
    }
  };

  /** The earlier answer to this key, or a refusal when the key was used for another command. */
  const earlierAnswer = (key: string | undefined, fingerprint: string | undefined): CommandResult | undefined => {
    if (!key) return undefined;
    const first = fingerprints.get(key);
    if (first && fingerprint && first !== fingerprint) {
      throw reject(new DomainError('rule', KEY_REUSED, 'This Idempotency-Key was already used for a different request; use a new key'));
    }
    return answers.get(key);
  };

  /** Folds the events into state at once, then stores them strictly in sequence order. */
  const apply = (events: PartnershipEvent[]): Promise<SequencedEvent[]> => {
    const sequenced = events.map((event, index) => ({ ...event, sequence: state.version + index + 1 }));
    const before = state;
    state = events.reduce(evolve, state);
    changed = true;
    if (events.some((event) => event.type === 'PartnershipRenewed')) renewed = true;
    if (searchAttributesChanged(before, state)) publishSearchAttributes(state);
    return store(sequenced).then(() => sequenced);
  };

  const record = (events: SequencedEvent[]) => recordEvents({ partnershipId: input.partnershipId, workflowRunId: workflowInfo().runId, events });

  /**
   * Appends strictly one after another, in sequence order. Commands that arrive while an append is
   * in flight wait for it together and are stored by one append, so a busy partnership costs one
   * Temporal round trip per append, not per command.
   */
  const store = (sequenced: SequencedEvent[]): Promise<void> => {
    if (!patched(BATCHED_APPENDS_PATCH)) {
      persisted = persisted.then(() => record(sequenced));
      return persisted;
    }
    if (!waiting) {
      const batch: { events: SequencedEvent[]; stored: Promise<void> } = { events: [], stored: persisted };
      batch.stored = persisted.then(() => {
        if (waiting === batch) waiting = undefined;
        return record(batch.events);
      });
      waiting = batch;
      persisted = batch.stored;
    }
    waiting.events.push(...sequenced);
    return waiting.stored;
  };

  setHandler(stateQuery, () => state);
  setHandler(
    executeCommand,
    async ({ command, actor, idempotencyKey, fingerprint }): Promise<CommandResult> => {
      const earlier = earlierAnswer(idempotencyKey, fingerprint);
      if (earlier) return earlier;
      const events = decideOrReject(command, actor);
      if (idempotencyKey && fingerprint) remember(fingerprints, idempotencyKey, fingerprint);
      const stored = await apply(events);
      const result = { version: stored.at(-1)?.sequence ?? state.version, events: stored.map(({ sequence, type }) => ({ sequence, type })) };
      if (idempotencyKey) remember(answers, idempotencyKey, result);
      return result;
    },
    {
      validator: ({ command, actor, idempotencyKey, fingerprint }) => {
        if (continuing) {
          throw ApplicationFailure.create({ type: RUN_CONTINUING_FAILURE, message: 'The partnership’s workflow is continuing as new; send the command again', nonRetryable: true });
        }
        if (earlierAnswer(idempotencyKey, fingerprint)) return;
        decideOrReject(command, actor);
      },
    },
  );

  if (input.carried) publishSearchAttributes(state);
  else if (!(await condition(() => state.status === 'active', CREATION_WAIT))) return;

  for (;;) {
    const due = nextDeadline(state);
    const now = Date.now();
    if (due !== null && due <= now) {
      const events = decide(state, { type: 'FireDueTimers' }, { now: new Date(now), actor: SYSTEM_ACTOR, governanceActs, jointDecisions, agreedChanges, kpiCadence });
      if (events.length > 0) await apply(events);
      continue;
    }
    const historyFull = workflowInfo().historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT) || workflowInfo().continueAsNewSuggested;
    if (isClosed(state) || renewed || historyFull) break;
    changed = false;
    if (due === null) await condition(() => changed);
    else await condition(() => changed, due - now);
  }
  // A rejected update leaves no trace in history, so refusing commands from here on changes nothing replay compares.
  if (!isClosed(state)) continuing = true;
  await condition(allHandlersFinished);
  await persisted;
  if (isClosed(state)) return;
  await continueAsNew<typeof partnershipWorkflow>({
    partnershipId: input.partnershipId,
    ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}),
    carried: { state, answers: [...answers], fingerprints: [...fingerprints] },
  });
}

const isClosed = (state: PartnershipState) => state.status === 'active' && state.stage === 'CLOSED';

function remember<T>(memory: Map<string, T>, key: string, value: T): void {
  memory.set(key, value);
  if (memory.size > ANSWERS_KEPT) memory.delete(memory.keys().next().value as string);
}

function searchAttributesChanged(before: PartnershipState, after: PartnershipState): boolean {
  if (after.status !== 'active') return false;
  if (before.status !== 'active') return true;
  return before.stage !== after.stage || before.coordinatorId !== after.coordinatorId || before.organizationIds.join() !== after.organizationIds.join();
}

function publishSearchAttributes(state: PartnershipState): void {
  if (state.status !== 'active') return;
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.stage, value: state.stage },
    { key: SEARCH_ATTRIBUTES.organizations, value: state.organizationIds },
    { key: SEARCH_ATTRIBUTES.coordinator, value: state.coordinatorId },
  ]);
}
