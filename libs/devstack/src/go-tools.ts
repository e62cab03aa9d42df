/**
 * Pinned Go programs the local stack builds for itself into `.tools/` with `go install`: the
 * temporal CLI (temporal-cli.ts) and the Temporal server with its SQL schema tool (temporal-cluster.ts).
 * Go fetches modules through its module proxy; nothing else is downloaded.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const STANDARD_GO = '/usr/local/go/bin/go';

export const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `go` on PATH, else GOROOT's or Go's standard install location (a login shell's PATH often lacks it). */
export function findGo(path: string = process.env.PATH ?? '', goRoot: string | undefined = process.env.GOROOT): string {
  const candidates = [...path.split(delimiter).map((dir) => join(dir, 'go')), ...(goRoot ? [join(goRoot, 'bin', 'go')] : []), STANDARD_GO];
  return candidates.find(isExecutable) ?? 'go';
}

/** `go version`'s answer ("go version go1.26.8 linux/amd64"), or null when that Go does not run. */
export function goVersion(goBinary: string): string | null {
  const go = spawnSync(goBinary, ['version'], { encoding: 'utf8' });
  return go.status === 0 ? go.stdout.trim() : null;
}

export interface GoInstall {
  go: string;
  /** Packages at one pinned version each, e.g. `github.com/temporalio/cli/cmd/temporal@v1.5.1`. */
  packages: string[];
  /** Where the binaries go (GOBIN). */
  into: string;
  /** What is being built, for the progress lines ("temporal CLI"). */
  what: string;
  log: (line: string) => void;
}

/**
 * `go install <packages>` into a folder, with a progress line every 15 s. GOFLAGS is replaced, not
 * extended: `-mod=mod` lets a module whose go.sum lacks an entry still build, and a GOFLAGS of the
 * caller's (say -buildvcs or -mod=vendor) has no business in a build from the module cache.
 */
export function goInstall({ go, packages, into, what, log }: GoInstall): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(go, ['install', ...packages], {
      env: { ...process.env, GOBIN: into, GOFLAGS: '-mod=mod' },
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
      log(`${what}: still building (${seconds} s, ${downloads} modules downloaded${downloads > 0 ? ', now compiling' : ''})…`);
    }, 15_000);
    child.on('error', (error) => {
      clearInterval(progress);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(progress);
      if (code === 0) {
        log(`${what}: built in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else {
        reject(new Error(`exit code ${code}: ${output.slice(-5).join(' | ')}`));
      }
    });
  });
}
