/**
 * docker-compose.yml as tests read it: its services, and a service's environment as compose would
 * hand it to the container, with the ${...} substitutions resolved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const composePath = join(repoRoot, 'docker-compose.yml');

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  environment?: Record<string, unknown> | string[];
  env_file?: string | (string | { path: string; required?: boolean })[];
  deploy?: { replicas?: number | string };
  command?: string | string[];
  healthcheck?: { test?: string | string[] };
  volumes?: string[];
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function readCompose(path: string = composePath): ComposeFile {
  return parse(readFileSync(path, 'utf8')) as ComposeFile;
}

/**
 * Compose's interpolation of one value: `$$` is a `$`; `${NAME}`, `${NAME:-default}` (also when
 * empty), `${NAME-default}` (only when unset), `${NAME:?message}` and `${NAME?message}` (required).
 */
export function interpolate(value: string, variables: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced?: string, colon?: string, operator?: string, argument?: string, bare?: string) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const current = variables[name];
    const missing = current === undefined || (colon === ':' && current === '');
    if (operator === '-') return missing ? argument! : current!;
    if (operator === '?') {
      if (missing) throw new Error(`${name} is required: ${argument}`);
      return current!;
    }
    return current ?? '';
  });
}

/** A service's environment, every value interpolated with `variables` (the deployer's shell or .env). */
export function serviceEnvironment(service: ComposeService, variables: Readonly<Record<string, string | undefined>>): Record<string, string> {
  // A name without a value (`- NAME`, or `NAME:` with nothing) passes the deployer's value on as it is.
  const passed = (name: string) => variables[name] ?? '';
  const entries: [string, string][] = Array.isArray(service.environment)
    ? service.environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, passed(entry)] : [entry.slice(0, at), interpolate(entry.slice(at + 1), variables)];
      })
    : Object.entries(service.environment ?? {}).map(([key, value]) => [key, value === null || value === undefined ? passed(key) : interpolate(String(value), variables)]);
  return Object.fromEntries(entries);
}
