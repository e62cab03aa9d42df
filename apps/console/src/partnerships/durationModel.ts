/** Durations as people enter them (an amount and a unit) and as commands carry them (ISO-8601). */

/**
 * The units a person picks for a duration. A unit's id is the ISO-8601 designator, prefixed with
 * "T" for the time units (minutes and months are both "M" in ISO-8601). Notice periods and KPI
 * cadences are counted in days or more; the timers of a policy may also be hours, minutes, seconds.
 */
export const DURATION_UNITS = [
  { id: 'D', name: 'days' },
  { id: 'W', name: 'weeks' },
  { id: 'M', name: 'months' },
  { id: 'Y', name: 'years' },
] as const;
export const TIMER_DURATION_UNITS = [{ id: 'TS', name: 'seconds' }, { id: 'TM', name: 'minutes' }, { id: 'TH', name: 'hours' }, ...DURATION_UNITS] as const;
export type DurationUnit = (typeof TIMER_DURATION_UNITS)[number]['id'];
type DurationUnits = readonly { id: DurationUnit; name: string }[];

export interface DurationParts {
  amount?: number | string | null;
  unit?: DurationUnit | string | null;
}

/** 30 + days → "P30D", 15 + seconds → "PT15S"; incomplete input gives '' (the decider then names the field). */
export function toIsoDuration(parts: DurationParts | null | undefined): string {
  const amount = Number(parts?.amount);
  const unit = TIMER_DURATION_UNITS.find((candidate) => candidate.id === parts?.unit);
  if (!unit || !Number.isInteger(amount) || amount <= 0) return '';
  return unit.id.startsWith('T') ? `PT${amount}${unit.id.slice(1)}` : `P${amount}${unit.id}`;
}

/**
 * "P30D" → 30 + days, for a form that starts from what was recorded; a shape the offered units
 * cannot say as one amount (e.g. "P1DT2H", or seconds where only days and longer are offered) starts blank.
 */
export function fromIsoDuration(text: string | null | undefined, units: DurationUnits = DURATION_UNITS): DurationParts {
  const match = /^P(T?)(\d+)([SMHDWY])$/.exec(text ?? '');
  const unit = match ? `${match[1]}${match[3]}` : '';
  return match && units.some((candidate) => candidate.id === unit) ? { amount: Number(match[2]), unit } : { amount: null, unit: 'D' };
}
