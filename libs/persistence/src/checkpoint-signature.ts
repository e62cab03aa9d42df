/**
 * Signed checkpoints: the deployment's Ed25519 key vouches for a partnership's head (sequence and
 * hash at an instant). A hash chain proves that what is there was not edited; only a signature made
 * when the head was written proves that nothing after it was cut off.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './hash.js';

export interface CheckpointFields {
  partnershipId: string;
  sequence: number;
  hash: string;
  signedAt: string;
}

export interface SignedCheckpoint extends CheckpointFields {
  keyId: string;
  /** Base64 Ed25519 signature over checkpointMessage(fields). */
  signature: string;
}

/** A prefix keeps a checkpoint's signature from ever being valid for another kind of message. */
const DOMAIN = 'partnership-engine/audit-checkpoint/v1\n';

/** The exact bytes signed: anyone holding the public key can rebuild them from the four fields. */
export function checkpointMessage(fields: CheckpointFields): Buffer {
  const { partnershipId, sequence, hash, signedAt } = fields;
  return Buffer.from(DOMAIN + canonicalJson({ partnershipId, sequence, hash, signedAt: new Date(signedAt).toISOString() }));
}

/** Names a key by the SHA-256 of its public half (SPKI DER), so a checkpoint says which key made it. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, fields: CheckpointFields): SignedCheckpoint {
  const signedAt = new Date(fields.signedAt).toISOString();
  const signature = sign(null, checkpointMessage({ ...fields, signedAt }), privateKey).toString('base64');
  return { ...fields, signedAt, keyId: keyIdOf(privateKey), signature };
}

/** False for a wrong key, an edited field or a malformed signature; never throws on bad input. */
export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: SignedCheckpoint): boolean {
  try {
    if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
    return verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The keys whose checkpoints verify: the one the worker signs with now, and the public halves of
 * those it signed with before a rotation (AUDIT_PREVIOUS_PUBLIC_KEYS). A checkpoint names its key,
 * so each is checked with that key alone, and one naming a key not here does not verify.
 */
export interface AuditKeys {
  current: KeyObject;
  previous: readonly KeyObject[];
}

/** The deployment's key with this id, current or previous; null when it is none of them. */
export function auditKeyById(keys: AuditKeys, keyId: string): KeyObject | null {
  return [keys.current, ...keys.previous].find((key) => keyIdOf(key) === keyId) ?? null;
}

/** Whether a key of the deployment's, current or previous, signed this checkpoint. */
export function checkpointVerifies(keys: AuditKeys, checkpoint: SignedCheckpoint): boolean {
  const key = auditKeyById(keys, checkpoint.keyId);
  return key !== null && checkpointSignatureValid(key, checkpoint);
}

/** The public half as PEM and JWK, for auditors who check signatures outside the API. */
export function publishedKey(key: KeyObject) {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return {
    algorithm: 'Ed25519' as const,
    keyId: keyIdOf(publicKey),
    pem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    jwk: publicKey.export({ format: 'jwk' }),
  };
}

export type PublishedKey = ReturnType<typeof publishedKey>;

/**
 * What GET /api/audit/public-key answers: the current key, and the previous ones whose checkpoints
 * still verify, so an export made before a rotation can be pinned against the deployment too.
 */
export function publishedKeys(keys: AuditKeys): PublishedKey & { previousKeys: PublishedKey[] } {
  const currentId = keyIdOf(keys.current);
  const previous = new Map(keys.previous.map((key) => [keyIdOf(key), key]));
  previous.delete(currentId);
  return { ...publishedKey(keys.current), previousKeys: [...previous.values()].map(publishedKey) };
}
