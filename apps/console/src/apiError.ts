/**
 * Turns the API's error body `{statusCode, code, message, errors?}` into a react-admin HttpError.
 *
 * Two audiences read it:
 * - notifications show `error.message`, so the message carries the field errors too, in words;
 * - react-admin forms read `error.body.errors` and put each message under its input; the
 *   `root.serverError` entry is what react-admin notifies when a form comes back invalid.
 */
import { HttpError } from 'react-admin';

export type FieldErrors = Record<string, string>;

export interface ApiErrorBody {
  statusCode: number;
  code?: string;
  message: string;
  errors?: FieldErrors;
  /** From the answer's Retry-After header (a refusal that ends by itself, such as a sign-in lockout). */
  retryAfterSeconds?: number;
}

/** Keys the API uses for errors that belong to no single field. */
const NON_FIELD_KEYS = new Set(['', '_', 'root']);

export function toHttpError(status: number, statusText: string, json: unknown, retryAfter: string | null = null): HttpError {
  const body = { ...readApiErrorBody(status, statusText, json), ...retryAfterOf(retryAfter) };
  const fieldErrors = Object.entries(body.errors ?? {}).filter(([field]) => !NON_FIELD_KEYS.has(field));
  const message = describeError(body.message, body.errors ?? {});
  const formErrors =
    fieldErrors.length > 0 ? { ...Object.fromEntries(fieldErrors), root: { serverError: message } } : undefined;
  return new HttpError(message, status, { ...body, message, errors: formErrors, fieldErrors: body.errors ?? {} });
}

/** Retry-After in whole seconds (the API never sends the HTTP-date form). */
function retryAfterOf(header: string | null): { retryAfterSeconds?: number } {
  return header !== null && /^\d{1,9}$/.test(header.trim()) ? { retryAfterSeconds: Number(header.trim()) } : {};
}

/** What an error thrown by the data or auth provider says of itself: its status, message and Retry-After. */
export function errorBodyOf(error: unknown): Pick<ApiErrorBody, 'statusCode' | 'message' | 'retryAfterSeconds'> | null {
  if (!(error instanceof HttpError)) return null;
  const body = error.body as Partial<ApiErrorBody> | undefined;
  return { statusCode: error.status, message: error.message, ...(typeof body?.retryAfterSeconds === 'number' ? { retryAfterSeconds: body.retryAfterSeconds } : {}) };
}

/** "goals.0.dueDate" reads better as "goals #1 dueDate" in a sentence. */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part))
    .join(' ');
}

function describeError(message: string, errors: FieldErrors): string {
  const details = Object.entries(errors).map(([field, text]) =>
    NON_FIELD_KEYS.has(field) ? text : `${fieldLabel(field)}: ${text}`,
  );
  return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}

function readApiErrorBody(status: number, statusText: string, json: unknown): ApiErrorBody {
  if (typeof json !== 'object' || json === null) {
    return { statusCode: status, message: statusText || `Request failed (${status})` };
  }
  const raw = json as Record<string, unknown>;
  // NestJS's own errors (e.g. a route-level 404) may carry a list of messages.
  const message = Array.isArray(raw.message)
    ? raw.message.map(String).join('; ')
    : typeof raw.message === 'string' && raw.message !== ''
      ? raw.message
      : statusText || `Request failed (${status})`;
  return {
    statusCode: typeof raw.statusCode === 'number' ? raw.statusCode : status,
    code: typeof raw.code === 'string' ? raw.code : undefined,
    message,
    errors: isFieldErrors(raw.errors) ? raw.errors : undefined,
  };
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((text) => typeof text === 'string')
  );
}

/** The field messages of an error thrown by the data provider, whatever shape it has. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof HttpError && isFieldErrors((error.body as { fieldErrors?: unknown } | undefined)?.fieldErrors)) {
    return (error.body as { fieldErrors: FieldErrors }).fieldErrors;
  }
  return {};
}

/** A message fit for a notification, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong';
}
