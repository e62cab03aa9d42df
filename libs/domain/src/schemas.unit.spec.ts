import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy.js';
import { clientCommandSchema, completeTaskSchema, createPartnershipSchema, fieldErrors } from './schemas.js';

const UUID_A = '0b0c7d4e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const UUID_B = '1c1d8e5f-2a3b-4c4d-9e5f-6a7b8c9d0e1f';

const validGoal = { rank: 1, title: 'Cut readmissions', metric: 'rate', baseline: 18, target: 12, dueDate: '2030-12-31' };

describe('clientCommandSchema', () => {
  it('accepts RecordGoals and SubmitPriorities, trimming text', () => {
    expect(clientCommandSchema.parse({ type: 'RecordGoals', goals: [validGoal], scope: '  here  ' })).toEqual({
      type: 'RecordGoals',
      goals: [validGoal],
      scope: 'here',
    });
    expect(clientCommandSchema.parse({ type: 'SubmitPriorities' })).toEqual({ type: 'SubmitPriorities' });
  });

  it.each(['CreatePartnership', 'CompleteTask', 'FireDueTimers', 'Nope'])('rejects the type %s', (type) => {
    const result = clientCommandSchema.safeParse({ type });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(['type']);
  });

  it('rejects extra fields on a command', () => {
    const result = clientCommandSchema.safeParse({ type: 'SubmitPriorities', force: true });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('rejects extra fields on a goal, keyed by its dotted path', () => {
    const result = clientCommandSchema.safeParse({ type: 'RecordGoals', goals: [{ ...validGoal, owner: 'me' }], scope: 's' });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(['goals.0']);
  });
});

describe('fieldErrors', () => {
  it('keys each problem by its dotted path, first message per path', () => {
    const result = clientCommandSchema.safeParse({
      type: 'RecordGoals',
      goals: [validGoal, { ...validGoal, rank: 0, dueDate: '31/12/2030', title: '   ' }],
      scope: 42,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const fields = fieldErrors(result.error);
    expect(Object.keys(fields).sort()).toEqual(['goals.1.dueDate', 'goals.1.rank', 'goals.1.title', 'scope']);
    for (const message of Object.values(fields)) expect(message).toEqual(expect.any(String));
  });

  it('uses "_" for a problem at the root', () => {
    const result = completeTaskSchema.safeParse('approve');
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error))).toEqual(['_']);
  });
});

describe('createPartnershipSchema', () => {
  const input = { name: '  River Valley  ', sponsorId: UUID_A, organizationIds: [UUID_A, UUID_B] };

  it('applies the default policy and description', () => {
    const parsed = createPartnershipSchema.parse(input);
    expect(parsed).toEqual({ name: 'River Valley', description: '', sponsorId: UUID_A, organizationIds: [UUID_A, UUID_B], policy: DEFAULT_POLICY });
    expect(parsed.policy).not.toBe(DEFAULT_POLICY);
  });

  it('fills the missing policy fields from the default', () => {
    expect(createPartnershipSchema.parse({ ...input, policy: { taskDue: 'PT20S' } }).policy).toEqual({
      ...DEFAULT_POLICY,
      taskDue: 'PT20S',
    });
  });

  it('leaves duration checks to the decider', () => {
    expect(createPartnershipSchema.parse({ ...input, policy: { taskDue: 'soon' } }).policy.taskDue).toBe('soon');
  });

  it('rejects extra policy fields and non-uuid ids with dotted paths', () => {
    const result = createPartnershipSchema.safeParse({ ...input, organizationIds: [UUID_A, 'org-b'], policy: { grace: 'P1D' } });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrors(result.error)).sort()).toEqual(['organizationIds.1', 'policy']);
  });
});
