/**
 * The API's Temporal client, set up to fail fast rather than hold a request:
 * - lazy, so the API starts and serves reads and health while Temporal is down;
 * - three gRPC attempts instead of the SDK's ten (whose back-off holds a call about 20 s when the
 *   server is unreachable), so a refused connection is answered in well under a second;
 * - a short reconnect back-off, so a server that comes back is used within seconds rather than after
 *   gRPC's default of up to two minutes.
 * Every call is bounded by a deadline besides (PartnershipGateway, DependencyProbes). Updates carry
 * the id of the request they come from (request-id-interceptor.ts).
 */
import { Client, Connection, defaultGrpcRetryOptions, isGrpcServiceError, makeGrpcRetryInterceptor } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import type { ApiConfig } from '@pe/config';
import { requestIdInterceptor } from './request-id-interceptor.js';

export function createTemporalClient(config: Pick<ApiConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>): Client {
  const connection = Connection.lazy({
    address: config.TEMPORAL_ADDRESS,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3 }))],
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 2000 },
  });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: [requestIdInterceptor] } });
}

/** gRPC statuses of a server that cannot be reached, or is too busy to take the call. */
const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([status.UNAVAILABLE, status.RESOURCE_EXHAUSTED]);

/** The server could not take the call at all (as opposed to answering with an error of its own). */
export function isTemporalUnavailable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (isGrpcServiceError(current) && UNAVAILABLE_STATUSES.has(current.code)) return true;
  }
  return false;
}
