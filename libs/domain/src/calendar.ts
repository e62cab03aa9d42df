/**
 * Whose public holidays a deadline skips. The API computes each organization's public holidays from
 * its country (a holiday library the workflow never loads) for a bounded span of years and sends the
 * dates in commands; the decider records them as events, so the history says exactly which holidays
 * moved a date, and replaying it needs no library (decision 0020).
 */
import type { Assignee } from './tasks.js';

/**
 * How many years, from the year a calendar is computed in, it covers: this one and the next nine, so
 * a partnership's terms and renewals stay within it (the span `calendarProblems` accepts at most).
 */
export const HOLIDAY_YEARS = 10;

/** One organization's public holidays, as the API computed them. */
export interface HolidayCalendar {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The years covered, first and last (inclusive); past them, only weekends are skipped. */
  fromYear: number;
  toYear: number;
  /** The public holidays, `YYYY-MM-DD`, ascending. */
  dates: string[];
}

/** Organization id → its calendar; null: no country, so weekends only. */
export type HolidayCalendars = Record<string, HolidayCalendar | null>;

const NO_HOLIDAYS: ReadonlySet<string> = new Set();

/**
 * The holidays a task's dates skip: an organization's task uses its organization's calendar (the
 * organization does the work, on its country's working days). A person's task — the coordinator's,
 * the sponsor's, the steering group's — uses none: those people serve a partnership across
 * organizations and countries, so only weekends are skipped, as before calendars existed.
 */
export function holidaysFor(calendars: HolidayCalendars | undefined, assignee: Assignee): ReadonlySet<string> {
  if (!calendars || assignee.kind !== 'organization') return NO_HOLIDAYS;
  const calendar = calendars[assignee.organizationId];
  return calendar ? new Set(calendar.dates) : NO_HOLIDAYS;
}

/** What is wrong with calendars a command carries, by field (none: empty). */
export function calendarProblems(calendars: HolidayCalendars, field: string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [organizationId, calendar] of Object.entries(calendars)) {
    if (calendar === null) continue;
    const at = `${field}.${organizationId}`;
    if (!/^[A-Z]{2}$/.test(calendar.country)) problems[`${at}.country`] = 'must be an ISO 3166-1 alpha-2 code';
    if (!Number.isInteger(calendar.fromYear) || !Number.isInteger(calendar.toYear) || calendar.toYear < calendar.fromYear || calendar.toYear - calendar.fromYear >= HOLIDAY_YEARS) {
      problems[`${at}.toYear`] = `must be a span of at most ${HOLIDAY_YEARS} years`;
    }
    const outside = calendar.dates.find((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number(date.slice(0, 4)) < calendar.fromYear || Number(date.slice(0, 4)) > calendar.toYear);
    if (outside !== undefined) problems[`${at}.dates`] = `${outside} is not a date within ${calendar.fromYear}–${calendar.toYear}`;
  }
  return problems;
}
