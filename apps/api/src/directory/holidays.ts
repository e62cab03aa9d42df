/**
 * Public holidays by country, from date-holidays (a maintained library of ~200 countries' rules).
 * Only the API loads it: the dates it computes travel to the partnerships in commands and are
 * recorded as events, so the workflow never bundles the library and a replay never depends on its
 * version (decision 0020). Countries are ISO 3166-1 alpha-2 codes; only the national (country-wide)
 * public holidays count, not regional, bank, school or optional days.
 */
import Holidays from 'date-holidays';
import { HOLIDAY_YEARS, type HolidayCalendar, type HolidayCalendars } from '@pe/domain';
import type { DataSource } from 'typeorm';
import { organizationCountries } from '@pe/persistence';

let countries: Record<string, string> | null = null;

/** Code → English name of every country the library knows, sorted by name. */
export function knownCountries(): Record<string, string> {
  countries ??= Object.fromEntries(Object.entries(new Holidays().getCountries('en')).sort(([, a], [, b]) => a.localeCompare(b)));
  return countries;
}

/** Why this country code cannot be used, or null when it can. */
export function countryProblem(code: string): string | null {
  return code in knownCountries() ? null : `${code} is not a country the holiday calendar knows (ISO 3166-1 alpha-2, such as DE or FR)`;
}

/** The country's public holidays for the year of `now` and the next ones (HOLIDAY_YEARS in all). */
export function holidayCalendar(country: string, now: Date): HolidayCalendar {
  const fromYear = now.getUTCFullYear();
  const toYear = fromYear + HOLIDAY_YEARS - 1;
  const holidays = new Holidays(country);
  const dates = new Set<string>();
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const holiday of holidays.getHolidays(year) || []) if (holiday.type === 'public') dates.add(holiday.date.slice(0, 10));
  }
  return { country, fromYear, toYear, dates: [...dates].sort() };
}

/**
 * The calendars of these organizations that have a country (those without one are left out: weekends
 * only). `withNull` names the country-less ones as null too, for a refresh that must clear a calendar.
 */
export async function calendarsOf(db: DataSource, organizationIds: readonly string[], now: Date, { withNull = false } = {}): Promise<HolidayCalendars> {
  const countryOf = await organizationCountries(db, [...organizationIds]);
  const calendars: HolidayCalendars = {};
  for (const organizationId of organizationIds) {
    const country = countryOf.get(organizationId) ?? null;
    if (country) calendars[organizationId] = holidayCalendar(country, now);
    else if (withNull) calendars[organizationId] = null;
  }
  return calendars;
}
