/**
 * The build secrets that let `npm ci` inside an image build reach the registry this machine's npm
 * reaches (the Dockerfile mounts `npmrc` as /root/.npmrc and `npm-ca` at /run/secrets/npm-ca). A build
 * sees none of the host's npm configuration or environment, so without them npm inside the build
 * tries the public registry directly; behind a TLS-inspecting proxy every request then fails with
 * SELF_SIGNED_CERT_IN_CHAIN and is retried until it gives up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Dockerfile mounts the `npm-ca` secret (a secret's default place: /run/secrets/<id>). */
export const BUILD_CA_PATH = '/run/secrets/npm-ca';

/** The npm settings that decide how the registry is reached. Credentials are not among them: they stay on the host. */
export const NETWORK_SETTINGS = ['registry', 'proxy', 'https-proxy', 'noproxy', 'cafile'] as const;
export type NpmNetworkSettings = Partial<Record<(typeof NETWORK_SETTINGS)[number], string>>;

/** Reads `npm config get` output ("key=value" lines, "null" or nothing for unset). */
export function parseNpmConfig(output: string): NpmNetworkSettings {
  const settings: NpmNetworkSettings = {};
  for (const line of output.split('\n')) {
    const at = line.indexOf('=');
    if (at < 0) continue;
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (!(NETWORK_SETTINGS as readonly string[]).includes(key) || value === '' || value === 'null' || value === 'undefined') continue;
    settings[key as keyof NpmNetworkSettings] = value;
  }
  return settings;
}

/** The .npmrc for the build: the host's registry and proxies, and the CA bundle where the build mounts it. */
export function buildNpmrc(settings: NpmNetworkSettings): string {
  const lines: string[] = [];
  for (const key of NETWORK_SETTINGS) {
    const value = settings[key];
    if (key === 'cafile' || value === undefined) continue;
    lines.push(`${key}=${value}`);
  }
  if (settings.cafile) lines.push(`cafile=${BUILD_CA_PATH}`);
  lines.push('update-notifier=false');
  return `${lines.join('\n')}\n`;
}

/** Writes the npmrc into `dir` and returns the `--secret` arguments for `buildah bud` (or `docker build`). */
export function writeBuildSecrets(dir: string, settings: NpmNetworkSettings = hostNpmSettings()): string[] {
  const npmrc = join(dir, 'npmrc');
  writeFileSync(npmrc, buildNpmrc(settings), { mode: 0o600 });
  const args = ['--secret', `id=npmrc,src=${npmrc}`];
  if (settings.cafile) {
    if (!existsSync(settings.cafile)) throw new Error(`npm's cafile ${settings.cafile} does not exist`);
    args.push('--secret', `id=npm-ca,src=${settings.cafile}`);
  }
  return args;
}

export function hostNpmSettings(): NpmNetworkSettings {
  const result = spawnSync('npm', ['config', 'get', ...NETWORK_SETTINGS], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm config get failed: ${result.stderr.trim()}`);
  return parseNpmConfig(result.stdout);
}
