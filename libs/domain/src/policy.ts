import { parseDuration } from './duration.js';

/**
 * How long a partnership gives people for each human step, and when the timers chase them.
 * Every value is an ISO-8601 duration counted from the moment the task opens, so tests can use seconds.
 */
export interface PartnershipPolicy {
  /** A task is due this long after it opens. */
  taskDue: string;
  /** The assignee is reminded this long after the task opens (default: half the window). */
  reminderAfter: string;
  /** The coordinator and sponsor are alerted this long after the task opens (default: due + 5 business days). */
  escalationAfter: string;
}

export const DEFAULT_POLICY: PartnershipPolicy = {
  taskDue: 'P7D',
  reminderAfter: 'P3DT12H',
  escalationAfter: 'P14D',
};

export type PolicyProblems = Partial<Record<keyof PartnershipPolicy, string>>;

/** The field problems of a policy, empty when it is sound. */
export function policyProblems(policy: PartnershipPolicy): PolicyProblems {
  const problems: PolicyProblems = {};
  const ms = {
    taskDue: parseDuration(policy.taskDue),
    reminderAfter: parseDuration(policy.reminderAfter),
    escalationAfter: parseDuration(policy.escalationAfter),
  };
  for (const key of Object.keys(ms) as (keyof PartnershipPolicy)[]) {
    const value = ms[key];
    if (value === null) problems[key] = `must be an ISO-8601 duration such as P7D or PT30S, got "${policy[key]}"`;
    else if (value < 1000) problems[key] = 'must be at least one second';
  }
  if (ms.reminderAfter !== null && ms.escalationAfter !== null && ms.reminderAfter >= ms.escalationAfter) {
    problems.escalationAfter ??= 'must be later than reminderAfter';
  }
  return problems;
}
