/** The temporal CLI is looked for in docs/design.md's order, and a miss says what was tried. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findGo } from './go-tools.js';
import { TEMPORAL_CLI_VERSION, resolveTemporalCli } from './temporal-cli.js';

let root: string;
let savedPath: string | undefined;
const quiet = () => undefined;

function executable(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pe-cli-'));
  savedPath = process.env.PATH;
});
afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(root, { recursive: true, force: true });
});

describe('resolveTemporalCli', () => {
  it('takes TEMPORAL_CLI_PATH first, and refuses one that is not executable', async () => {
    const cli = executable(join(root, 'bin', 'my-temporal'));
    expect(await resolveTemporalCli({ repoRoot: root, cliPath: cli, log: quiet })).toEqual({ kind: 'binary', path: cli, source: 'TEMPORAL_CLI_PATH' });
    writeFileSync(join(root, 'plain'), '');
    await expect(resolveTemporalCli({ repoRoot: root, cliPath: join(root, 'plain'), log: quiet })).rejects.toThrow(/TEMPORAL_CLI_PATH is set to .* not an executable/);
  });

  it('then `temporal` on PATH, then the pinned build under .tools/', async () => {
    const onPath = executable(join(root, 'path-dir', 'temporal'));
    const pinned = executable(join(root, '.tools', 'temporal'));
    writeFileSync(join(root, '.tools', 'temporal.version'), `${TEMPORAL_CLI_VERSION}\n`);
    process.env.PATH = join(root, 'path-dir');
    expect(await resolveTemporalCli({ repoRoot: root, log: quiet })).toMatchObject({ path: onPath, source: 'PATH' });
    process.env.PATH = join(root, 'empty');
    expect(await resolveTemporalCli({ repoRoot: root, log: quiet })).toMatchObject({ path: pinned, source: '.tools/' });
  });

  it('does not trust a .tools/ build of another version, and lists everything it tried', async () => {
    executable(join(root, '.tools', 'temporal'));
    writeFileSync(join(root, '.tools', 'temporal.version'), 'v1.0.0\n');
    process.env.PATH = join(root, 'empty'); // no temporal, and no go either
    const found = await resolveTemporalCli({ repoRoot: root, log: quiet, go: join(root, 'empty', 'go') });
    expect(found.kind).toBe('sdk-download');
    expect(found.kind === 'sdk-download' && found.tried).toEqual([
      'TEMPORAL_CLI_PATH (not set)',
      '`temporal` on PATH (not found)',
      `.tools/temporal ${TEMPORAL_CLI_VERSION} (built as v1.0.0)`,
      'go install (Go is not installed)',
    ]);
  });
});

describe('findGo', () => {
  it('prefers go on PATH, then GOROOT, and names plain "go" when there is none', () => {
    const onPath = executable(join(root, 'path-bin', 'go'));
    const inRoot = executable(join(root, 'goroot', 'bin', 'go'));
    expect(findGo(join(root, 'path-bin'), join(root, 'goroot'))).toBe(onPath);
    expect(findGo(join(root, 'empty'), join(root, 'goroot'))).toBe(inRoot);
    expect(['go', '/usr/local/go/bin/go']).toContain(findGo(join(root, 'empty'), undefined));
  });
});
