/**
 * The rules behind the screens that look across partnerships: what one person did everywhere, and
 * every partnership's log verified at once. Pure, so they are tested without a browser.
 */
import { PARTNERSHIP_EVENT_TYPES, summarizeVerifications, verificationProblems, type LogVerdict, type PartnershipVerification, type VerificationPage, type VerificationSummary } from '@pe/domain';
import { eventTypeLabel } from '../partnerships/timelineModel';

/** The address of one person's activity, for links from wherever that person is named. */
export function activityPath(actorId: string): string {
  return `/events?filter=${encodeURIComponent(JSON.stringify({ actorId }))}`;
}

export const eventTypeChoices = PARTNERSHIP_EVENT_TYPES.map((type) => ({ id: type, name: eventTypeLabel(type) })).sort((a, b) => a.name.localeCompare(b.name));

/** What a run of "verify all" has gathered so far, page after page. */
export interface VerificationRun {
  rows: PartnershipVerification[];
  /** Every partnership the person may see, as the newest page counted them. */
  total: number;
  /** When the first page was checked; null before. */
  startedAt: string | null;
  /** The cursor of the page still to verify; null once every page is in. */
  next: string | null;
  done: boolean;
}

export const EMPTY_RUN: VerificationRun = { rows: [], total: 0, startedAt: null, next: null, done: false };

export function withPage(run: VerificationRun, page: VerificationPage): VerificationRun {
  return { rows: [...run.rows, ...page.partnerships], total: page.total, startedAt: run.startedAt ?? page.checkedAt, next: page.next, done: page.next === null };
}

/** The counts over everything verified so far: the domain's own sum over the rows, not a second one. */
export function runSummary(run: VerificationRun): VerificationSummary {
  return summarizeVerifications(run.rows);
}

/** What the table lists: the ones that did not verify, most serious first, then (when asked) the valid ones by name. */
export function rowsToShow(run: VerificationRun, withValid: boolean): PartnershipVerification[] {
  const problems = verificationProblems(run.rows);
  if (!withValid) return problems;
  return [...problems, ...run.rows.filter((row) => row.verdict === 'valid').sort((a, b) => a.name.localeCompare(b.name))];
}

/** Percent done for a progress bar; a person who may see no partnership is done at once. */
export function runProgress(run: VerificationRun): number {
  if (run.done || run.total === 0) return run.done ? 100 : 0;
  return Math.min(100, Math.round((run.rows.length / run.total) * 100));
}

export const VERDICT_LABELS: Record<LogVerdict, string> = {
  valid: 'Valid',
  broken: 'Broken',
  truncated: 'Truncated',
  forged: 'Forged checkpoint',
  unsigned: 'Unsigned events',
};

export const VERDICT_COLORS: Record<LogVerdict, 'success' | 'error' | 'warning'> = {
  valid: 'success',
  broken: 'error',
  truncated: 'error',
  forged: 'error',
  unsigned: 'warning',
};

/** One sentence on what the verification found in one partnership's log. */
export function findingText(row: PartnershipVerification): string {
  switch (row.verdict) {
    case 'broken':
      return `Event ${row.firstBrokenSequence ?? '?'} is not as it was written (edited, deleted, swapped or inserted)${row.missingSequences.length > 0 ? `; missing: ${missingList(row)}` : ''}`;
    case 'truncated':
      return `The log stops before its signed checkpoint at event ${row.checkpoint?.sequence ?? '?'}; missing: ${missingList(row) || 'the checkpoint’s event'}`;
    case 'forged':
      return `The newest checkpoint (event ${row.checkpoint?.sequence ?? '?'}) does not carry a valid signature of this deployment`;
    case 'unsigned':
      return `Events after the signed checkpoint were not written by the worker: ${sequenceList(row.unsignedSequences)}`;
    case 'valid':
      return row.checkpoint
        ? `${plural(row.events, 'event')}, chain whole, signed up to event ${row.checkpoint.sequence}`
        : `${plural(row.events, 'event')}, chain whole; no signed checkpoint yet`;
  }
}

/** The API lists the lowest missing sequences and counts them all: the rest are said as a number. */
function missingList(row: PartnershipVerification): string {
  const beyond = row.missingCount - row.missingSequences.length;
  return `${sequenceList(row.missingSequences)}${beyond > 0 && row.missingSequences.length > 0 ? ` and ${beyond.toLocaleString('en')} more` : ''}`;
}

/** "3, 4, 7–9": runs of consecutive sequences shortened. */
export function sequenceList(sequences: readonly number[]): string {
  const runs: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  const close = () => {
    if (start === undefined || previous === undefined) return;
    runs.push(start === previous ? String(start) : previous === start + 1 ? `${start}, ${previous}` : `${start}–${previous}`);
  };
  for (const sequence of [...sequences].sort((a, b) => a - b)) {
    if (previous !== undefined && sequence === previous + 1) {
      previous = sequence;
      continue;
    }
    close();
    start = sequence;
    previous = sequence;
  }
  close();
  return runs.join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
