// Lint for the whole workspace. The module-boundary rule turns docs/design.md section 3's dependency
// rules into errors, using the tags in every project.json.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http', 'https', 'url', 'util', 'stream', 'events', 'process'];

const DEP_CONSTRAINTS = [
  { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain'], allowedExternalImports: ['zod', 'vitest'] },
  { sourceTag: 'scope:config', onlyDependOnLibsWithTags: ['scope:config'] },
  { sourceTag: 'scope:observability', onlyDependOnLibsWithTags: ['scope:observability', 'scope:config'], bannedExternalImports: ['@temporalio/*', '@nestjs/*'] },
  { sourceTag: 'scope:workflow', onlyDependOnLibsWithTags: ['scope:domain', 'scope:workflow'], allowedExternalImports: ['@temporalio/workflow', '@temporalio/common', 'vitest'] },
  { sourceTag: 'scope:persistence', onlyDependOnLibsWithTags: ['scope:domain', 'scope:persistence'], bannedExternalImports: ['@temporalio/*', '@nestjs/*'] },
  { sourceTag: 'scope:worker', onlyDependOnLibsWithTags: ['scope:worker', 'scope:workflow', 'scope:persistence', 'scope:domain', 'scope:config', 'scope:observability'], bannedExternalImports: ['@nestjs/*'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:domain', 'scope:persistence', 'scope:config', 'scope:observability', 'scope:workflow'], bannedExternalImports: ['@temporalio/worker'] },
  { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:domain'], bannedExternalImports: ['@nestjs/*', '@temporalio/*', 'typeorm', 'pg', 'argon2'] },
  { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:tooling', 'scope:config', 'scope:workflow'] },
  { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['scope:test', 'scope:tooling', 'scope:config', 'scope:domain', 'scope:workflow', 'scope:persistence'] },
];

const moduleBoundaries = (depConstraints) => [
  'error',
  { enforceBuildableLibDependency: false, banTransitiveDependencies: false, depConstraints },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.tools/**', '.nx/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': moduleBoundaries(DEP_CONSTRAINTS),
    },
  },
  {
    // Verification replays workflow histories against the deployed code: that one file of the API may
    // use the worker package's replayer (it never polls a task queue, so it runs no workflow).
    files: ['apps/api/src/temporal/workflow-replay.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(
        DEP_CONSTRAINTS.map((constraint) => (constraint.sourceTag === 'scope:api' ? { ...constraint, bannedExternalImports: [] } : constraint)),
      ),
    },
  },
  {
    // The API may use the workflow contract, never the workflow implementation.
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@pe/workflows/*', '**/workflows/src/**'], message: 'The API imports only the workflow contract (@pe/workflows).' }] }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
    files: ['workflows/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: NODE_BUILTINS.filter((name) => !name.includes('*')), patterns: [{ group: ['node:*'], message: 'Workflow code may not use Node built-ins.' }] }],
    },
  },
  {
    // The decider is pure: no clock, no randomness, no I/O.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts', 'libs/domain/src/spec-helpers.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'libs/domain does no I/O.' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The decider gets time as `now`.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The decider gets time as `now`.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The decider draws no random numbers.' },
      ],
    },
  },
  {
    // Specs beside library code are outside the libraries' build tsconfigs: lint them without type information.
    files: ['{libs,apps,workflows}/**/*.spec.ts', 'libs/domain/src/spec-helpers.ts'],
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', AbortSignal: 'readonly', performance: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } } },
);
