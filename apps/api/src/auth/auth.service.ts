/**
 * Sign-in: the client address's limit and the email's lockout first (a refused sign-in checks no
 * password), then the password. Every outcome is written to the access log with the email tried, the
 * account when one has that email, and the address — never the password or the token.
 */
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { lockedForMs, type AccessAction, type FailureLimit, type SignInFailure } from '@pe/domain';
import { clearSignInFailures, findUserByEmail, recordAccess, recordSignInFailure, signInLockedForMs, type DirectoryUser, type UserRecord } from '@pe/persistence';
import { ACCOUNT_SIGN_IN_LIMIT, ADDRESS_LIMITER, DATABASE } from '../tokens.js';
import { deactivatedError, lockedOutError, rateLimitedError, unauthenticated } from '../http/api-error.js';
import type { AddressLimiter } from './address-limiter.js';
import { Passwords } from './passwords.js';

export interface SignedIn {
  token: string;
  user: UserRecord;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(ACCOUNT_SIGN_IN_LIMIT) private readonly accountLimit: FailureLimit,
    @Inject(ADDRESS_LIMITER) private readonly addresses: AddressLimiter,
    @Inject(Passwords) private readonly passwords: Passwords,
  ) {}

  /** `email` is normalized (loginSchema); `ip` is the client's address as the API sees it. */
  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const attempt = { email, ip };
    const found = await findUserByEmail(this.db, email);
    const addressWait = this.addresses.refusedForMs(ip);
    if (addressWait > 0) {
      await this.record('sign-in-rate-limited', attempt, found);
      throw rateLimitedError(addressWait);
    }
    const accountWait = await signInLockedForMs(this.db, email, new Date());
    if (accountWait > 0) {
      await this.record('sign-in-locked', attempt, found);
      throw lockedOutError(accountWait);
    }

    const valid = await this.passwords.matchAccount(found?.passwordHash ?? null, password);
    if (!found || !valid) {
      const now = new Date();
      const lockedFor = lockedForMs(await recordSignInFailure(this.db, email, now, this.accountLimit), now.getTime());
      const addressRefusedFor = this.addresses.recordFailure(ip);
      await this.record('sign-in-failed', attempt, found, { reason: 'credentials' satisfies SignInFailure, ...(lockedFor > 0 ? { locked: true } : {}) });
      // The failure that reaches the limit says so at once rather than at the next try.
      if (lockedFor > 0) throw lockedOutError(lockedFor);
      if (addressRefusedFor > 0) throw rateLimitedError(addressRefusedFor);
      throw unauthenticated('Wrong email or password');
    }
    // Said only after the password matched, so it tells a stranger nothing about the account.
    if (!found.active) {
      await this.record('sign-in-failed', attempt, found, { reason: 'deactivated' satisfies SignInFailure });
      throw deactivatedError();
    }
    const { passwordHash: _hash, active: _active, passwordChangedAt: _changed, ...user } = found;
    await clearSignInFailures(this.db, email);
    const token = await this.jwt.signAsync({ sub: user.id, email: user.email, name: user.name, role: user.role, org: user.organizationId });
    await this.record('sign-in', attempt, found);
    return { token, user };
  }

  private record(action: AccessAction, { email, ip }: { email: string; ip: string }, account: DirectoryUser | null, detail: Record<string, string | boolean> = {}): Promise<void> {
    return recordAccess(this.db, { action, actorId: account?.id ?? null, actorRole: account?.role ?? null, partnershipId: null, ip, detail: { email, ...detail } });
  }
}
