import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MISSING_LISTED } from '@pe/domain';
import { signCheckpoint } from './checkpoint-signature.js';
import { logVerification, missingUpTo } from './log-verification.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const partnershipId = '5d1f6c1e-7a55-4f0e-9a43-2f1e8c0b9d11';

describe('the sequences a log no longer holds up to its newest checkpoint', () => {
  it('names every gap, the lowest first', () => {
    expect(missingUpTo(9, [1, 2, 4, 7])).toEqual({ listed: [3, 5, 6, 8, 9], count: 5 });
    expect(missingUpTo(3, [1, 2, 3, 5])).toEqual({ listed: [], count: 0 });
    expect(missingUpTo(2, [])).toEqual({ listed: [1, 2], count: 2 });
  });

  it('lists at most MISSING_LISTED and counts the rest', () => {
    const { listed, count } = missingUpTo(MISSING_LISTED * 3, [2]);
    expect(listed).toHaveLength(MISSING_LISTED);
    expect(listed.slice(0, 3)).toEqual([1, 3, 4]);
    expect(count).toBe(MISSING_LISTED * 3 - 1);
  });

  it('answers a checkpoint row claiming an absurd sequence without walking the range', () => {
    // A tampered checkpoint row: validly shaped, its sequence far beyond any log.
    const signed = signCheckpoint(privateKey, { partnershipId, sequence: 2 ** 50, hash: 'a'.repeat(64), signedAt: '2026-11-30T10:00:00.000Z' });
    const report = logVerification(partnershipId, { signed, rows: [] }, { current: publicKey, previous: [] });
    expect(report).toMatchObject({ valid: false, truncated: true, missingCount: 2 ** 50 });
    expect(report.missingSequences).toHaveLength(MISSING_LISTED);
  });
});
