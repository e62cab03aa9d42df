import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { consoleAssets } from './console-assets.js';

const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
writeFileSync(join(dist, 'index.html'), '<!doctype html>');
// A file that would answer /api/docs if the API's paths were looked up among the console's files.
mkdirSync(join(dist, 'api'));
writeFileSync(join(dist, 'api', 'docs'), 'not the API');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the console assets', () => {
  it.each(['/api', '/api/docs', '/api/partnerships/1/commands'])('pass %s on to the API at once, without looking for a file', (path) => {
    const next = vi.fn();
    const request = { method: 'GET', url: path, path, originalUrl: path, headers: {} } as unknown as Request;
    consoleAssets(dist)(request, {} as Response, next);
    // Serving a file starts with an asynchronous stat: only a skipped lookup calls next before returning.
    expect(next).toHaveBeenCalledWith();
  });
});
