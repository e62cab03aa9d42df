import { describe, expect, it } from 'vitest';
import { Passwords } from './passwords.js';

describe('Passwords', () => {
  it('hash with argon2id at the standard cost unless told the test stack’s, and each verifies the other’s hashes', async () => {
    const standard = new Passwords('standard');
    const cheap = new Passwords('cheap-for-tests');
    const strong = await standard.hash('correct horse');
    const weak = await cheap.hash('correct horse');
    expect(strong).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    expect(weak).toMatch(/^\$argon2id\$v=19\$m=4096,t=2,p=1\$/);
    expect(await cheap.matchAccount(strong, 'correct horse')).toBe(true);
    expect(await standard.matchAccount(weak, 'correct horse')).toBe(true);
    expect(await standard.matchAccount(weak, 'wrong horse')).toBe(false);
  });

  it('refuse any password for an email that is no account', async () => {
    expect(await new Passwords('cheap-for-tests').matchAccount(null, '')).toBe(false);
  });
});
