import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { malformed } from './api-error.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** The optional Idempotency-Key header: the same key twice has one effect and the same answer. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().header('idempotency-key');
  if (value === undefined || value === '') return undefined;
  if (!KEY_PATTERN.test(value)) {
    throw malformed({ 'Idempotency-Key': 'must be 1–100 characters: letters, digits, . _ : -' });
  }
  return value;
});
