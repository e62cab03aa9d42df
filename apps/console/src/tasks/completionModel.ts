/**
 * What the "Complete" dialog collects for the tasks that are completed with data rather than
 * approved or rejected, and how its inputs become the `data` of POST /api/tasks/:id/complete.
 * Pure: the dialog only holds strings; these helpers check and convert them.
 */
import {
  HEALTH_DIMENSIONS,
  REVIEW_OUTCOMES,
  TERMINATION_OPTIONS,
  type HealthDimension,
  type ReviewOutcome,
  type TaskKind,
  type TerminationOption,
} from '@pe/domain';
import type { TaskData } from './taskModel';

/** Kinds completed through the dialog. */
export const DATA_TASK_KINDS = ['REPORT_MEASUREMENT', 'HEALTH_CHECK', 'REVIEW', 'WIND_DOWN'] as const satisfies readonly TaskKind[];
export type DataTaskKind = (typeof DATA_TASK_KINDS)[number];

export function isDataTaskKind(kind: string): kind is DataTaskKind {
  return (DATA_TASK_KINDS as readonly string[]).includes(kind);
}

/** Field errors keyed like the API's (`data.strategy`, `data.values.<kpiId>`), so both land in one place. */
export type CompletionErrors = Record<string, string>;

export type Converted = { data: TaskData | undefined; errors?: undefined } | { data?: undefined; errors: CompletionErrors };

function converted(data: TaskData | undefined, errors: CompletionErrors): Converted {
  return Object.keys(errors).length > 0 ? { errors } : { data };
}

function integerIn(raw: string, min: number, max: number): number | undefined {
  const trimmed = raw.trim();
  if (!/^-?\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

// --- HEALTH_CHECK ---

export const HEALTH_DIMENSION_LABELS: Record<HealthDimension, string> = {
  strategy: 'Strategy',
  operations: 'Operations',
  relationship: 'Relationship',
  governance: 'Governance',
};

export type HealthCheckValues = Record<HealthDimension, string> & { recommend: string };

export const EMPTY_HEALTH_CHECK: HealthCheckValues = { strategy: '', operations: '', relationship: '', governance: '', recommend: '' };

export function toHealthCheckData(values: HealthCheckValues): Converted {
  const errors: CompletionErrors = {};
  const scores = {} as Record<HealthDimension, number>;
  for (const dimension of HEALTH_DIMENSIONS) {
    const score = integerIn(values[dimension], 1, 5);
    if (score === undefined) errors[`data.${dimension}`] = 'Score 1 to 5';
    else scores[dimension] = score;
  }
  let recommend: number | undefined;
  if (values.recommend.trim() !== '') {
    recommend = integerIn(values.recommend, 0, 10);
    if (recommend === undefined) errors['data.recommend'] = 'A whole number from 0 to 10, or leave it blank';
  }
  return converted(recommend === undefined ? scores : { ...scores, recommend }, errors);
}

// --- REVIEW ---

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  continue: 'Continue',
  revisit_priorities: 'Revisit the priorities',
  revisit_roles: 'Revisit the roles',
  propose_termination: 'Propose termination',
};

export const TERMINATION_OPTION_LABELS: Record<TerminationOption, string> = {
  renew: 'Renew',
  restructure: 'Restructure',
  hand_over: 'Hand over',
  exit: 'Exit',
};

export interface ReviewValues {
  outcome: ReviewOutcome | '';
  option: TerminationOption | '';
  reason: string;
}

export const EMPTY_REVIEW: ReviewValues = { outcome: '', option: '', reason: '' };

export function toReviewData(values: ReviewValues): Converted {
  const errors: CompletionErrors = {};
  const outcome = REVIEW_OUTCOMES.find((candidate) => candidate === values.outcome);
  if (!outcome) return converted(undefined, { 'data.outcome': 'Choose an outcome' });
  if (outcome !== 'propose_termination') return converted({ outcome }, errors);
  const option = TERMINATION_OPTIONS.find((candidate) => candidate === values.option);
  if (!option) errors['data.option'] = 'Choose what should happen to the partnership';
  const reason = values.reason.trim();
  if (!option) return converted(undefined, errors);
  return converted(reason === '' ? { outcome, option } : { outcome, option, reason }, errors);
}

// --- REPORT_MEASUREMENT ---

/** The KPI fields the dialog needs (a KpiDefined event's `kpi`). */
export interface KpiSummary {
  id: string;
  name: string;
  unit: string;
  ownerOrganizationId: string;
}

/** One row of the measurement form: a known KPI (fixed id) or a free "KPI id / value" pair. */
export interface MeasurementRow {
  kpiId: string;
  value: string;
  /** Present for KPIs read from the partnership: the row's id is then not editable. */
  kpi?: KpiSummary;
}

export function rowsForKpis(kpis: readonly KpiSummary[]): MeasurementRow[] {
  return kpis.length > 0 ? kpis.map((kpi) => ({ kpiId: kpi.id, value: '', kpi })) : [{ kpiId: '', value: '' }];
}

export function toMeasurementData(rows: readonly MeasurementRow[]): Converted {
  const errors: CompletionErrors = {};
  const values: Record<string, number> = {};
  rows.forEach((row, index) => {
    const kpiId = row.kpiId.trim();
    const blank = kpiId === '' && row.value.trim() === '';
    if (blank && !row.kpi) return;
    if (kpiId === '') {
      errors[`rows.${index}.kpiId`] = 'Which KPI?';
      return;
    }
    const value = row.value.trim() === '' ? Number.NaN : Number(row.value);
    if (!Number.isFinite(value)) errors[`data.values.${kpiId}`] = 'Enter a number';
    else if (kpiId in values) errors[`rows.${index}.kpiId`] = 'This KPI is listed twice';
    else values[kpiId] = value;
  });
  if (Object.keys(errors).length === 0 && Object.keys(values).length === 0) errors['rows.0.kpiId'] = 'Report at least one KPI';
  return converted({ values }, errors);
}

/** The fields of an event of the log that the KPI fold reads. */
export interface KpiEventLike {
  sequence: number;
  type: string;
  payload: unknown;
}

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Accepts the KPI list of a record (`kpis`, if the API ever sends it) when it is well formed. */
export function readKpis(value: unknown): KpiSummary[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item) => {
    const kpi = asObject(item);
    return typeof kpi.id === 'string' && typeof kpi.ownerOrganizationId === 'string'
      ? [{ id: kpi.id, name: String(kpi.name ?? kpi.id), unit: String(kpi.unit ?? ''), ownerOrganizationId: kpi.ownerOrganizationId }]
      : [];
  });
}

/**
 * The partnership's current KPIs, folded from its log the way the decider does: KpiDefined
 * adds or replaces, a renewal starts over, an organization leaving hands its KPIs on.
 */
export function kpisFromEvents(events: readonly KpiEventLike[]): KpiSummary[] {
  let kpis: KpiSummary[] = [];
  for (const event of [...events].sort((a, b) => a.sequence - b.sequence)) {
    const outer = asObject(event.payload);
    const data = 'data' in outer && typeof outer.data === 'object' ? asObject(outer.data) : outer;
    switch (event.type) {
      case 'KpiDefined': {
        const [kpi] = readKpis([data.kpi]) ?? [];
        if (kpi) kpis = [...kpis.filter((known) => known.id !== kpi.id), kpi];
        break;
      }
      case 'PartnershipRenewed':
        kpis = [];
        break;
      case 'OrganizationLeft': {
        const left = data.organizationId;
        const to = data.reassignTo;
        if (typeof to === 'string' && to !== '') {
          kpis = kpis.map((kpi) => (kpi.ownerOrganizationId === left ? { ...kpi, ownerOrganizationId: to } : kpi));
        }
        break;
      }
    }
  }
  return kpis;
}
