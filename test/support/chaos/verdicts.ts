/**
 * The chaos audit's judgements, apart from how their facts are gathered, so each can be shown to
 * fail (verdicts.unit.spec.ts). Each answers a list of problems, empty when all holds.
 */
import { reminderAt, type PartnershipPolicy } from '@pe/domain';
import type { AppliedCommand } from './load.js';

/** Each partnership's log runs 1..n with nothing missing, repeated or out of place. */
export function gapsIn(partnershipIds: string[], sequencesOf: Map<string, number[]>): string[] {
  return partnershipIds.flatMap((id) => {
    const sequences = sequencesOf.get(id) ?? [];
    if (sequences.length === 0) return [`${id}: no events`];
    const first = sequences.findIndex((sequence, index) => sequence !== index + 1);
    return first < 0 ? [] : [`${id}: sequence ${sequences[first]} at position ${first + 1} (the log must run 1..${sequences.length})`];
  });
}

export interface LoggedCommand {
  partnershipId: string;
  sequence: number;
  /** The stakeholder's name, unique to the command that added it. */
  name: string;
}

/** Every acknowledged command is in the log once, where its answer said; nothing else of the run's is. */
export function notExactlyOnce(applied: AppliedCommand[], logged: LoggedCommand[]): string[] {
  const found = new Map<string, LoggedCommand[]>();
  for (const event of logged) found.set(event.name, [...(found.get(event.name) ?? []), event]);
  const problems: string[] = [];
  const intended = new Set<string>();
  for (const command of applied) {
    intended.add(command.name);
    const events = found.get(command.name) ?? [];
    const [only] = events;
    if (events.length !== 1 || only?.partnershipId !== command.partnershipId || only.sequence !== command.sequence) {
      const where = events.map((event) => `${event.partnershipId}#${event.sequence}`).join(', ') || 'nowhere';
      problems.push(`${command.key}: answered as ${command.partnershipId}#${command.sequence} after ${command.attempts} attempt(s), in the log ${events.length} time(s) (${where})`);
    }
  }
  for (const [name, events] of found) if (!intended.has(name)) problems.push(`"${name}" is in the log (${events.length}×) but no client was told it was applied`);
  return problems;
}

/** The workflow never runs ahead of (or behind) its log: nothing it decided was lost. */
export function workflowsApartFromLog(versions: Map<string, number>, sequencesOf: Map<string, number[]>): string[] {
  return [...versions].flatMap(([id, version]) => {
    const head = sequencesOf.get(id)?.at(-1) ?? 0;
    return version === head ? [] : [`${id}: the workflow is at version ${version}, the log ends at ${head}`];
  });
}

/** Rows keyed by identity, each as JSON: what a projection table holds. */
export type Rows = Map<string, string>;

/** The projections as written equal the ones folded again from the log, row for row. */
export function rowsApart(table: string, projected: Rows, rebuilt: Rows): string[] {
  const problems: string[] = [];
  for (const [key, row] of projected) {
    const expected = rebuilt.get(key);
    if (expected === undefined) problems.push(`${table} ${key}: projected, but the log gives no such row`);
    else if (expected !== row) problems.push(`${table} ${key}: projected ${row.slice(0, 400)} but the log gives ${expected.slice(0, 400)}`);
  }
  for (const key of rebuilt.keys()) if (!projected.has(key)) problems.push(`${table} ${key}: the log gives this row but it was never projected`);
  return problems;
}

export interface RemindedTask {
  id: string;
  openedAt: string;
  dueAt: string;
  policy: PartnershipPolicy;
  /** The `reminder` number of each ReminderSent for it, in log order. */
  sent: number[];
}

/**
 * Each reminder fired once: the numbers rise with no repeat and the last is the number due by `now`
 * (reminders missed while nothing ran go out as one, by design).
 */
export function remindersNotOnce(tasks: RemindedTask[], now: number): string[] {
  return tasks.flatMap((task) => {
    let due = 0;
    while (reminderAt(task, task.policy, due) <= now) due += 1;
    const rising = task.sent.every((number, index) => index === 0 || number > task.sent[index - 1]!);
    return rising && (task.sent.at(-1) ?? 0) === due ? [] : [`${task.id}: ${due} reminder(s) due by now, the log sent reminder numbers [${task.sent.join(', ')}]`];
  });
}
