/** The image's command is found under `buildah run`, so a stop signal reaches it as `docker stop`'s would. */
import { describe, expect, it } from 'vitest';
import { commandPid, parentPid, type ProcessEntry } from './buildah.js';
import { intermediateImageIds } from './images.js';

describe('commandPid', () => {
  const tree: ProcessEntry[] = [
    { pid: 10, ppid: 1, program: 'buildah' },
    { pid: 11, ppid: 10, program: 'buildah-chroot-runtime' },
    { pid: 12, ppid: 11, program: 'buildah-chroot-exec' },
    { pid: 13, ppid: 12, program: 'node' },
    { pid: 14, ppid: 13, program: 'node' },
    // Another container's command, not below ours.
    { pid: 20, ppid: 1, program: 'buildah' },
    { pid: 21, ppid: 20, program: 'buildah-chroot-exec' },
    { pid: 22, ppid: 21, program: 'node' },
  ];

  it("finds the child of buildah-chroot-exec below the given buildah run", () => {
    expect(commandPid(10, tree)).toBe(13);
    expect(commandPid(20, tree)).toBe(22);
  });

  it('finds nothing before the command has started', () => {
    expect(commandPid(10, tree.filter((entry) => entry.pid !== 13 && entry.pid !== 14))).toBeUndefined();
    expect(commandPid(99, tree)).toBeUndefined();
  });
});

describe('parentPid', () => {
  it('reads the parent after the command name, even one holding spaces and parentheses', () => {
    expect(parentPid('4242 (node) S 4241 4242 4242 0 -1')).toBe(4241);
    expect(parentPid('77 (odd (name) x) R 5 77 77 0 -1')).toBe(5);
  });
});

describe('intermediateImageIds', () => {
  it("lists each stage's committed image but the final one", () => {
    const output = ['[1/6] STEP 15/15: RUN node scripts/build.mjs', '--> 1880a584069', '[3/6] STEP 9/9: COPY', '--> 5560ad587ce', '[5/6] STEP 1/1: FROM 5560ad587ce3f2 AS app-worker', '--> 5560ad587ce', 'COMMIT localhost/partnership-engine-worker:latest', '--> 71acea77c8c'];
    expect(intermediateImageIds(output, '71acea77c8cf65f40b72c9012d0965cd4c415fbbc1cdc7cf58cab53d89314eaf')).toEqual(['1880a584069', '5560ad587ce']);
  });
});
