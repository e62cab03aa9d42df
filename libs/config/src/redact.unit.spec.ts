import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact.js';

const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjMiLCJyb2xlIjoiYWRtaW4ifQ.s3cr3t-SIGNATURE_part';
const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('redactSecrets', () => {
  it.each([
    ['a JWT', `token ${jwt} refused`, jwt],
    ['a bearer token', 'authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['an argon2 hash', 'row {"h":"$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"}', 'c2FsdA$aGFzaA'],
    ['a PEM private key', `bad key ${pem} here`, pem.split('\n')[1]!],
    ['a PEM private key on one env line', `bad key ${pem.replace(/\n/g, '\\n')}`, pem.split('\n')[1]!],
    ['a password in a URL', 'connect postgres://pe:hunter2-long@db:5432/partnerships failed', 'hunter2-long'],
    ['a JSON password field', '{"email":"a@b.test","password":"correct horse \\"battery\\""}', 'correct horse'],
    ['a password= pair', 'login?email=a@b.test&password=s3cret!&x=1', 's3cret!'],
  ])('masks %s', (_what, line, secret) => {
    const masked = redactSecrets(line);
    expect(masked).not.toContain(secret);
    expect(masked).toContain('[redacted]');
  });

  it('keeps what is not a secret as it was', () => {
    const line = '[Nest] 123  - 01/12/2026 LOG [Main] API and console on http://127.0.0.1:3000 (OpenAPI at /api/docs); partnership 5d1f6c1e-0000-4000-8000-000000000000 at sequence 12';
    expect(redactSecrets(line)).toBe(line);
    expect(redactSecrets('postgres://pe@127.0.0.1:5432/pe')).toBe('postgres://pe@127.0.0.1:5432/pe');
    expect(redactSecrets('{"email":"a@b.test","name":"Avery"}')).toBe('{"email":"a@b.test","name":"Avery"}');
  });
});
