/** Passwords are stored only as argon2id hashes (the library's defaults); one place decides how. */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const passwordMatches = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password);

/** A hash no password matches, made once per process. */
let decoy: Promise<string> | undefined;

/**
 * Checks a password against the account's hash, or, when no account has the email, against a decoy
 * that costs the same: a sign-in takes as long whether the email is an account or not, so its timing
 * tells a stranger nothing.
 */
export async function passwordMatchesAccount(hash: string | null, password: string): Promise<boolean> {
  if (hash !== null) return passwordMatches(hash, password);
  decoy ??= hashPassword(randomBytes(32).toString('base64'));
  await passwordMatches(await decoy, password);
  return false;
}
