/**
 * The worker's workflow interceptors (apps/worker registers this module): they observe and carry
 * context, and never change what the workflow decides or the commands it issues, so recorded
 * histories replay unchanged (test/replay). Every promise the workflow awaits is handed back as it
 * came, never wrapped, so not even the order in which promises settle moves.
 *
 * - A command's request id (a header the API sets on the update) is kept for the update's handler,
 *   put on every activity it schedules and on every line the workflow logs meanwhile.
 * - Each update is logged once received and once answered (its type and outcome; never its payload or actor).
 * - Timers that fire are counted, with how late they woke the workflow.
 * Logs and metrics from workflow code are dropped while a history replays, so each is emitted once.
 */
import {
  AsyncLocalStorage,
  log,
  metricMeter,
  type ActivityInput,
  type LocalActivityInput,
  type Next,
  type UpdateInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { WORKFLOW_METRICS } from './metric-names.js';
import { requestIdIn, withRequestId } from './request-id.js';

const requestOfUpdate = new AsyncLocalStorage<string>();

export function interceptors(): WorkflowInterceptors {
  const timersFired = metricMeter.createCounter(WORKFLOW_METRICS.timersFired, 'timers', 'Workflow timers that fired');
  const timerLateness = metricMeter.createHistogram(WORKFLOW_METRICS.timerLateness, 'float', 's', 'How late each fired timer woke the workflow');

  const inbound: WorkflowInboundCallsInterceptor = {
    validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
      withRequestOf(input, () => {
        try {
          next(input);
        } catch (error) {
          log.info('command rejected', { ...describeUpdate(input), error: errorSummary(error) });
          throw error;
        }
      });
    },
    handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
      return withRequestOf(input, () => {
        log.info('command received', describeUpdate(input));
        const handled = next(input);
        handled.then(
          (result) => log.info('command applied', { ...describeUpdate(input), ...describeResult(result) }),
          (error: unknown) => log.warn('command failed', { ...describeUpdate(input), error: errorSummary(error) }),
        );
        return handled;
      });
    },
  };

  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
      const requestId = requestOfUpdate.getStore();
      return next(requestId ? { ...input, headers: withRequestId(input.headers, requestId) } : input);
    },
    scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>) {
      const requestId = requestOfUpdate.getStore();
      return next(requestId ? { ...input, headers: withRequestId(input.headers, requestId) } : input);
    },
    startTimer(input, next) {
      const startedAt = Date.now();
      const timer = next(input);
      timer.then(
        () => {
          // Workflow time: the start of the task that saw the timer fire.
          const latenessMs = Math.max(0, Date.now() - startedAt - input.durationMs);
          timersFired.add(1);
          timerLateness.record(latenessMs / 1000);
          log.debug('timer fired', { durationMs: input.durationMs, latenessMs });
        },
        () => undefined, // cancelled: the workflow woke for something else first
      );
      return timer;
    },
    getLogAttributes(input, next) {
      const requestId = requestOfUpdate.getStore();
      return next(requestId ? { ...input, requestId } : input);
    },
  };

  return { inbound: [inbound], outbound: [outbound] };
}

/** Runs `fn` with the update's request id (when it carries one) as the current one. */
function withRequestOf<T>(input: UpdateInput, fn: () => T): T {
  const requestId = requestIdIn(input.headers);
  return requestId ? requestOfUpdate.run(requestId, fn) : fn();
}

/** The command's type; the SDK adds the update's name and id to every line logged while it runs. */
function describeUpdate(input: UpdateInput): Record<string, unknown> {
  const [request] = input.args;
  const command = typeof request === 'object' && request !== null ? (request as { command?: { type?: unknown } }).command : undefined;
  return typeof command?.type === 'string' ? { commandType: command.type } : {};
}

function describeResult(result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null) return {};
  const { version, events } = result as { version?: unknown; events?: unknown };
  return { ...(typeof version === 'number' ? { version } : {}), ...(Array.isArray(events) ? { events: events.length } : {}) };
}

/** The failure's type (a DomainError's code is in its details) and message, never its details' payload. */
function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { type, details } = error as { type?: unknown; details?: unknown };
  const code = Array.isArray(details) && typeof details[0] === 'object' && details[0] !== null ? (details[0] as { code?: unknown }).code : undefined;
  return { name: error.name, message: error.message, ...(typeof type === 'string' ? { type } : {}), ...(typeof code === 'string' ? { code } : {}) };
}
