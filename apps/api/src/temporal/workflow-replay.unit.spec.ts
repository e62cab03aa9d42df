import { describe, expect, it } from 'vitest';
import { codeIdentity } from './workflow-replay.js';

describe('the deployed workflow code’s identity', () => {
  it('is the same for the same bundled code and another for any other code, naming the SDK that replays', () => {
    const bundle = 'exports.partnershipWorkflow = async function () {};';
    expect(codeIdentity(bundle)).toBe(codeIdentity(String(bundle)));
    expect(codeIdentity(`${bundle} `)).not.toBe(codeIdentity(bundle));
    expect(codeIdentity(bundle)).toMatch(/^@temporalio\/worker@\d+\.\d+\.\d+\+[0-9a-f]{64}$/);
  });
});
