/** A Temporal that cannot take the call is told apart from Temporal answering with an error of its own, by gRPC status. */
import { Metadata, status } from '@grpc/grpc-js';
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { isTemporalUnavailable } from './temporal-client.js';

const grpcError = (code: status) => Object.assign(new Error(`gRPC ${status[code]}`), { code, details: 'from the channel', metadata: new Metadata() });

describe('isTemporalUnavailable', () => {
  it('recognises UNAVAILABLE and RESOURCE_EXHAUSTED, bare or wrapped as the SDK wraps them', () => {
    expect(isTemporalUnavailable(grpcError(status.UNAVAILABLE))).toBe(true);
    expect(isTemporalUnavailable(grpcError(status.RESOURCE_EXHAUSTED))).toBe(true);
    expect(isTemporalUnavailable(new ServiceError('Workflow Update failed', { cause: grpcError(status.UNAVAILABLE) }))).toBe(true);
  });

  it('leaves a deadline, a refusal and the SDK’s own errors to their own handling', () => {
    expect(isTemporalUnavailable(new ServiceError('Workflow Update failed', { cause: grpcError(status.DEADLINE_EXCEEDED) }))).toBe(false);
    expect(isTemporalUnavailable(grpcError(status.INVALID_ARGUMENT))).toBe(false);
    expect(isTemporalUnavailable(new WorkflowNotFoundError('gone', 'partnership-x', undefined))).toBe(false);
    expect(isTemporalUnavailable(new Error('UNAVAILABLE'))).toBe(false);
  });
});
