import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { fieldErrors } from '@pe/domain';
import { malformed } from './api-error.js';

/** Validates a body or query against a zod schema: 400 with a message per field when it fails. */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const nul = pathOfNul(value);
    if (nul !== null) throw malformed({ [nul || '_']: 'must not contain the NUL character (\\u0000)' });
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw malformed(fieldErrors(result.error));
    return result.data;
  }
}

export const validated = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);

/** PostgreSQL stores no NUL character in text or jsonb: refuse it here rather than fail on write. */
function pathOfNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = pathOfNul(item, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
