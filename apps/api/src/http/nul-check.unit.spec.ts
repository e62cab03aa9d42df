/** Input PostgreSQL cannot store, or that is nested absurdly deep, is found without recursion. */
import { describe, expect, it } from 'vitest';
import { inputProblem, MAX_INPUT_DEPTH } from './nul-check.js';

describe('inputProblem', () => {
  it('names the path of a NUL character in a value or a key', () => {
    expect(inputProblem({ goals: [{ title: 'a\u0000b' }] })).toEqual({ path: 'goals.0.title', message: 'must not contain the NUL character (\\u0000)' });
    expect(inputProblem({ ['k\u0000']: 1 })?.path).toBe('k\u0000');
    expect(inputProblem('\u0000')?.path).toBe('_');
  });

  it('refuses nesting deeper than the cap, even tens of thousands of levels, without overflowing the stack', () => {
    let deep: unknown = [];
    for (let level = 0; level < 40_000; level += 1) deep = [deep];
    expect(inputProblem({ z: deep })).toEqual({ path: 'z', message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` });
  });

  it('accepts ordinary input', () => {
    expect(inputProblem({ name: 'Partnership', organizationIds: ['a', 'b'], policy: { taskDue: 'P7D' } })).toBeNull();
    expect(inputProblem(undefined)).toBeNull();
  });
});
