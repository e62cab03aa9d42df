/**
 * Finds the `temporal` CLI in the order docs/design.md section 5 gives: TEMPORAL_CLI_PATH, `temporal` on
 * PATH, the pinned build under .tools/ (built with `go install` when Go is here), else the SDK's own
 * download. When nothing works the error names everything that was tried.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { findGo, goInstall, goVersion, isExecutable } from './go-tools.js';

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

  const go = goVersion(goBinary);
  if (go) {
    try {
      mkdirSync(toolsDir, { recursive: true });
      log(`temporal CLI: building ${MODULE}@${TEMPORAL_CLI_VERSION} into .tools/ with Go. This happens once and takes a few minutes.`);
      await goInstall({ go: goBinary, packages: [`${MODULE}@${TEMPORAL_CLI_VERSION}`], into: toolsDir, what: 'temporal CLI', log });
      writeFileSync(marker, `${TEMPORAL_CLI_VERSION}\n`);
      return { kind: 'binary', path: pinned, source: `go install (${go})` };
    } catch (error) {
      tried.push(`go install ${MODULE}@${TEMPORAL_CLI_VERSION} (failed: ${(error as Error).message})`);
    }
  } else {
    tried.push('go install (Go is not installed)');
  }

  log('temporal CLI: nothing local worked; the Temporal SDK will try to download its dev server');
  return { kind: 'sdk-download', source: 'SDK download', tried };
}
