/** The OpenAPI document describes task completion per kind, from the catalogue. */
import { DATA_TASK_KINDS, TASK_KINDS } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import { FORMULA_STARTS_TEXT } from './audit/csv.js';
import { API_ERROR_CODES } from './http/api-error.js';
import { buildOpenApiDocument } from './openapi.js';

type Schemas = Record<string, { properties: Record<string, { oneOf?: { title: string; required?: string[] }[]; description?: string }> }>;

describe('the OpenAPI document', () => {
  const schemas = (buildOpenApiDocument() as { components: { schemas: Schemas } }).components.schemas;

  it('documents the data of every kind completed with data, one alternative each', () => {
    const alternatives = schemas.CompleteTask!.properties.data!.oneOf!;
    expect(alternatives.map((alternative) => alternative.title)).toEqual([...DATA_TASK_KINDS]);
    expect(alternatives.find((alternative) => alternative.title === 'REPORT_MEASUREMENT')?.required).toEqual(['values']);
  });

  it('names the context of every kind on the task', () => {
    const context = schemas.Task!.properties.context!.description!;
    for (const kind of TASK_KINDS) expect(context).toContain(`${kind}:`);
  });

  it('says what the export guards in CSV cells, and that a busy server answers 503 SERVER.BUSY', () => {
    const paths = (buildOpenApiDocument() as { paths: Record<string, Record<string, { description: string; responses: Record<string, { description: string }> }>> }).paths;
    const exportOperation = paths['/api/partnerships/{id}/export']!.get!;
    expect(exportOperation.description).toContain(`a cell that starts with ${FORMULA_STARTS_TEXT} is prefixed`);
    expect(exportOperation.responses['503']!.description).toContain(API_ERROR_CODES.busy);
  });

  it('documents the refusals of sign-in throttling, with Retry-After', () => {
    const login = (buildOpenApiDocument() as { paths: Record<string, { post?: { responses: Record<string, { description: string; headers?: Record<string, unknown> }> } }> }).paths['/api/auth/login']!.post!;
    expect(login.responses['429']!.description).toContain(API_ERROR_CODES.lockedOut);
    expect(login.responses['429']!.description).toContain(API_ERROR_CODES.rateLimited);
    expect(login.responses['429']!.headers).toHaveProperty('Retry-After');
  });

  it('declares every parameter its paths name, so the document is valid and "Try it out" can send them', () => {
    const paths = (buildOpenApiDocument() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }).paths;
    for (const [path, operations] of Object.entries(paths)) {
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(operations)) {
        const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
        expect(declared, `${method.toUpperCase()} ${path}`).toEqual(named);
      }
    }
  });

  it('documents a 503 with Retry-After on every operation but liveness, naming all three dependencies on each command', () => {
    type Operation = { responses: Record<string, { description: string; headers?: Record<string, unknown> }> };
    const paths = (buildOpenApiDocument() as { paths: Record<string, Record<string, Operation>> }).paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/health', '/api/health/live', '/api/health/ready']));
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const unavailable = operation.responses['503'];
        if (path === '/api/health/live') {
          expect(unavailable, path).toBeUndefined();
          continue;
        }
        expect(unavailable?.headers, `${method.toUpperCase()} ${path}`).toHaveProperty('Retry-After');
      }
    }
    const commands = [paths['/api/partnerships']!.post!, paths['/api/partnerships/{id}/commands']!.post!, paths['/api/tasks/{id}/complete']!.post!];
    for (const command of commands) {
      for (const code of [API_ERROR_CODES.temporalUnavailable, API_ERROR_CODES.workerUnavailable, API_ERROR_CODES.databaseUnavailable]) {
        expect(command.responses['503']!.description).toContain(code);
      }
    }
  });
});
