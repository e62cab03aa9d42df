/**
 * Failed sign-ins per client address, in this process's memory: one address trying many emails (each
 * below its own lockout) is slowed down too. Each API process counts its own, so with N processes an
 * address gets up to N times the limit; the per-email lockout, in PostgreSQL, is the shared one.
 * Only failures count, so an office behind one address signing in correctly is never refused.
 */
import { isIPv6 } from 'node:net';
import { afterFailure, isSpent, lockedForMs, NO_FAILURES, type FailureLimit, type FailureRecord } from '@pe/domain';

/** How many addresses are remembered at most; past it, the one whose last failure is oldest is forgotten. */
export const ADDRESSES_REMEMBERED = 100_000;

export class AddressLimiter {
  private readonly records = new Map<string, FailureRecord>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly clock: () => number = Date.now,
    private readonly capacity = ADDRESSES_REMEMBERED,
  ) {}

  /** How long sign-ins from this address are refused now, in ms; 0 when they are not. */
  refusedForMs(address: string): number {
    const record = this.records.get(clientKey(address));
    return record ? lockedForMs(record, this.clock()) : 0;
  }

  /** Counts a failed sign-in from this address; answers how long it is now refused (0: not). */
  recordFailure(address: string): number {
    const key = clientKey(address);
    const now = this.clock();
    const next = afterFailure(this.records.get(key) ?? NO_FAILURES, now, this.limit);
    // Re-inserted, so the map's order is the order of last failure: the oldest go first when full.
    this.records.delete(key);
    this.records.set(key, next);
    this.forgetOldest(now);
    return lockedForMs(next, now);
  }

  /** How many addresses are remembered (for tests of the bound). */
  get size(): number {
    return this.records.size;
  }

  /**
   * From the oldest last failure on: spent records go, and while over capacity the oldest go anyway.
   * Stops at the first record still worth keeping, so each failure costs little however many are kept.
   */
  private forgetOldest(now: number): void {
    for (const [key, record] of this.records) {
      if (this.records.size <= this.capacity && !isSpent(record, now, this.limit)) break;
      this.records.delete(key);
    }
  }
}

/**
 * Whose address it is: an IPv4 address as is (also when written IPv4-mapped, ::ffff:a.b.c.d), an
 * IPv6 address by its /64 network, since one subscriber holds a whole /64 and could otherwise try
 * from a fresh address every time.
 */
export function clientKey(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (mapped) return mapped[1]!;
  if (!isIPv6(bare)) return bare;
  const groups = ipv6Groups(bare);
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, with `::` expanded (an embedded IPv4 tail counts as two). */
function ipv6Groups(address: string): string[] {
  const parts = (text: string) => (text === '' ? [] : text.split(':'));
  const width = (groups: string[]) => groups.reduce((count, group) => count + (group.includes('.') ? 2 : 1), 0);
  const [head = '', tail] = address.split('::');
  if (tail === undefined) return parts(head);
  const before = parts(head);
  const after = parts(tail);
  return [...before, ...Array<string>(8 - width(before) - width(after)).fill('0'), ...after];
}
