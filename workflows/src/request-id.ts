/**
 * The HTTP request a command came from travels with it as a Temporal header, not as part of the
 * command: the update's input, the activity's input and so every recorded history keep their shape,
 * while the API, the workflow and the activity each log the same id. The API puts it on the update
 * (a client interceptor), the workflow's interceptors carry it to the activities that update
 * schedules, and the worker's activity interceptor reads it. Only the API validates it (where it
 * enters); here it is only required to be a string.
 */
import { defaultPayloadConverter, type Headers } from '@temporalio/common';

export const REQUEST_ID_HEADER = 'requestId';

/** The headers with the request id set. */
export function withRequestId(headers: Headers, requestId: string): Headers {
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/** The request id the headers carry, if any. */
export function requestIdIn(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return typeof value === 'string' ? value : undefined;
  } catch {
    // An undecodable header names no request; the command itself is unaffected.
    return undefined;
  }
}
