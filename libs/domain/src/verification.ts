/**
 * Verifying many partnerships' logs at once, as the API answers it and the console reads it: one
 * verdict per partnership and the counts over them. The checks themselves (the hash chain and the
 * newest signed checkpoint) run in libs/persistence; this only names what they found.
 */

/** What one partnership's verification found, as far as a verdict and a reader need it. */
export interface LogFindings {
  valid: boolean;
  events: number;
  firstBrokenSequence: number | null;
  checkpoint: { sequence: number; signatureValid: boolean; presentInLog: boolean } | null;
  truncated: boolean;
  /** The first MISSING_LISTED of them (audit-proof.ts); `missingCount` counts them all. */
  missingSequences: number[];
  missingCount: number;
  unsignedSequences: number[];
}

/**
 * One word per partnership, the most serious finding first: `broken` (an event is not as written:
 * edited, deleted, swapped or inserted), `truncated` (the log no longer reaches its newest signed
 * checkpoint), `forged` (the newest checkpoint's signature does not hold under the deployment's key),
 * `unsigned` (events after the newest checkpoint, which the worker did not write), else `valid`.
 */
export const LOG_VERDICTS = ['valid', 'broken', 'truncated', 'forged', 'unsigned'] as const;
export type LogVerdict = (typeof LOG_VERDICTS)[number];

export function logVerdict(findings: LogFindings): LogVerdict {
  if (findings.valid) return 'valid';
  if (findings.firstBrokenSequence !== null) return 'broken';
  if (findings.truncated) return 'truncated';
  if (findings.checkpoint && !findings.checkpoint.signatureValid) return 'forged';
  if (findings.unsignedSequences.length > 0) return 'unsigned';
  // Not valid for a reason the findings do not name: never report it as whole.
  return 'broken';
}

export interface PartnershipVerification extends LogFindings {
  partnershipId: string;
  name: string;
  stage: string;
  verdict: LogVerdict;
}

/**
 * How many partnerships were checked and how many got each verdict (they add up to `checked`);
 * `withoutCheckpoint` counts logs no checkpoint has vouched for yet (written before checkpoints
 * existed), which are valid when their chain holds but whose tail nothing guards.
 */
export type VerificationSummary = { checked: number; withoutCheckpoint: number } & Record<LogVerdict, number>;

export function summarizeVerifications(rows: readonly Pick<PartnershipVerification, 'verdict' | 'checkpoint' | 'events'>[]): VerificationSummary {
  const summary: VerificationSummary = { checked: rows.length, withoutCheckpoint: 0, ...Object.fromEntries(LOG_VERDICTS.map((verdict) => [verdict, 0])) } as VerificationSummary;
  for (const row of rows) {
    summary[row.verdict] += 1;
    if (row.checkpoint === null && row.events > 0) summary.withoutCheckpoint += 1;
  }
  return summary;
}

/** What the all-at-once verification checks: the PostgreSQL log alone, not Temporal's own history. */
export const LOG_CHECKS = ['hash-chain', 'signed-checkpoint'] as const;

/** One page of GET /api/audit/verification. */
export interface VerificationPage {
  checks: typeof LOG_CHECKS;
  checkedAt: string;
  /** Every partnership the caller may see, on this page and the others. */
  total: number;
  /** Over this page's partnerships. */
  summary: VerificationSummary;
  /** This page's partnerships that did not verify, most serious first. */
  problems: PartnershipVerification[];
  partnerships: PartnershipVerification[];
  /** Give as `after` to verify the next page; null after the last. */
  next: string | null;
}

/** The ones that did not verify, most serious verdict first, then by name. */
export function verificationProblems<T extends Pick<PartnershipVerification, 'verdict' | 'name'>>(rows: readonly T[]): T[] {
  return rows
    .filter((row) => row.verdict !== 'valid')
    .sort((a, b) => LOG_VERDICTS.indexOf(a.verdict) - LOG_VERDICTS.indexOf(b.verdict) || a.name.localeCompare(b.name));
}
