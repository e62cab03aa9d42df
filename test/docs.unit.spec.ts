/**
 * The documentation in the repository stays whole and true to the configuration:
 * - docs/operations.md's configuration table names exactly the variables libs/config declares;
 * - .env.example names every one of them, and each value it gives is that variable's default;
 * - every relative link of README.md and docs/ reaches a file of the repository (and a heading there);
 * - no file points readers at a design document outside the repository;
 * - the decision records are numbered without gaps, each with its three parts, all in the index.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CONFIG_KEYS, apiConfigSchema, loadConfig, stackConfigSchema, workerConfigSchema } from '@pe/config';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

/** The lines of a markdown section: from its heading to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line === heading);
  expect(start, `a section "${heading}"`).toBeGreaterThan(-1);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

describe('docs/operations.md, the configuration', () => {
  it('lists every variable libs/config declares, and no other', () => {
    const table = section(read('docs/operations.md'), '### Configuration')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const named = table.flatMap((line) => [...line.split(' | ')[0]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]!));
    expect(named.length, 'each variable once').toBe(new Set(named).size);
    expect([...named].sort()).toEqual([...ALL_CONFIG_KEYS].sort());
  });
});

describe('.env.example', () => {
  const lines = read('.env.example').split('\n');
  /** KEY=value lines, set or commented out (# KEY=value). */
  const entries = lines.flatMap((line) => {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return match ? [{ name: match[2]!, value: match[3]!, commented: match[1] !== undefined }] : [];
  });

  it('names every variable libs/config declares', () => {
    expect([...ALL_CONFIG_KEYS].filter((name) => !entries.some((entry) => entry.name === name))).toEqual([]);
  });

  it('gives each variable it sets the default of every process that reads it', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const required = { DATABASE_URL: 'postgres://pe@127.0.0.1:5432/pe', TEMPORAL_ADDRESS: '127.0.0.1:7233', JWT_SECRET: 'x'.repeat(32), AUDIT_SIGNING_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
    const set = entries.filter((entry) => !entry.commented);
    expect(set.length).toBeGreaterThan(0);
    for (const schema of [apiConfigSchema, workerConfigSchema, stackConfigSchema]) {
      const defaults = loadConfig(schema, required) as Record<string, unknown>;
      for (const { name, value } of set.filter((entry) => entry.name in schema.shape)) {
        const given = loadConfig(schema, { ...required, [name]: value }) as Record<string, unknown>;
        expect(given[name], `${name}=${value}`).toEqual(defaults[name]);
      }
    }
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function markdownFiles(folder: string): string[] {
  return readdirSync(join(repoRoot, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(repoRoot, path)).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

describe('links in README.md and docs/', () => {
  const files = ['README.md', ...markdownFiles('docs')];

  it.each(files)('%s links only to files of the repository that exist, and to headings they have', (file) => {
    const links = [...read(file).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target));
    for (const link of links) {
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? join(repoRoot, file) : resolve(repoRoot, dirname(file), path);
      expect(relative(repoRoot, target).startsWith('..'), `${link} stays in the repository`).toBe(false);
      expect(existsSync(target), `${link} exists`).toBe(true);
      if (anchor !== undefined) {
        const headings = readFileSync(target, 'utf8')
          .split('\n')
          .filter((line) => /^#+ /.test(line))
          .map((line) => anchorOf(line.replace(/^#+ /, '')));
        expect(headings, `${link}: a heading for #${anchor}`).toContain(anchor);
      }
    }
  });
});

describe('references to a design outside the repository', () => {
  const SKIPPED = new Set(['node_modules', 'dist', '.git', '.data', '.tools', '.nx', 'histories']);
  const TEXT = /\.(md|ts|tsx|mjs|js|json|yml|yaml)$|^(Dockerfile|\.env\.example)$/;
  // Built from parts so that this file does not name what it looks for.
  const OUTSIDE = new RegExp([['DESIGN', 'md'].join('\\.'), ['\\.\\.', 'shared'].join('/')].join('|'));

  function textFiles(folder: string): string[] {
    return readdirSync(join(repoRoot, folder), { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : textFiles(path);
      return TEXT.test(entry.name) && entry.name !== 'package-lock.json' ? [path] : [];
    });
  }

  it('are nowhere: the design is docs/design.md', () => {
    const files = textFiles('.');
    expect(files).toContain('docker-compose.yml');
    expect(files.filter((file) => OUTSIDE.test(read(file)))).toEqual([]);
  });
});

describe('docs/decisions', () => {
  const names = readdirSync(join(repoRoot, 'docs/decisions')).filter((name) => name !== 'README.md').sort();
  const index = read('docs/decisions/README.md');

  it('are numbered from 0001 without a gap, each with its context, decision and consequences, and listed in the index', () => {
    expect(names.length).toBeGreaterThan(0);
    names.forEach((name, position) => {
      const number = String(position + 1).padStart(4, '0');
      expect(name).toMatch(new RegExp(`^${number}-[a-z0-9-]+\\.md$`));
      const text = read(`docs/decisions/${name}`);
      expect(text.split('\n')[0], name).toMatch(new RegExp(`^# ${number}\\. \\S`));
      expect(text.match(/^## .+$/gm), name).toEqual(['## Context', '## Decision', '## Consequences']);
      expect(index, `the index lists ${name}`).toContain(`](${name})`);
    });
  });
});
