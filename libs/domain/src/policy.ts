import { parseDuration } from './duration.js';

/**
 * How long a partnership gives people for each human step and when the timers chase them. Every
 * value is an ISO-8601 duration, so tests can use seconds (docs/design.md section 2 gives the defaults).
 */
export interface PartnershipPolicy {
  /** A task is due this long after it opens. The first reminder fires at half this window. */
  taskDue: string;
  /** A second reminder this long before the due date (skipped when it would precede the first). */
  reminderBeforeDue: string;
  /** While overdue, a reminder this often. */
  overdueReminderEvery: string;
  /** Each step up the escalation ladder this long after the last (whole days count business days). */
  escalateAfterOverdue: string;
  /** Health checks open this often in MEASUREMENT. */
  healthPulse: string;
  /** A full review cycle (measurements, health checks, review) opens this often. */
  reviewCycle: string;
}

export const DEFAULT_POLICY: PartnershipPolicy = {
  taskDue: 'P7D',
  reminderBeforeDue: 'P1D',
  overdueReminderEvery: 'P2D',
  escalateAfterOverdue: 'P5D',
  healthPulse: 'P2M',
  reviewCycle: 'P6M',
};

/** Longer timers are mistakes, and unbounded ones would make deadline arithmetic run away. */
const MAX_DURATION_MS = 5 * 365 * 24 * 60 * 60 * 1000;

export type PolicyProblems = Partial<Record<keyof PartnershipPolicy, string>>;

/** The field problems of a policy, empty when it is sound. */
export function policyProblems(policy: PartnershipPolicy): PolicyProblems {
  const problems: PolicyProblems = {};
  for (const key of Object.keys(DEFAULT_POLICY) as (keyof PartnershipPolicy)[]) {
    const value = parseDuration(policy[key]);
    if (value === null) problems[key] = `must be an ISO-8601 duration such as P7D or PT30S, got "${policy[key]}"`;
    else if (value < 1000) problems[key] = 'must be at least one second';
    else if (value > MAX_DURATION_MS) problems[key] = 'must be at most five years';
  }
  return problems;
}
