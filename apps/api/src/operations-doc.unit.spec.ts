/**
 * docs/operations.md tells operators what each API process caps and caches for itself, with the
 * figures and the constants that set them: every row must name an exported constant of the file it
 * names, with the value the code has, so the document cannot drift from the code unseen.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONNECTIONS_PER_PROCESS } from '@pe/persistence';
import { CONCURRENT_VERIFICATIONS, PAGES_AT_ONCE, PAGE_WAIT_MS } from './audit/verification.service.js';
import { MAX_CONCURRENT_EXPORTS } from './audit/export-slots.js';
import { ADDRESSES_REMEMBERED } from './auth/address-limiter.js';
import { REPLAYS_QUEUED, REPLAY_FAILURE_SHOWN_MS } from './insight/determinism.service.js';
import { WATCHED_FOR_MS } from './insight/replay-queue.js';
import { REMEMBERED_PARTS, TEMPORAL_HISTORIES_AT_MOST_MS, TEMPORAL_ANSWER_MS, TEMPORAL_CHECKS_AT_ONCE, TEMPORAL_PART_REUSED_MS, TEMPORAL_TURN_WAIT_MS } from './insight/proof.service.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const operations = readFileSync(`${repoRoot}docs/operations.md`, 'utf8');

const CONSTANTS: Record<string, number> = {
  MAX_CONCURRENT_EXPORTS,
  PAGES_AT_ONCE,
  PAGE_WAIT_MS,
  CONCURRENT_VERIFICATIONS,
  TEMPORAL_CHECKS_AT_ONCE,
  TEMPORAL_TURN_WAIT_MS,
  TEMPORAL_PART_REUSED_MS,
  REMEMBERED_PARTS,
  TEMPORAL_ANSWER_MS,
  TEMPORAL_HISTORIES_AT_MOST_MS,
  REPLAYS_QUEUED,
  REPLAY_FAILURE_SHOWN_MS,
  WATCHED_FOR_MS,
  ADDRESSES_REMEMBERED,
  CONNECTIONS_PER_PROCESS,
};

interface Row {
  value: string;
  constant: string;
  file: string;
}

/** The rows of the table headed `| per API process | value | constant | file |`. */
function perProcessRows(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => /^\| per API process \| value \| constant \| file \|$/.test(line));
  expect(header, 'docs/operations.md has the per-process table').toBeGreaterThan(-1);
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, ''));
    const [, value, constant, file] = cells;
    rows.push({ value: value!, constant: constant!.replace(/`/g, ''), file: file!.replace(/`/g, '') });
  }
  return rows;
}

/** "5 s" is 5000 for a constant in milliseconds; a plain count is itself. */
function figure(value: string, constant: string): number {
  const seconds = /^(\d+) s$/.exec(value);
  if (seconds) {
    expect(constant, `${constant} is given in seconds, so it must be a _MS constant`).toMatch(/_MS$/);
    return Number(seconds[1]) * 1000;
  }
  expect(value, `${constant}: a count, or seconds written "<n> s"`).toMatch(/^\d+$/);
  return Number(value);
}

describe('docs/operations.md, what each API process holds for itself', () => {
  const rows = perProcessRows(operations);

  it('names every constant this test knows, once', () => {
    expect(rows.map((row) => row.constant).sort()).toEqual(Object.keys(CONSTANTS).sort());
  });

  it.each(rows.map((row) => [row.constant, row] as const))('states %s as the code has it, in the file it names', (constant, row) => {
    expect(figure(row.value, constant)).toBe(CONSTANTS[constant]);
    expect(readFileSync(`${repoRoot}${row.file}`, 'utf8')).toMatch(new RegExp(`export const ${constant}\\b`));
  });
});
