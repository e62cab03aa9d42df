/**
 * One error taxonomy for every broken rule. The kind is mapped to an HTTP status at the edge only
 * (rule → 422, conflict → 409, forbidden → 403, not_found → 404); the code is stable and documented.
 */
export type DomainErrorKind = 'rule' | 'conflict' | 'forbidden' | 'not_found';

export interface DomainErrorShape {
  kind: DomainErrorKind;
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export class DomainError extends Error implements DomainErrorShape {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  toJSON(): DomainErrorShape {
    return { kind: this.kind, code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }

  static isShape(value: unknown): value is DomainErrorShape {
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as Record<string, unknown>;
    return typeof candidate.code === 'string' && typeof candidate.kind === 'string' && typeof candidate.message === 'string';
  }
}

export const ruleBroken = (code: string, message: string, fields?: Record<string, string>) =>
  new DomainError('rule', code, message, fields);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
