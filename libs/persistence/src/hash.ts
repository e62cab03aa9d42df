import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export interface HashedFields {
  partnershipId: string;
  sequence: number;
  type: string;
  at: string;
  actor: unknown;
  data: unknown;
}

/** SHA-256 over the previous hash and the event's canonical JSON. */
export function eventHash(previousHash: string, event: HashedFields): string {
  const { partnershipId, sequence, type, at, actor, data } = event;
  return createHash('sha256')
    .update(previousHash)
    .update(canonicalJson({ partnershipId, sequence, type, at: new Date(at).toISOString(), actor, data }))
    .digest('hex');
}
