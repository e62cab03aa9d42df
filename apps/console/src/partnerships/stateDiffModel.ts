/**
 * The diff of two moments as lines people read: "Goal 2 target 40 → 35 by Cora Coordinator on
 * 3 March 2026". The API names paths by keys (goals by rank, KPIs by id); here they become words.
 */
import type { NamedStateDiff } from '@pe/domain';

export type DiffChange = NamedStateDiff['changes'][number];

export interface ChangeLine {
  key: string;
  text: string;
  /** The events that made the change, for the line's caption: "#3 GoalsRecorded". */
  events: string;
}

export interface DiffWording {
  /** A KPI's name by id; the path carries only the id. */
  kpiName?: (kpiId: string) => string | undefined;
  /** The calendar day of an instant, as the reader's locale writes it. */
  day?: (iso: string) => string;
}

/** Collections whose items the path keys by identity, and how one item is called. */
const ITEM_NOUNS: Record<string, string> = {
  goals: 'Goal',
  kpis: 'KPI',
  stakeholders: 'Stakeholder',
  openTasks: 'Task',
  listeningSessions: 'Listening session',
  measurements: 'Measurement',
  healthChecks: 'Health check',
  reviews: 'Review',
  roles: 'Role',
  resources: 'Resource',
  goalAttainment: 'Goal attainment',
};

const FIELD_WORDS: Record<string, string> = { kpis: 'KPIs', openTasks: 'open tasks', dueAt: 'due', dueDate: 'due date', kpiId: 'KPI', goalRank: 'goal' };

const MAX_VALUE = 60;

export function changeLines(diff: Pick<NamedStateDiff, 'changes'>, wording: DiffWording = {}): ChangeLine[] {
  return diff.changes.map((change) => ({
    key: change.path,
    text: `${subjectOf(change, wording)} ${whatHappened(change)}${byWhom(change, wording)}`,
    events: change.causedBy.map((cause) => `#${cause.sequence} ${cause.type}`).join(', '),
  }));
}

/** "Goal 2 target", "KPI Readmissions baseline", "Priorities status". */
function subjectOf(change: DiffChange, { kpiName }: DiffWording): string {
  const [field = '', ...rest] = change.segments;
  const noun = ITEM_NOUNS[field];
  const words: string[] = [];
  let tail = rest;
  if (noun !== undefined && rest.length > 0) {
    const [key = ''] = rest;
    const name = field === 'kpis' ? (kpiName?.(key) ?? key) : field === 'goals' ? key : field === 'openTasks' ? '' : Number.isInteger(Number(key)) ? String(Number(key) + 1) : key;
    words.push(name ? `${noun} ${name}` : noun);
    tail = rest.slice(1);
  } else {
    words.push(fieldWords(field));
  }
  words.push(...tail.map(fieldWords));
  const subject = words.join(' ');
  return subject.charAt(0).toUpperCase() + subject.slice(1);
}

function whatHappened(change: DiffChange): string {
  if (change.kind === 'added') return `added${described(change.after)}`;
  if (change.kind === 'removed') return `removed${described(change.before)}`;
  return `${valueText(change.before)} → ${valueText(change.after)}`;
}

/** Every event that touched the change, each with its actor and day. */
function byWhom(change: DiffChange, { day = calendarDay }: DiffWording): string {
  if (change.causedBy.length === 0) return '';
  return ` by ${change.causedBy.map((cause) => `${cause.actorName ?? (cause.actor.kind === 'system' ? 'the system' : cause.actor.userId)} on ${day(cause.at)}`).join(', then ')}`;
}

function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A whole item added or removed reads by its title or name. */
function described(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const item = value as Record<string, unknown>;
    const label = [item.title, item.name, item.reason].find((candidate) => typeof candidate === 'string' && candidate !== '');
    return typeof label === 'string' ? `: ${truncate(label)}` : '';
  }
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? '' : `: ${valueText(value)}`;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : truncate(value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', '));
  if (typeof value === 'string') return value === '' ? 'empty' : `“${truncate(value)}”`;
  if (typeof value === 'object') return truncate(JSON.stringify(value));
  return String(value);
}

function truncate(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
}

function calendarDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * What a person types for a moment, as the API's `from`/`to`: "12" or "#12" is an event, anything
 * else a date and time in the reader's zone (a datetime-local value), sent as an ISO instant.
 * Unreadable input goes as typed, so the API's 400 names the field.
 */
export function momentParam(input: string): string {
  const trimmed = input.trim().replace(/^#/, '');
  if (/^\d+$/.test(trimmed)) return trimmed;
  const date = new Date(trimmed);
  return trimmed === '' || Number.isNaN(date.getTime()) ? input.trim() : date.toISOString();
}

export type MomentProblems = Partial<Record<'from' | 'to', string>>;

/** The API's 400 names `from` or `to`; that message belongs under its field, not in a toast. */
export function momentProblems(error: unknown): MomentProblems | null {
  const body = typeof error === 'object' && error !== null ? (error as { body?: { fieldErrors?: Record<string, unknown> } }).body : undefined;
  const problems: MomentProblems = {};
  for (const field of ['from', 'to'] as const) {
    const message = body?.fieldErrors?.[field];
    if (typeof message === 'string') problems[field] = message;
  }
  return Object.keys(problems).length > 0 ? problems : null;
}
