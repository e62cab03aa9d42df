/** Passwords are stored only as argon2id hashes (the library's defaults); one place decides how. */
import argon2 from 'argon2';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const passwordMatches = (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password);
