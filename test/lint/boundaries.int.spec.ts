/**
 * The dependency rules of docs/design.md section 3 are enforced by lint: these fixture projects (tagged
 * like the domain, workflows, persistence, worker, API and console; ignored by `npm run lint`) break
 * them and must be rejected, as must code breaking the two rules that go by path.
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

  // Each probe breaks its project's rule twice: a project library it may not use and an outside package it may not use.
  it.each([
    ['workflows/ importing persistence and pg', 'workflow-probe/src/imports-persistence.ts', 'scope:workflow', ['only depend on libs', 'not allowed to import "pg"']],
    ['libs/persistence importing the workflows and Temporal', 'persistence-probe/src/imports-temporal.ts', 'scope:persistence', ['only depend on libs', 'not allowed to import "@temporalio/client"']],
    ['apps/worker importing NestJS and the dev tooling', 'worker-probe/src/imports-nest.ts', 'scope:worker', ['not allowed to import "@nestjs/common"', 'only depend on libs']],
    ['apps/api importing the Temporal worker and the dev tooling', 'api-probe/src/imports-worker.ts', 'scope:api', ['not allowed to import "@temporalio/worker"', 'only depend on libs']],
  ])('rejects %s', async (_rule, file, tag, breaches) => {
    expect(await boundaryErrors(file)).toEqual(breaches.map((breach) => expect.stringMatching(new RegExp(`^@nx/enforce-module-boundaries: .*"${tag}".*${escaped(breach)}`))));
  });

  // Two rules go by path rather than tag; a probe linted as if it lived there (a spec, so no type information is needed).
  it('rejects Node built-ins in workflow code', async () => {
    const errors = await pathRuleErrors("import { readFileSync } from 'node:fs';\nimport os from 'os';\nexport const forbidden = [readFileSync, os];\n", 'workflows/src/boundary-probe.spec.ts');
    expect(errors).toEqual([expect.stringMatching(/^no-restricted-imports: 'node:fs'/), expect.stringMatching(/^no-restricted-imports: 'os'/)]);
  });

  it('rejects the API importing the workflow implementation', async () => {
    const errors = await pathRuleErrors("import { partnershipWorkflow } from '@pe/workflows/src/partnership.workflow.js';\nexport const forbidden = partnershipWorkflow;\n", 'apps/api/src/boundary-probe.spec.ts');
    expect(errors).toEqual([expect.stringMatching(/^no-restricted-imports: .*The API imports only the workflow contract/)]);
  });
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const pathRuleErrors = async (code: string, filePath: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => `${message.ruleId}: ${message.message}`);
};
