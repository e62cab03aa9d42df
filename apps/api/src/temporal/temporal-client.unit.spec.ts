/** An unreachable Temporal is told apart from Temporal answering with an error of its own, by gRPC status. */
import { Metadata, status } from '@grpc/grpc-js';
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { isTemporalUnreachable } from './temporal-client.js';

const grpcError = (code: status) => Object.assign(new Error(`gRPC ${status[code]}`), { code, details: 'from the channel', metadata: new Metadata() });

describe('isTemporalUnreachable', () => {
  it('recognises UNAVAILABLE, bare or wrapped as the SDK wraps it', () => {
    expect(isTemporalUnreachable(grpcError(status.UNAVAILABLE))).toBe(true);
    expect(isTemporalUnreachable(new ServiceError('Workflow Update failed', { cause: grpcError(status.UNAVAILABLE) }))).toBe(true);
  });

  it('leaves a deadline, a refusal and the SDK’s own errors to their own handling', () => {
    expect(isTemporalUnreachable(new ServiceError('Workflow Update failed', { cause: grpcError(status.DEADLINE_EXCEEDED) }))).toBe(false);
    expect(isTemporalUnreachable(grpcError(status.INVALID_ARGUMENT))).toBe(false);
    expect(isTemporalUnreachable(new WorkflowNotFoundError('gone', 'partnership-x', undefined))).toBe(false);
    expect(isTemporalUnreachable(new Error('UNAVAILABLE'))).toBe(false);
  });
});
