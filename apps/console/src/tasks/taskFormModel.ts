/**
 * What the task forms collect and how their inputs become a completion's `data`. Inputs are held
 * as strings; checking goes through the kind's own schema in the task catalogue, so the console
 * and the API answer the same mistake with the same field key (`data.strategy`, `data.values.<kpiId>`).
 */
import {
  HEALTH_DIMENSIONS,
  parseTaskData,
  type DataTaskKind,
  type HealthDimension,
  type MeasurementContextKpi,
  type ReviewOutcome,
  type TaskDataOf,
  type TerminationOption,
} from '@pe/domain';

export type FieldErrors = Record<string, string>;
export type Converted<K extends DataTaskKind> = { data: TaskDataOf<K>; errors?: undefined } | { data?: undefined; errors: FieldErrors };

function checked<K extends DataTaskKind>(kind: K, candidate: unknown): Converted<K> {
  const result = parseTaskData(kind, candidate);
  return result.ok ? { data: result.data } : { errors: result.errors };
}

/** A number from a text input, or undefined for a blank (so the schema says what is missing). */
function numberOf(raw: string): number | string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

// --- HEALTH_CHECK ---

export type HealthCheckValues = Record<HealthDimension, string> & { recommend: string };
export const EMPTY_HEALTH_CHECK: HealthCheckValues = { strategy: '', operations: '', relationship: '', governance: '', recommend: '' };

export function toHealthCheckData(values: HealthCheckValues): Converted<'HEALTH_CHECK'> {
  const scores = Object.fromEntries(HEALTH_DIMENSIONS.map((dimension) => [dimension, numberOf(values[dimension])]));
  const recommend = numberOf(values.recommend);
  return checked('HEALTH_CHECK', recommend === undefined ? scores : { ...scores, recommend });
}

// --- REVIEW ---

export interface ReviewValues {
  outcome: ReviewOutcome | '';
  option: TerminationOption | '';
  reason: string;
  /** Goal rank → '' (not scored) or '-2'…'2'. */
  goalScores: Record<string, string>;
}
export const EMPTY_REVIEW: ReviewValues = { outcome: '', option: '', reason: '', goalScores: {} };

export function toReviewData(values: ReviewValues): Converted<'REVIEW'> {
  const goalScores = Object.fromEntries(
    Object.entries(values.goalScores)
      .map(([rank, raw]) => [rank, numberOf(raw)] as const)
      .filter(([, score]) => score !== undefined),
  );
  const proposing = values.outcome === 'propose_termination';
  // A revisit is proposed to the partners, who read why.
  const explained = proposing || values.outcome === 'revisit_priorities' || values.outcome === 'revisit_roles';
  const reason = values.reason.trim();
  return checked('REVIEW', {
    outcome: values.outcome === '' ? undefined : values.outcome,
    ...(Object.keys(goalScores).length > 0 ? { goalScores } : {}),
    ...(proposing && values.option !== '' ? { option: values.option } : {}),
    ...(explained && reason !== '' ? { reason } : {}),
  });
}

// --- REPORT_MEASUREMENT ---

/** KPI id → the value as typed. */
export type MeasurementValues = Record<string, string>;

export function toMeasurementData(kpis: readonly Pick<MeasurementContextKpi, 'id'>[], values: MeasurementValues): Converted<'REPORT_MEASUREMENT'> {
  return checked('REPORT_MEASUREMENT', { values: Object.fromEntries(kpis.map((kpi) => [kpi.id, numberOf(values[kpi.id] ?? '')])) });
}

/** "55 → 90 %" and whether higher is better. */
export function describeKpiRange(kpi: Pick<MeasurementContextKpi, 'baseline' | 'target' | 'unit' | 'direction'>): string {
  return `${kpi.baseline} → ${kpi.target} ${kpi.unit} (${kpi.direction === 'increase' ? 'higher is better' : 'lower is better'})`;
}

// --- RECORD_CHECK_IN ---

export interface CheckInActionValues {
  description: string;
  ownerId: string;
  dueOn: string;
}
export interface CheckInValues {
  heldOn: string;
  /** One name a line (commas also separate). */
  attendees: string;
  notes: string;
  actions: CheckInActionValues[];
}
export const EMPTY_CHECK_IN_ACTION: CheckInActionValues = { description: '', ownerId: '', dueOn: '' };

/** The attendees typed one a line (or with commas), blanks dropped. */
export function attendeeNames(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Every row is an action (the form removes rows), so `data.actions.<n>` errors land on row n. */
export function toCheckInData(values: CheckInValues): Converted<'RECORD_CHECK_IN'> {
  const actions = values.actions.map((action) => ({ description: action.description.trim(), ownerId: action.ownerId, dueOn: action.dueOn }));
  return checked('RECORD_CHECK_IN', { heldOn: values.heldOn, attendees: attendeeNames(values.attendees), notes: values.notes.trim(), actions });
}

/** Field errors no input of the form shows, so they are listed above the buttons instead of lost. */
export function unplacedErrors(errors: FieldErrors, placed: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([field]) => !placed.includes(field))
    .map(([field, message]) => (field === '_' || field === 'data' ? message : `${field}: ${message}`));
}

/** "0.75" → "75 %"; null → "—". */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)} %`;
}
