/**
 * Every partnership the caller may see verified at once, a page at a time: each log's hash chain
 * and its newest signed checkpoint (verifyLog, PostgreSQL alone; Temporal's own history is not
 * consulted here), one verdict per partnership and the counts over the page.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { LOG_CHECKS, logVerdict, summarizeVerifications, verificationProblems, type PartnershipVerification, type VerificationPage } from '@pe/domain';
import { partnershipsAfter, verifyLog, type AuditKeys, type PartnershipHeading } from '@pe/persistence';
import type { AuthenticatedUser } from '../auth/auth.decorators.js';
import { partnershipScope } from '../auth/visibility.js';
import { Admission } from '../http/admission.js';
import { busyError } from '../http/api-error.js';
import { AUDIT_KEYS, DATABASE } from '../tokens.js';
import type { VerificationQuery } from './verification-query.js';

/**
 * Logs verified at once by one request: each holds a pooled connection for its one query (the pool
 * has ten), and its hashing holds the event loop, so a few at a time leave room for everyone else.
 */
export const CONCURRENT_VERIFICATIONS = 4;

/**
 * Pages verified at once in this process: one page already holds CONCURRENT_VERIFICATIONS pooled
 * connections and the event loop, so parallel callers would starve everyone else of connections.
 */
export const PAGES_AT_ONCE = 1;
/** How long a request waits for the page before it, before it is answered 503 SERVER.BUSY. */
export const PAGE_WAIT_MS = 5_000;

@Injectable()
export class VerificationService {
  private readonly pages = new Admission(PAGES_AT_ONCE);

  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(AUDIT_KEYS) private readonly auditKeys: AuditKeys,
  ) {}

  async verifyPage(user: AuthenticatedUser, query: VerificationQuery): Promise<VerificationPage> {
    const release = await this.pages.enter(PAGE_WAIT_MS);
    if (!release) throw busyError('Another verification of every partnership is running; try again shortly');
    try {
      return await this.verifyPageNow(user, query);
    } finally {
      release();
    }
  }

  private async verifyPageNow(user: AuthenticatedUser, { after, limit }: VerificationQuery): Promise<VerificationPage> {
    const checkedAt = new Date().toISOString();
    const page = await partnershipsAfter(this.db, after ?? null, limit, partnershipScope(user, 'p.organization_ids'));
    const partnerships = await mapConcurrently(page.partnerships, CONCURRENT_VERIFICATIONS, (heading) => this.verifyOne(heading));
    return {
      checks: LOG_CHECKS,
      checkedAt,
      total: page.total,
      summary: summarizeVerifications(partnerships),
      problems: verificationProblems(partnerships),
      partnerships,
      next: page.next,
    };
  }

  private async verifyOne({ id, name, stage }: PartnershipHeading): Promise<PartnershipVerification> {
    const findings = await verifyLog(this.db, id, this.auditKeys);
    return { partnershipId: id, name, stage, ...findings, verdict: logVerdict(findings) };
  }
}

/** `work` over every item, at most `limit` at a time, the answers in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
