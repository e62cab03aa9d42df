/** Parses react-admin's `sort`, `range` and `filter` query parameters (each JSON) with clear 400s. */
import { z } from 'zod';
import type { ListParams, ListResult } from '@pe/persistence';
import type { Response } from 'express';
import { malformed } from './api-error.js';
import { inputProblem } from './nul-check.js';

const json = <S extends z.ZodType>(name: string, schema: S) =>
  z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined || text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: `${name} must be JSON` });
        return z.NEVER;
      }
    })
    .pipe(schema.optional());

const listQuerySchema = z.object({
  sort: json('sort', z.tuple([z.string().min(1), z.enum(['ASC', 'DESC'])])),
  range: json('range', z.tuple([z.number().int().min(0), z.number().int().min(0)])),
  filter: json('filter', z.record(z.string(), z.unknown())),
});

export function parseListQuery(query: unknown): ListParams {
  const result = listQuerySchema.safeParse(query ?? {});
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'query')] ??= issue.message;
    throw malformed(errors, 'The list parameters are malformed');
  }
  const { sort, range, filter } = result.data;
  const problem = inputProblem(filter);
  if (problem) throw malformed({ [`filter.${problem.path}`]: problem.message }, 'The list parameters are malformed');
  return { ...(sort ? { sort } : {}), ...(range ? { range } : {}), ...(filter ? { filter } : {}) };
}

/** Sends a list page with the Content-Range header react-admin reads. */
export function sendList<T>(response: Response, resource: string, page: ListResult<T>): T[] {
  response.setHeader('Content-Range', `${resource} ${page.start}-${page.end}/${page.total}`);
  return page.rows;
}
