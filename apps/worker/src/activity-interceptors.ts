/**
 * Around every activity the worker runs: the request id its workflow put on it (a header; see
 * workflows/src/interceptors.ts) goes on each line the activity's logger writes (its task token does
 * not), and each
 * `recordEvents` that succeeds is logged once and counts its events by type
 * (`partnerships_events_appended_total`). A retry after a lost completion counts its events again,
 * though the append itself is idempotent; that is rare (a worker dying between the commit and its
 * report) and the count is for rates, not for audit.
 */
import type { Context } from '@temporalio/activity';
import type { MetricCounter } from '@temporalio/common';
import type { ActivityInterceptors } from '@temporalio/worker';
import { requestIdIn, type PartnershipActivities, type RecordEventsInput } from '@pe/workflows';

const RECORD_EVENTS: keyof PartnershipActivities = 'recordEvents';
export const EVENTS_APPENDED_METRIC = 'partnerships_events_appended';

export function activityInterceptors(eventsAppended: MetricCounter) {
  return (context: Context): ActivityInterceptors => {
    let requestId: string | undefined;
    return {
      inbound: {
        async execute(input, next) {
          requestId = requestIdIn(input.headers);
          if (context.info.activityType !== RECORD_EVENTS) return next(input);
          const startedAt = performance.now();
          const result = await next(input);
          const { partnershipId, events } = input.args[0] as RecordEventsInput;
          const types = new Map<string, number>();
          for (const event of events) types.set(event.type, (types.get(event.type) ?? 0) + 1);
          for (const [type, count] of types) eventsAppended.add(count, { type });
          context.log.info('events recorded', {
            partnershipId,
            sequences: events.length > 0 ? `${events[0]!.sequence}-${events.at(-1)!.sequence}` : '',
            eventTypes: Object.fromEntries(types),
            durationMs: Math.round(performance.now() - startedAt),
          });
          return result;
        },
      },
      outbound: {
        getLogAttributes(attributes, next) {
          // The task token completes the activity from outside: it is a capability, not a fact to log.
          const { taskToken: _taskToken, ...kept } = next(attributes);
          return requestId ? { ...kept, requestId } : kept;
        },
      },
    };
  };
}
