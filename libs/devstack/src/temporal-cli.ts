/**
 * Finds the `temporal` CLI in the order docs/design.md section 5 gives: TEMPORAL_CLI_PATH, `temporal` on
 * PATH, the pinned build under .tools/ (built with `go install` when Go is here), else the SDK's own
 * download. When nothing works the error names everything that was tried.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

export type TemporalCli =
  | { kind: 'binary'; path: string; source: string }
  /** Nothing local worked: the SDK will try its own download when the server starts; `tried` explains. */
  | { kind: 'sdk-download'; source: string; tried: string[] };

export interface CliSearch {
  repoRoot: string;
  cliPath?: string | undefined;
  log?: (line: string) => void;
  /** The go binary to build with (default: findGo()). */
  go?: string;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export async function resolveTemporalCli({ repoRoot, cliPath, log = console.log, go: goBinary = findGo() }: CliSearch): Promise<TemporalCli> {
  const tried: string[] = [];
  if (cliPath) {
    if (isExecutable(cliPath)) return { kind: 'binary', path: cliPath, source: 'TEMPORAL_CLI_PATH' };
    throw new Error(`TEMPORAL_CLI_PATH is set to "${cliPath}", which is not an executable file`);
  }
  tried.push('TEMPORAL_CLI_PATH (not set)');

  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'temporal')).find(isExecutable);
  if (onPath) return { kind: 'binary', path: onPath, source: 'PATH' };
  tried.push('`temporal` on PATH (not found)');

  const toolsDir = join(repoRoot, '.tools');
  const pinned = join(toolsDir, 'temporal');
  const marker = join(toolsDir, 'temporal.version');
  const builtVersion = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : null;
  if (isExecutable(pinned) && builtVersion === TEMPORAL_CLI_VERSION) return { kind: 'binary', path: pinned, source: '.tools/' };
  tried.push(`.tools/temporal ${TEMPORAL_CLI_VERSION} (${isExecutable(pinned) ? `built as ${builtVersion ?? 'an unknown version'}` : 'missing'})`);

  const go = spawnSync(goBinary, ['version'], { encoding: 'utf8' });
  if (go.status === 0) {
    try {
      await goInstall(goBinary, toolsDir, log);
      writeFileSync(marker, `${TEMPORAL_CLI_VERSION}\n`);
      return { kind: 'binary', path: pinned, source: `go install (${go.stdout.trim()})` };
    } catch (error) {
      tried.push(`go install ${MODULE}@${TEMPORAL_CLI_VERSION} (failed: ${(error as Error).message})`);
    }
  } else {
    tried.push('go install (Go is not installed)');
  }

  log('temporal CLI: nothing local worked; the Temporal SDK will try to download its dev server');
  return { kind: 'sdk-download', source: 'SDK download', tried };
}

const STANDARD_GO = '/usr/local/go/bin/go';

/** `go` on PATH, else GOROOT's or Go's standard install location (a login shell's PATH often lacks it). */
export function findGo(path: string = process.env.PATH ?? '', goRoot: string | undefined = process.env.GOROOT): string {
  const candidates = [...path.split(delimiter).map((dir) => join(dir, 'go')), ...(goRoot ? [join(goRoot, 'bin', 'go')] : []), STANDARD_GO];
  return candidates.find(isExecutable) ?? 'go';
}

function goInstall(goBinary: string, toolsDir: string, log: (line: string) => void): Promise<void> {
  mkdirSync(toolsDir, { recursive: true });
  log(`temporal CLI: building ${MODULE}@${TEMPORAL_CLI_VERSION} into .tools/ with Go. This happens once and takes a few minutes.`);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(goBinary, ['install', `${MODULE}@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: toolsDir, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let downloads = 0;
    const output: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        if (line.startsWith('go: downloading')) downloads += 1;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const progress = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      log(`temporal CLI: still building (${seconds} s, ${downloads} modules downloaded${downloads > 0 ? ', now compiling' : ''})…`);
    }, 15_000);
    child.on('error', (error) => {
      clearInterval(progress);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(progress);
      if (code === 0) {
        log(`temporal CLI: built in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else {
        reject(new Error(`exit code ${code}: ${output.slice(-5).join(' | ')}`));
      }
    });
  });
}
