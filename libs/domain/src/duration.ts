/**
 * ISO-8601 durations (PnYnMnWnDTnHnMnS, fractions allowed on the last unit) to milliseconds.
 * Years and months have no fixed length; for timers they count as 365 and 30 days.
 */
const PATTERN =
  /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_MS = [365 * DAY, 30 * DAY, 7 * DAY, DAY, HOUR, MINUTE, SECOND] as const;

export function parseDuration(text: string): number | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  let total = 0;
  UNIT_MS.forEach((unit, index) => {
    const part = match[index + 1];
    if (part !== undefined) total += Number(part.replace(',', '.')) * unit;
  });
  return Math.round(total);
}

export function isDuration(text: string): boolean {
  return parseDuration(text) !== null;
}

export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === null) throw new Error(`Not an ISO-8601 duration: ${text}`);
  return ms;
}

/** The UTC date of an instant, as a holiday calendar lists it. */
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * `from` plus a duration. Whole-day durations count business days (Monday to Friday, UTC, and not
 * one of `holidays`), as the escalation rule says "overdue by five business days"; anything with
 * hours or less is added as is. Without holidays, weekends alone are skipped, as before calendars.
 */
export function addBusinessDuration(from: number, duration: string, holidays: ReadonlySet<string> = new Set()): number {
  const ms = durationMs(duration);
  const wholeDays = !duration.includes('T') && ms % DAY === 0;
  if (!wholeDays) return from + ms;
  let remaining = ms / DAY;
  let at = from;
  while (remaining > 0) {
    at += DAY;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(dayOf(at))) remaining -= 1;
  }
  return at;
}

/**
 * When a task opened at `from` falls due: a window of calendar days (weekends count, as they always
 * have), where a public holiday in `holidays` does not count, so each one the window spans moves the
 * due date a day later. A window with hours or less, or no holidays, is added as is.
 */
export function addTaskWindow(from: number, duration: string, holidays: ReadonlySet<string> = new Set()): number {
  const ms = durationMs(duration);
  const wholeDays = !duration.includes('T') && ms % DAY === 0;
  if (!wholeDays || holidays.size === 0) return from + ms;
  let remaining = ms / DAY;
  let at = from;
  while (remaining > 0) {
    at += DAY;
    if (!holidays.has(dayOf(at))) remaining -= 1;
  }
  return at;
}

const WORD_UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

const counted = (amount: number, unit: string) => `${amount} ${unit}${amount === 1 ? '' : 's'}`;

/**
 * An ISO-8601 duration as people say it: "P7D" → "7 days", "P3DT12H" → "3 days 12 hours",
 * "P2M" → "2 months". Months and years stay months and years (no conversion to days), because
 * that is how the policy was written. Text that is not a duration comes back unchanged.
 */
export function durationInWords(text: string): string {
  const match = PATTERN.exec(text);
  if (!match) return text;
  const parts = WORD_UNITS.flatMap((unit, index) => {
    const part = match[index + 1];
    if (part === undefined) return [];
    const amount = Number(part.replace(',', '.'));
    return amount === 0 ? [] : [counted(amount, unit)];
  });
  return parts.length > 0 ? parts.join(' ') : counted(0, 'second');
}

/**
 * A span of milliseconds in words, rounded to the largest unit that fits (weeks are left out:
 * "10 days" reads better than "1 week 3 days"); e.g. 90 000 → "2 minutes", 3 days → "3 days".
 */
export function millisecondsInWords(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'an unknown time';
  if (ms < MINUTE) return counted(Math.round(ms / SECOND), 'second');
  if (ms < 2 * HOUR) return counted(Math.round(ms / MINUTE), 'minute');
  if (ms < 2 * DAY) return counted(Math.round(ms / HOUR), 'hour');
  return counted(Math.round(ms / DAY), 'day');
}
