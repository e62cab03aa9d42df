import { describe, expect, it } from 'vitest';
import { REQUEST_ID_MAX_LENGTH, isAcceptableRequestId, requestIdFrom } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it.each(['a', 'req-123', 'Trace_01:abc.def-9', '0f8fad5b-d9cb-469f-a165-70867728950e', 'x'.repeat(REQUEST_ID_MAX_LENGTH)])('accepts the caller\'s %s', (id) => {
    expect(isAcceptableRequestId(id)).toBe(true);
    expect(requestIdFrom(id)).toBe(id);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(REQUEST_ID_MAX_LENGTH + 1)],
    ['spaces', 'has spaces'],
    ['a line break', 'one\ntwo'],
    ['quotes and braces', '{"id":1}'],
    ['a leading dash (reads as an option)', '-rf'],
    ['a leading dot', '.hidden'],
    ['non-ASCII', 'idé'],
    ['a header sent twice, joined', 'a, b'],
    ['shell characters', 'a;b|c$d'],
  ])('replaces one with %s by a new UUID', (_what, id) => {
    expect(isAcceptableRequestId(id)).toBe(false);
    expect(requestIdFrom(id)).toMatch(UUID);
  });

  it('makes a new one, different each time, when the caller sends none or the header twice', () => {
    const made = new Set([requestIdFrom(undefined), requestIdFrom(undefined), requestIdFrom(['a', 'b'])]);
    expect(made.size).toBe(3);
    for (const id of made) expect(id).toMatch(UUID);
  });
});
