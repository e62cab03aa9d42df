/**
 * What the API knows about the request it is serving, wherever the code runs on its behalf (a
 * guard, a service, the Temporal client's interceptor, a log line): kept in AsyncLocalStorage, so
 * nothing has to pass it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The id of the request being served, if any (none at start-up or in a timer of the process's own). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** pino's mixin: every line written while serving a request names it. */
export function requestFields(): Record<string, unknown> {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}
