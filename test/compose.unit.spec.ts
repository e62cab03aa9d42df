/**
 * The deployment files name only variables our processes read: every environment variable given to
 * the api and worker services of docker-compose.yml, and every variable of .env.example, must be
 * declared in libs/config (ALL_CONFIG_KEYS). A misspelt or stale name would otherwise be ignored
 * silently in production. Also: the topology is complete, the workers are scaled, the Dockerfile
 * exists and builds each service's own app, and the search attributes registered by compose are the
 * ones the workflows use.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CONFIG_KEYS } from '@pe/config';
import { dynamicConfigFile } from '@pe/devstack';
import { SEARCH_ATTRIBUTES } from '@pe/workflows/contract';
import { readCompose, repoRoot, type ComposeService } from './support/compose.js';

const envExamplePath = join(repoRoot, '.env.example');

/** The names among `names` that no process reads. */
function unknownVariables(names: Iterable<string>, known: ReadonlySet<string> = ALL_CONFIG_KEYS): string[] {
  return [...names].filter((name) => !known.has(name));
}

/** Variable names of a service's `environment`, in either compose form (mapping or KEY=value list). */
function environmentNames(service: ComposeService): string[] {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) return environment.map((entry) => entry.split('=')[0]!.trim());
  return Object.keys(environment);
}

/** Variable names assigned in a dotenv file; commented-out assignments (`# NAME=value`) count too. */
function dotenvNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:#\s*)?(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (match) names.push(match[1]!);
  }
  return names;
}

/** Files named by a service's `env_file`, relative to the compose file, and whether compose requires each (it does unless `required: false`). */
function envFiles(service: ComposeService): { path: string; required: boolean }[] {
  const entries = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  return entries.map((entry) =>
    typeof entry === 'string' ? { path: join(repoRoot, entry), required: true } : { path: join(repoRoot, entry.path), required: entry.required !== false },
  );
}

/** Every workspace's package.json, relative to the root (`dir/*` and plain folder patterns). */
function workspaceManifests(): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const folders = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(repoRoot, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
      : [pattern],
  );
  return folders.map((folder) => `${folder}/package.json`).filter((manifest) => existsSync(join(repoRoot, manifest)));
}

const services = readCompose().services;

describe('the configuration checker', () => {
  it('flags a name that libs/config does not declare, and accepts declared ones', () => {
    expect(unknownVariables(['DATABASE_URL', 'JWT_SECRET', 'DATABSE_URL', 'PE_MADE_UP_SETTING'])).toEqual(['DATABSE_URL', 'PE_MADE_UP_SETTING']);
  });

  it('reads both forms of a compose environment and dotenv assignments', () => {
    expect(environmentNames({ environment: ['A=1', 'B'] })).toEqual(['A', 'B']);
    expect(environmentNames({ environment: { A: '1', B: null } })).toEqual(['A', 'B']);
    expect(dotenvNames('# comment\nA=1\n\n# B=2\nexport C=3\n# prose, not = a variable\n')).toEqual(['A', 'B', 'C']);
  });
});

describe('docker-compose.yml', () => {
  it('has the production topology', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker']));
  });

  it.each(['api', 'worker'])('gives the %s service only variables declared in libs/config, as a mapping', (name) => {
    const service = services[name]!;
    expect(Array.isArray(service.environment), 'environment: use the KEY: value mapping form').toBe(false);
    expect(unknownVariables(environmentNames(service))).toEqual([]);
    for (const file of envFiles(service)) {
      // A file compose requires must be in the repository; an optional one is checked when present.
      if (file.required) expect(existsSync(file.path), `${name}: env_file ${file.path}`).toBe(true);
      if (existsSync(file.path)) expect(unknownVariables(dotenvNames(readFileSync(file.path, 'utf8'))), file.path).toEqual([]);
    }
  });

  it.each([
    ['api', ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'JWT_SECRET', 'AUDIT_SIGNING_KEY']],
    ['worker', ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'AUDIT_SIGNING_KEY']],
  ])('gives the %s service its required variables', (name, required) => {
    expect(environmentNames(services[name]!)).toEqual(expect.arrayContaining(required));
  });

  it('runs Temporal with the dev server’s dynamic configuration (eager activity dispatch), from the file it mounts', () => {
    const temporal = services.temporal!;
    const path = String((temporal.environment as Record<string, unknown>).DYNAMIC_CONFIG_FILE_PATH);
    const mount = (temporal.volumes ?? []).map((volume) => volume.split(':')).find(([, target]) => target === path);
    expect(mount, `a volume mounted at ${path}`).toBeDefined();
    const file = join(repoRoot, mount![0]!);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(dynamicConfigFile()));
    expect(JSON.parse(dynamicConfigFile())).toMatchObject({ 'system.enableActivityEagerExecution': [{ value: true }] });
  });

  it('requires JWT_SECRET from the deployer instead of defaulting it', () => {
    expect(String((services.api!.environment as Record<string, unknown>).JWT_SECRET)).toMatch(/^\$\{JWT_SECRET:\?[^}]*\}$/);
  });

  it.each(['api', 'worker'])('requires AUDIT_SIGNING_KEY of the %s service from the deployer instead of defaulting it', (name) => {
    expect(String((services[name]!.environment as Record<string, unknown>).AUDIT_SIGNING_KEY)).toMatch(/^\$\{AUDIT_SIGNING_KEY:\?[^}]*\}$/);
  });

  it('runs the workers as at least two replicas', () => {
    expect(Number(services.worker!.deploy?.replicas)).toBeGreaterThanOrEqual(2);
  });

  it('builds from Dockerfiles that exist', () => {
    const builds = Object.entries(services).filter(([, service]) => service.build !== undefined);
    expect(builds.map(([name]) => name)).toEqual(expect.arrayContaining(['api', 'worker']));
    for (const [name, service] of builds) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build!;
      const context = join(repoRoot, build.context ?? '.');
      const dockerfile = join(context, build.dockerfile ?? 'Dockerfile');
      expect(existsSync(context), `${name}: build context ${context}`).toBe(true);
      expect(existsSync(dockerfile), `${name}: dockerfile ${dockerfile}`).toBe(true);
    }
  });

  it.each(['api', 'worker'])('builds the %s service from the root Dockerfile with APP set to its app', (name) => {
    const build = services[name]!.build;
    expect(typeof build === 'object' && build !== null, `${name}: build as a mapping`).toBe(true);
    const { context, dockerfile, args } = build as Exclude<ComposeService['build'], string | undefined>;
    expect(join(repoRoot, context ?? '.', dockerfile ?? 'Dockerfile')).toBe(join(repoRoot, 'Dockerfile'));
    const app = Array.isArray(args) ? args.find((arg) => arg.startsWith('APP='))?.slice('APP='.length) : args?.APP;
    expect(app, `${name}: build.args.APP`).toBe(name);
    expect(existsSync(join(repoRoot, 'apps', name, 'src', 'main.ts')), `apps/${name}/src/main.ts`).toBe(true);
  });

  it('has a stage per app and runs the app APP names', () => {
    const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    expect(text).toMatch(/^ARG APP\s*$/m);
    expect(text).toMatch(/^FROM app-\$\{APP\}\s*$/m);
    expect(text).toMatch(/^FROM \S+ AS app-api\s*$/m);
    expect(text).toMatch(/^FROM \S+ AS app-worker\s*$/m);
    const cmd = text.match(/^CMD (.+)$/gm) ?? [];
    expect(cmd).toHaveLength(1);
    // exec: node replaces the shell, so it gets the stop signal and shuts down cleanly.
    expect(cmd[0]).toMatch(/exec node \\?"?apps\/\$\{APP\}\/dist\/main\.js/);
  });

  it('copies every workspace manifest into the Dockerfile before npm ci', () => {
    const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    // The first `npm ci`, also in a RUN instruction that continues over several lines (--mount flags).
    const install = text.search(/^RUN\b[^\n]*(?:\\\n[^\n]*)*npm ci/m);
    expect(install, 'a RUN npm ci').toBeGreaterThan(0);
    const beforeInstall = text.slice(0, install);
    // The sources of each COPY: every word but the flags and the destination.
    const copied = [...beforeInstall.matchAll(/^COPY\s+(.+)$/gm)].flatMap((match) =>
      match[1]!.trim().split(/\s+/).filter((word) => !word.startsWith('--')).slice(0, -1),
    );
    const manifests = workspaceManifests();
    expect(manifests).toContain('apps/api/package.json');
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', ...manifests]));
  });

  it('pins every image tag', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image === undefined) continue;
      expect(service.image, name).toMatch(/:[\w][\w.-]*$/);
      expect(service.image, name).not.toMatch(/:latest$/);
    }
  });

  it('registers the search attributes the workflows use', () => {
    const setup = services['temporal-setup'];
    expect(setup, 'a temporal-setup service registers the search attributes').toBeDefined();
    const script = [setup!.command ?? []].flat().join('\n');
    const cliType: Record<string, string> = { KEYWORD: 'Keyword', KEYWORD_LIST: 'KeywordList' };
    for (const { name, type } of Object.values(SEARCH_ATTRIBUTES)) {
      expect(script).toContain(`${name}:${cliType[type] ?? type}`);
    }
  });
});

describe('.env.example', () => {
  it('exists and names only variables declared in libs/config', () => {
    expect(existsSync(envExamplePath), 'the README sends deployers to .env.example').toBe(true);
    const names = dotenvNames(readFileSync(envExamplePath, 'utf8'));
    expect(names.length).toBeGreaterThan(0);
    expect(unknownVariables(names)).toEqual([]);
  });
});
