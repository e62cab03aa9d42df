/**
 * The dependency rules of docs/design.md section 3 are enforced by lint: these fixture projects (tagged
 * like libs/domain and apps/console, ignored by `npm run lint`) break them and must be rejected.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot, ignore: false });

const boundaryErrors = async (file: string) => {
  const [result] = await eslint.lintFiles([`test/fixtures/boundaries/${file}`]);
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => `${message.ruleId}: ${message.message}`);
};

describe('module boundaries', () => {
  beforeAll(() => {
    execFileSync(`${repoRoot}/node_modules/.bin/nx`, ['show', 'projects'], { cwd: repoRoot, env: { ...process.env, NX_DAEMON: 'false' } });
  });

  it('rejects libs/domain importing persistence', async () => {
    expect(await boundaryErrors('domain-probe/src/imports-persistence.ts')).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: .*scope:domain/)]);
  });

  it('rejects the console importing server-side code', async () => {
    const errors = await boundaryErrors('console-probe/src/imports-workflows.ts');
    expect(errors).toHaveLength(2);
    expect(errors.every((error) => error.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });
});
