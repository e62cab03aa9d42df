/**
 * The committed lockfile installs everywhere `npm ci` runs: the Dockerfile's build runs it on Linux,
 * other machines on other platforms, with npm 10 or 11. `npm ci` refuses a lockfile that lacks an
 * optional platform package of a dependency it holds (it once lacked @swc/core's, and every image
 * build failed), and nothing in it may need a newer Node than the images run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
interface LockedPackage {
  version?: string;
  optional?: boolean;
  engines?: { node?: string };
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };

/** The lowest major version a Node range allows (`>=20.19`, `^20.19.0 || >=22.12`, `>= 18`). */
function lowestMajor(range: string): number {
  const majors = range.split('||').map((part) => Number(/(\d+)/.exec(part)?.[1] ?? 0));
  return Math.min(...majors);
}

describe('package-lock.json', () => {
  it('agrees with every package.json (npm ls --package-lock-only)', () => {
    expect(() => execFileSync('npm', ['ls', '--package-lock-only', '--all'], { cwd: repoRoot, stdio: 'pipe' })).not.toThrow();
  });

  it('holds every platform package of each locked dependency, so npm ci accepts it on any platform', () => {
    const missing = Object.entries(lock.packages).flatMap(([path, locked]) =>
      Object.keys(locked.optionalDependencies ?? {})
        .filter((name) => name.startsWith(`${path.replace(/^.*node_modules\//, '')}-`))
        .filter((name) => !lock.packages[`node_modules/${name}`] && !lock.packages[`${path}/node_modules/${name}`])
        .map((name) => `${path} → ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('needs no Node newer than 20, which the images run', () => {
    const tooNew = Object.entries(lock.packages)
      .filter(([path, locked]) => path !== '' && !locked.optional && locked.engines?.node && lowestMajor(locked.engines.node) > 20)
      .map(([path, locked]) => `${path}@${locked.version} wants node ${locked.engines?.node}`);
    expect(tooNew).toEqual([]);
  });
});
