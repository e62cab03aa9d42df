/**
 * The cluster topology's Temporal server is taken from .tools/ when both binaries are there, built
 * with Go (here a stand-in script) into a folder renamed into place only when whole, and refused with
 * a message that names Go when there is neither.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMPORAL_SERVER_VERSION, endpointOf, resolveTemporalServer } from './temporal-cluster.js';

let root: string;
const quiet = () => undefined;
const folder = () => join(root, '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);

function script(path: string, body: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A stand-in for go: `go version` answers; `go install` writes the two binaries into GOBIN, or fails. */
const fakeGo = (installs: 'succeed' | 'fail') =>
  script(
    join(root, 'bin', 'go'),
    [
      'if [ "$1" = version ]; then echo "go version go1.99 test/fake"; exit 0; fi',
      `echo "$@" > "${root}/go-args"`,
      installs === 'succeed' ? 'printf x > "$GOBIN/server"; printf x > "$GOBIN/sql"; chmod +x "$GOBIN/server" "$GOBIN/sql"' : 'echo "go: module lookup disabled" >&2; exit 1',
    ].join('\n'),
  );

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pe-server-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('resolveTemporalServer', () => {
  it('takes the binaries already in .tools/ without asking Go', async () => {
    const server = script(join(folder(), 'temporal-server'), 'exit 0');
    const sqlTool = script(join(folder(), 'temporal-sql-tool'), 'exit 0');
    expect(await resolveTemporalServer({ repoRoot: root, log: quiet, go: join(root, 'no-go') })).toEqual({ server, sqlTool, source: '.tools/' });
  });

  it('builds both with one go install at the pinned version and renames them into place', async () => {
    const found = await resolveTemporalServer({ repoRoot: root, log: quiet, go: fakeGo('succeed') });
    expect(found).toEqual({ server: join(folder(), 'temporal-server'), sqlTool: join(folder(), 'temporal-sql-tool'), source: 'go install (go version go1.99 test/fake)' });
    expect(readdirSync(folder()).sort()).toEqual(['temporal-server', 'temporal-sql-tool']);
    expect(readdirSync(join(root, '.tools'))).toEqual([`temporal-server-${TEMPORAL_SERVER_VERSION}`]);
    expect(readFileSync(join(root, 'go-args'), 'utf8').trim()).toBe(
      `install go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION} go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
    );
  });

  it('leaves nothing half-built when go install fails, and says what failed', async () => {
    await expect(resolveTemporalServer({ repoRoot: root, log: quiet, go: fakeGo('fail') })).rejects.toThrow(/go install .*@v1\.29\.1 .*failed: exit code 1: go: module lookup disabled/);
    expect(readdirSync(join(root, '.tools'))).toEqual([]);
  });

  it('does not trust a folder with one binary, and without Go says so', async () => {
    script(join(folder(), 'temporal-server'), 'exit 0');
    await expect(resolveTemporalServer({ repoRoot: root, log: quiet, go: join(root, 'no-go') })).rejects.toThrow(
      `The cluster topology needs the Temporal server ${TEMPORAL_SERVER_VERSION}, which is built with Go into .tools/, and Go is not installed`,
    );
    expect(existsSync(join(folder(), 'temporal-sql-tool'))).toBe(false);
  });
});

describe('endpointOf', () => {
  it('reads host, port and decoded credentials from a postgres URL, port 5432 when it names none', () => {
    expect(endpointOf('postgres://pe:p%40ss%2Fword@db.internal:6543/partnerships')).toEqual({ host: 'db.internal', port: 6543, user: 'pe', password: 'p@ss/word' });
    expect(endpointOf('postgresql://postgres:postgres@127.0.0.1/partnerships').port).toBe(5432);
  });
});
