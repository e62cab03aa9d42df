/** The build reaches the registry the way this machine's npm does, and the Dockerfile mounts what we hand it. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_CA_PATH, buildNpmrc, parseNpmConfig, writeBuildSecrets } from './npm-secrets.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pe-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parseNpmConfig', () => {
  it('keeps the network settings that are set and drops null, empty and other keys', () => {
    const output = 'registry=https://registry.example/\ncafile=/etc/ssl/ca.crt\nproxy=null\nhttps-proxy=http://user:pw@proxy:3128\nnoproxy=\n//registry.example/:_authToken=secret\n';
    expect(parseNpmConfig(output)).toEqual({ registry: 'https://registry.example/', cafile: '/etc/ssl/ca.crt', 'https-proxy': 'http://user:pw@proxy:3128' });
  });
});

describe('buildNpmrc', () => {
  it('points cafile at the mounted secret, not at the host path', () => {
    const npmrc = buildNpmrc({ registry: 'https://registry.example/', cafile: '/etc/ssl/ca.crt' });
    expect(npmrc.split('\n')).toEqual(['registry=https://registry.example/', `cafile=${BUILD_CA_PATH}`, 'update-notifier=false', '']);
    expect(npmrc).not.toContain('/etc/ssl/ca.crt');
  });

  it('names no cafile when the host has none', () => {
    expect(buildNpmrc({ registry: 'https://registry.npmjs.org/' })).not.toContain('cafile');
  });
});

describe('writeBuildSecrets', () => {
  it('hands over the npmrc and the host CA bundle as the two secrets', () => {
    const ca = join(dir, 'ca.crt');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const args = writeBuildSecrets(dir, { registry: 'https://registry.example/', cafile: ca });
    expect(args).toEqual(['--secret', `id=npmrc,src=${join(dir, 'npmrc')}`, '--secret', `id=npm-ca,src=${ca}`]);
    expect(readFileSync(join(dir, 'npmrc'), 'utf8')).toContain(`cafile=${BUILD_CA_PATH}`);
  });

  it('refuses a cafile that does not exist rather than build without it', () => {
    expect(() => writeBuildSecrets(dir, { cafile: join(dir, 'missing.crt') })).toThrow(/does not exist/);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(fileURLToPath(new URL('../../../Dockerfile', import.meta.url)), 'utf8');
  // Each RUN instruction with its continuation lines joined.
  const runs = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((line) => line.startsWith('RUN '));
  const installs = runs.filter((line) => /\bnpm ci\b/.test(line));

  it('mounts both secrets where npm and the npmrc look for them, in every npm ci', () => {
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) {
      expect(install).toContain('--mount=type=secret,id=npmrc,target=/root/.npmrc');
      // No target: a secret's default place, /run/secrets/<id>.
      expect(install).toMatch(/--mount=type=secret,id=npm-ca(\s|$)/);
      expect(BUILD_CA_PATH).toBe('/run/secrets/npm-ca');
    }
  });
});
