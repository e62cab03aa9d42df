/**
 * What changed in a partnership between two points of its log, and which events did it. Both
 * states come from the one `fold`, so the diff shows exactly what the workflow and the projector
 * saw; the causes come from folding the events in between one at a time and diffing each step.
 */
import type { PartnershipEvent, PartnershipEventType } from './events.js';
import type { Actor } from './model.js';
import { evolve, fold, type PartnershipState } from './partnership.js';

export type SequencedPartnershipEvent = PartnershipEvent & { sequence: number };

/** A point of the log: after the event with this sequence (0: before any), or as of an instant. */
export type LogPoint = { sequence: number } | { at: string };

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ChangeCause {
  sequence: number;
  type: PartnershipEventType;
  at: string;
  actor: Actor;
}

export interface StateChange {
  /** Dotted, with array items keyed by their identity where they have one: "goals.2.target", "kpis.kpi-1.target". */
  path: string;
  /** The same path one key at a time: a key may itself hold a dot (task ids do). */
  segments: string[];
  kind: ChangeKind;
  /** null when added. */
  before: unknown;
  /** null when removed. */
  after: unknown;
  /** The events between the two points that touched this path, oldest first. */
  causedBy: ChangeCause[];
}

/** What the API answers: each cause with its actor's name as the directory knows it (null for the system). */
export interface NamedStateDiff extends Omit<StateDiff, 'changes'> {
  changes: (Omit<StateChange, 'causedBy'> & { causedBy: (ChangeCause & { actorName: string | null })[] })[];
}

export interface StateDiff {
  /** The newest event each point includes (0: none). */
  fromSequence: number;
  toSequence: number;
  changes: StateChange[];
}

/**
 * Items of these arrays are keyed by an identity that survives reordering and insertion, so a
 * path names the same goal or task before and after; other arrays of objects are keyed by index.
 */
const ITEM_KEYS: Record<string, (item: Record<string, unknown>) => unknown> = {
  goals: (goal) => goal.rank,
  kpis: (kpi) => kpi.id,
  stakeholders: (stakeholder) => stakeholder.id,
  openTasks: (task) => task.id,
  listeningSessions: (session) => session.id,
};

/** Bookkeeping every event moves; reporting it would bury the changes that mean something. */
const IGNORED_TOP_LEVEL = new Set(['version', 'updatedAt']);

/** How many of the (sequence-ordered) events a point includes. */
export function eventsUpTo(events: readonly SequencedPartnershipEvent[], point: LogPoint): number {
  if ('sequence' in point) return events.filter((event) => event.sequence <= point.sequence).length;
  const until = Date.parse(point.at);
  return events.filter((event) => Date.parse(event.at) <= until).length;
}

/** The changes from the state at `from` to the state at `to`; `from` must not come after `to`. */
export function diffStates(events: readonly SequencedPartnershipEvent[], from: LogPoint, to: LogPoint): StateDiff {
  const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
  const start = eventsUpTo(ordered, from);
  const end = Math.max(start, eventsUpTo(ordered, to));
  const before = fold(ordered.slice(0, start));

  const touched: { cause: ChangeCause; paths: string[] }[] = [];
  let state = before;
  for (const event of ordered.slice(start, end)) {
    const next = evolve(state, event);
    touched.push({ cause: { sequence: event.sequence, type: event.type, at: event.at, actor: event.actor }, paths: changesOf(state, next).map((change) => change.path) });
    state = next;
  }

  const changes = changesOf(before, state).map((change) => ({
    ...change,
    causedBy: touched.filter((step) => step.paths.some((path) => overlaps(path, change.path))).map((step) => step.cause),
  }));
  return { fromSequence: ordered[start - 1]?.sequence ?? 0, toSequence: ordered[end - 1]?.sequence ?? 0, changes };
}

/** One path lies within the other: a goal added covers the change of its target, and the reverse. */
const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

function changesOf(before: PartnershipState, after: PartnershipState): Omit<StateChange, 'causedBy'>[] {
  const changes: Omit<StateChange, 'causedBy'>[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (IGNORED_TOP_LEVEL.has(key)) continue;
    compare([key], key, (before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], changes);
  }
  return changes;
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const isAbsent = (value: unknown) => value === undefined || value === null;

function compare(segments: string[], field: string, before: unknown, after: unknown, changes: Omit<StateChange, 'causedBy'>[]): void {
  // evolve shares what it does not change, so most of a step's state is the same object.
  if (before === after || equal(before, after)) return;
  const path = segments.join('.');
  if (isAbsent(before)) return void changes.push({ path, segments, kind: 'added', before: null, after });
  if (isAbsent(after)) return void changes.push({ path, segments, kind: 'removed', before, after: null });
  if (isPlain(before) && isPlain(after)) return compareEntries(segments, entriesOf(before), entriesOf(after), changes);
  if (objectArrays(before, after)) return compareEntries(segments, itemsOf(field, before as Plain[]), itemsOf(field, after as Plain[]), changes);
  changes.push({ path, segments, kind: 'changed', before, after });
}

function compareEntries(segments: string[], before: Map<string, [string, unknown]>, after: Map<string, [string, unknown]>, changes: Omit<StateChange, 'causedBy'>[]): void {
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const field = before.get(key)?.[0] ?? after.get(key)?.[0] ?? key;
    compare([...segments, key], field, before.get(key)?.[1], after.get(key)?.[1], changes);
  }
}

/** key → [the field name that decides how its own items are keyed, value] */
function entriesOf(object: Plain): Map<string, [string, unknown]> {
  return new Map(Object.entries(object).map(([key, value]) => [key, [key, value]]));
}

function itemsOf(field: string, items: Plain[]): Map<string, [string, unknown]> {
  const identity = ITEM_KEYS[field];
  return new Map(items.map((item, index) => [String(identity?.(item) ?? index), [field, item]]));
}

/** Arrays of plain values (ids, options) are compared whole: an index of one says nothing. */
function objectArrays(before: unknown, after: unknown): boolean {
  return Array.isArray(before) && Array.isArray(after) && [...before, ...after].every(isPlain);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => equal(item, b[index]));
  if (isPlain(a) && isPlain(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    return keys.length === Object.keys(b).filter((key) => b[key] !== undefined).length && keys.every((key) => equal(a[key], b[key]));
  }
  return false;
}
