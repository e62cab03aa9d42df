import { describe, expect, it } from 'vitest';
import { AddressLimiter, clientKey } from './address-limiter.js';

const MINUTE = 60_000;

function limiterAt(start = 0, capacity?: number) {
  let now = start;
  const limiter = new AddressLimiter({ maxFailures: 3, windowMs: 10 * MINUTE, lockoutMs: 10 * MINUTE }, () => now, capacity);
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('the per-address sign-in limit', () => {
  it('refuses an address after its third failure, for the window, then lets it try again', () => {
    const { limiter, advance } = limiterAt();
    expect(limiter.recordFailure('203.0.113.7')).toBe(0);
    expect(limiter.recordFailure('203.0.113.7')).toBe(0);
    expect(limiter.refusedForMs('203.0.113.7')).toBe(0);
    expect(limiter.recordFailure('203.0.113.7')).toBe(10 * MINUTE);
    advance(4 * MINUTE);
    expect(limiter.refusedForMs('203.0.113.7')).toBe(6 * MINUTE);
    advance(6 * MINUTE);
    expect(limiter.refusedForMs('203.0.113.7')).toBe(0);
    expect(limiter.recordFailure('203.0.113.7')).toBe(0);
  });

  it('counts each address apart', () => {
    const { limiter } = limiterAt();
    for (let failure = 0; failure < 3; failure++) limiter.recordFailure('203.0.113.7');
    expect(limiter.refusedForMs('203.0.113.7')).toBeGreaterThan(0);
    expect(limiter.refusedForMs('203.0.113.8')).toBe(0);
  });

  it('counts an IPv4 address the same however it is written, and an IPv6 /64 as one client', () => {
    const { limiter } = limiterAt();
    limiter.recordFailure('203.0.113.7');
    limiter.recordFailure('::ffff:203.0.113.7');
    limiter.recordFailure('::FFFF:203.0.113.7');
    expect(limiter.refusedForMs('203.0.113.7')).toBeGreaterThan(0);

    limiter.recordFailure('2001:db8:1:2::1');
    limiter.recordFailure('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    limiter.recordFailure('2001:0db8:0001:0002:ffff::9%eth0');
    expect(limiter.refusedForMs('2001:db8:1:2::77')).toBeGreaterThan(0);
    expect(limiter.refusedForMs('2001:db8:1:3::1')).toBe(0);
  });

  it('forgets an address once its failures have left the window', () => {
    const { limiter, advance } = limiterAt();
    limiter.recordFailure('198.51.100.1');
    limiter.recordFailure('198.51.100.2');
    advance(10 * MINUTE + 1);
    limiter.recordFailure('198.51.100.3');
    expect(limiter.size).toBe(1);
  });

  it('past its capacity, forgets the address whose last failure is oldest, even a refused one', () => {
    const { limiter, advance } = limiterAt(0, 3);
    for (let failure = 0; failure < 3; failure++) limiter.recordFailure('198.51.100.2');
    advance(MINUTE);
    limiter.recordFailure('198.51.100.3');
    limiter.recordFailure('198.51.100.4');
    expect(limiter.size).toBe(3);
    expect(limiter.refusedForMs('198.51.100.2')).toBeGreaterThan(0);
    limiter.recordFailure('198.51.100.5');
    expect(limiter.size).toBe(3);
    expect(limiter.refusedForMs('198.51.100.2')).toBe(0);
    expect(limiter.refusedForMs('198.51.100.5')).toBe(0);
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%lo0', 'fe80:0:0:0::/64'],
    ['2001:db8:a:b:c:d:e:f', '2001:db8:a:b::/64'],
    ['::ffff:1:2:3:4', '0:0:0:ffff::/64'],
  ])('keys %s as %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});
