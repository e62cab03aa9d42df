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

/**
 * `from` plus a duration. Whole-day durations count business days (Monday to Friday, UTC), as the
 * escalation rule says "overdue by five business days"; anything with hours or less is added as is.
 */
export function addBusinessDuration(from: number, duration: string): number {
  const ms = durationMs(duration);
  const wholeDays = !duration.includes('T') && ms % DAY === 0;
  if (!wholeDays) return from + ms;
  let remaining = ms / DAY;
  let at = from;
  while (remaining > 0) {
    at += DAY;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining -= 1;
  }
  return at;
}

const UNIT_NAMES = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

const plural = (amount: number, unit: string) => `${amount} ${unit}${amount === 1 ? '' : 's'}`;

const joinWords = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`);

/**
 * An ISO-8601 duration as people say it: "P30D" → "30 days", "P1Y6M" → "1 year and 6 months".
 * The units are kept as written (a month stays a month); text that is no duration comes back as is.
 */
export function durationInWords(text: string): string {
  const match = PATTERN.exec(text);
  if (!match) return text;
  const parts = UNIT_NAMES.flatMap((unit, index) => {
    const part = match[index + 1];
    if (part === undefined) return [];
    const amount = Number(part.replace(',', '.'));
    return amount === 0 ? [] : [plural(amount, unit)];
  });
  return parts.length > 0 ? joinWords(parts) : 'no time';
}

/**
 * A span of milliseconds in its largest whole unit, rounded: 3 days, 5 hours, 40 seconds.
 * For "due in …" texts, where precision below the largest unit is noise.
 */
export function spanInWords(ms: number): string {
  const span = Math.abs(ms);
  const units: [number, string][] = [
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, unit] of units) if (span >= size) return plural(Math.round(span / size), unit);
  return plural(Math.round(span / SECOND), 'second');
}
