import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { fieldErrors } from '@pe/domain';
import { malformed } from './api-error.js';
import { inputProblem } from './nul-check.js';

/** Validates a body or query against a zod schema: 400 with a message per field when it fails. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const problem = inputProblem(value);
    if (problem) throw malformed({ [problem.path]: problem.message });
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw malformed(fieldErrors(result.error));
    return result.data;
  }
}

export const validated = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);
