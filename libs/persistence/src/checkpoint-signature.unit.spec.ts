import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditKeyById, checkpointMessage, checkpointSignatureValid, checkpointVerifies, keyIdOf, publishedKey, publishedKeys, signCheckpoint } from './checkpoint-signature.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const head = { partnershipId: '5d1f6c1e-7a55-4f0e-9a43-2f1e8c0b9d11', sequence: 7, hash: 'a'.repeat(64), signedAt: '2026-11-30T10:00:00.000Z' };

describe('signed checkpoints', () => {
  it('verifies a checkpoint with the public half of the key that signed it', () => {
    const signed = signCheckpoint(privateKey, head);
    expect(signed).toMatchObject({ ...head, keyId: keyIdOf(publicKey) });
    expect(checkpointSignatureValid(publicKey, signed)).toBe(true);
  });

  it.each([
    ['sequence', { sequence: 6 }],
    ['hash', { hash: 'b'.repeat(64) }],
    ['time', { signedAt: '2026-11-30T10:00:01.000Z' }],
    ['partnership', { partnershipId: '00000000-0000-4000-8000-000000000000' }],
  ])('rejects a checkpoint whose %s was edited', (_field, edit) => {
    expect(checkpointSignatureValid(publicKey, { ...signCheckpoint(privateKey, head), ...edit })).toBe(false);
  });

  it('rejects another key, a malformed signature and a claimed key id that is not the verifier’s', () => {
    const other = generateKeyPairSync('ed25519');
    const signed = signCheckpoint(privateKey, head);
    expect(checkpointSignatureValid(other.publicKey, signed)).toBe(false);
    expect(checkpointSignatureValid(other.publicKey, { ...signCheckpoint(other.privateKey, head), keyId: keyIdOf(publicKey) })).toBe(false);
    expect(checkpointSignatureValid(publicKey, { ...signed, signature: 'not base64 at all' })).toBe(false);
  });

  it('signs the same bytes for the same instant however it is written', () => {
    expect(checkpointMessage({ ...head, signedAt: '2026-11-30T11:00:00+01:00' })).toEqual(checkpointMessage(head));
  });

  it('publishes the public half, never the private one, under the id checkpoints carry', () => {
    const published = publishedKey(privateKey);
    expect(published).toMatchObject({ algorithm: 'Ed25519', keyId: keyIdOf(publicKey), jwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect(published.pem).toContain('BEGIN PUBLIC KEY');
    expect(published.jwk).not.toHaveProperty('d');
  });
});

describe('checkpoints across a key rotation', () => {
  const before = generateKeyPairSync('ed25519');
  const stranger = generateKeyPairSync('ed25519');
  const rotated = { current: publicKey, previous: [before.publicKey] };

  it('verifies each checkpoint with the key it names, current or previous', () => {
    expect(checkpointVerifies(rotated, signCheckpoint(privateKey, head))).toBe(true);
    expect(checkpointVerifies(rotated, signCheckpoint(before.privateKey, head))).toBe(true);
    expect(auditKeyById(rotated, keyIdOf(before.publicKey))).toBe(before.publicKey);
  });

  it('does not verify a checkpoint of a key the deployment does not list, nor one whose previous key was dropped', () => {
    expect(checkpointVerifies(rotated, signCheckpoint(stranger.privateKey, head))).toBe(false);
    expect(auditKeyById(rotated, keyIdOf(stranger.publicKey))).toBeNull();
    expect(checkpointVerifies({ current: publicKey, previous: [] }, signCheckpoint(before.privateKey, head))).toBe(false);
  });

  it('does not let a previous key vouch for a checkpoint claiming another key’s id', () => {
    const claimed = { ...signCheckpoint(before.privateKey, head), keyId: keyIdOf(publicKey) };
    expect(checkpointVerifies(rotated, claimed)).toBe(false);
  });

  it('publishes the current key and each previous one once, never the current one among them', () => {
    const published = publishedKeys({ current: privateKey, previous: [before.publicKey, publicKey, before.publicKey] });
    expect(published.keyId).toBe(keyIdOf(publicKey));
    expect(published.previousKeys.map((key) => key.keyId)).toEqual([keyIdOf(before.publicKey)]);
    expect(published.previousKeys[0]!.pem).toContain('BEGIN PUBLIC KEY');
  });
});
