/** Passwords are stored only as argon2id hashes; one place decides how. */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { ApiConfig } from '@pe/config';

/** The library's defaults (64 MiB, 3 passes, 4 lanes), or a cost a test stack can afford thousands of times. */
const COSTS: Record<ApiConfig['PASSWORD_HASHING'], argon2.Options> = {
  standard: {},
  'cheap-for-tests': { memoryCost: 4096, timeCost: 2, parallelism: 1 },
};

export class Passwords {
  /** A hash no password matches, made once per process. */
  private decoy: Promise<string> | undefined;

  constructor(private readonly hashing: ApiConfig['PASSWORD_HASHING']) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...COSTS[this.hashing] });
  }

  /**
   * Checks a password against the account's hash, or, when no account has the email, against a decoy
   * that costs the same: a sign-in takes as long whether the email is an account or not, so its timing
   * tells a stranger nothing. A hash carries its own cost, so one made at another setting verifies too.
   */
  async matchAccount(hash: string | null, password: string): Promise<boolean> {
    if (hash !== null) return argon2.verify(hash, password);
    this.decoy ??= this.hash(randomBytes(32).toString('base64'));
    await argon2.verify(await this.decoy, password);
    return false;
  }
}
