/**
 * A datetime-local input shows and takes the reader's own minute ("YYYY-MM-DDTHH:mm"); the API
 * speaks ISO instants. Every conversion between the two lives here.
 */

/** The instant (ISO) a date-time input's value means: a Date or its local "YYYY-MM-DDTHH:mm"; null when empty or invalid. */
export function instantOfInput(raw: unknown): string | null {
  const date = raw instanceof Date ? raw : typeof raw === 'string' && raw !== '' ? new Date(raw) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/**
 * A local minute as the instant it bounds in a time range: "from 10:30" starts at 10:30:00.000,
 * "to 10:30" runs through 10:30:59.999, so what happened at 10:30:40 is kept. Empty or unreadable
 * input is no bound (null).
 */
export function instantOfLocalMinute(raw: unknown, end: 'from' | 'to'): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) return null;
  if (end === 'to' && /T\d{2}:\d{2}$/.test(raw)) date.setSeconds(59, 999);
  return date.toISOString();
}

/** An instant as the local "YYYY-MM-DDTHH:mm" a datetime input shows; '' for none. */
export function toLocalInputValue(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
