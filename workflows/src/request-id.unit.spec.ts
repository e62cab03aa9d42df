import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER, requestIdIn, withRequestId } from './request-id.js';

describe('the request-id header', () => {
  it('carries a request id beside the headers already there, and reads it back', () => {
    const other = defaultPayloadConverter.toPayload('kept');
    const headers = withRequestId({ other }, 'req-1');
    expect(Object.keys(headers).sort()).toEqual([REQUEST_ID_HEADER, 'other'].sort());
    expect(headers.other).toBe(other);
    expect(requestIdIn(headers)).toBe('req-1');
  });

  it('names no request when the header is missing, not a string, or cannot be decoded', () => {
    expect(requestIdIn({})).toBeUndefined();
    expect(requestIdIn({ [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(42) })).toBeUndefined();
    expect(requestIdIn({ [REQUEST_ID_HEADER]: { metadata: { encoding: new TextEncoder().encode('binary/unknown') }, data: new Uint8Array([1]) } })).toBeUndefined();
  });
});
