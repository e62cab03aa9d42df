/**
 * The proof that a partnership's record is whole, in words: one verdict naming every fault with
 * its event number, then the four checks (hash chain, signed checkpoint, the cross-check against
 * Temporal run by run, determinism run by run). The API decides each check's outcome; this only
 * says it. Determinism may still be `pending` (the API replays long histories in the background):
 * the verdict then says what was found so far and since when the replay runs.
 */
import type { CheckOutcome, Determinism, EventDifference, ProofChecks, ProofReport, RunCheck, TemporalCrossCheck } from '@pe/domain';

/** MUI's alert and chip colours. */
export type Tone = 'success' | 'error' | 'warning' | 'info';

export interface Verdict {
  tone: Tone;
  title: string;
  /** Every fault found, each naming its events; or what could not be checked. */
  findings: string[];
}

export interface CheckView {
  id: keyof ProofChecks;
  title: string;
  outcome: string;
  tone: Tone;
  lines: string[];
  /** A value people compare character by character (the head hash), shown as code. */
  code?: { label: string; value: string };
  /** One entry per run of the workflow, oldest first (the two Temporal checks). */
  runs: RunLine[];
}

export interface RunLine {
  key: string;
  title: string;
  tone: Tone;
  lines: string[];
  /** What is wrong with this run's part, each naming its events. */
  faults: string[];
}

/** Formats an instant for people (the screen passes the browser's locale; tests a fixed one). */
export type When = (iso: string) => string;

const OUTCOME_WORDS: Record<CheckOutcome, { label: string; tone: Tone }> = {
  passed: { label: 'Passed', tone: 'success' },
  failed: { label: 'Failed', tone: 'error' },
  partial: { label: 'Partly checked', tone: 'warning' },
  pending: { label: 'Replaying…', tone: 'info' },
  unavailable: { label: 'Not checked', tone: 'info' },
};

const CHECK_TITLES: Record<keyof ProofChecks, string> = {
  chain: 'Hash chain',
  checkpoint: 'Signed checkpoint',
  crossCheck: 'Against Temporal’s history',
  determinism: 'Replayed by today’s workflow code',
};

const FIELD_WORDS: Record<EventDifference['fields'][number], string> = {
  type: 'type',
  at: 'time',
  actor: 'actor',
  data: 'data',
  workflowRunId: 'run',
};

/** Event numbers as people read them: "#3", "#3 and #4", "#3–#7 and #9"; a long list names a dozen and counts the rest. */
export function eventNumbers(sequences: readonly number[]): string {
  const sorted = [...new Set(sequences)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end += 1;
    // Three or more in a row read as a range; two stay two.
    if (end - start >= 2) parts.push(`#${sorted[start]}–#${sorted[end]}`);
    else for (const sequence of sorted.slice(start, end + 1)) parts.push(`#${sequence}`);
    start = end + 1;
  }
  const shown = parts.length > 12 ? [...parts.slice(0, 12), `${parts.length - 12} more`] : parts;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? '');
}

const events = (sequences: readonly number[]) => `${sequences.length === 1 ? 'event' : 'events'} ${eventNumbers(sequences)}`;
const Events = (sequences: readonly number[]) => `${sequences.length === 1 ? 'Event' : 'Events'} ${eventNumbers(sequences)}`;

/** The end of a run id: Temporal's run ids begin with their start time, so runs started together share a beginning. */
const shortRun = (runId: string) => `…${runId.slice(-8)}`;

function runTitle(runs: readonly RunCheck[], index: number): string {
  return runs.length === 1 ? `The one run (${shortRun(runs[index]!.runId)})` : `Run ${index + 1} of ${runs.length} (${shortRun(runs[index]!.runId)})`;
}

function differenceText(difference: EventDifference): string {
  return `Event #${difference.sequence} differs from what the workflow recorded: its ${difference.fields.map((field) => FIELD_WORDS[field]).join(', ')}`;
}

/** What is wrong with the cross-check of one run (or of all of them), each naming its events. */
function crossCheckFaults(found: Pick<RunCheck, 'missing' | 'withoutCause' | 'different'>): string[] {
  return [
    ...(found.missing.length > 0 ? [`Temporal recorded ${events(found.missing)}, which the log no longer holds`] : []),
    ...(found.withoutCause.length > 0 ? [`${Events(found.withoutCause)} in the log ${found.withoutCause.length === 1 ? 'has' : 'have'} no cause in Temporal: no run of the workflow recorded ${found.withoutCause.length === 1 ? 'it' : 'them'}`] : []),
    ...found.different.map(differenceText),
  ];
}

/** The API lists the lowest missing sequences and counts them all: the rest are said as a number. */
const missingText = (report: Pick<ProofReport, 'missingSequences' | 'missingCount'>) => {
  const beyond = report.missingCount - report.missingSequences.length;
  return `${events(report.missingSequences)}${beyond > 0 ? ` and ${beyond.toLocaleString('en')} more` : ''} missing`;
};

const missingLine = (report: ProofReport, signedAt: number) =>
  `The log no longer reaches the checkpoint signed at event #${signedAt}${report.missingSequences.length > 0 ? `: ${missingText(report)}` : ''}`;

const unsignedLine = (unsigned: readonly number[]) =>
  `${Events(unsigned)} came after the newest signed checkpoint: the worker did not write ${unsigned.length === 1 ? 'it' : 'them'}`;

function checkpointFaults(report: ProofReport): string[] {
  const { checkpoint } = report;
  if (!checkpoint) return [];
  return [
    ...(checkpoint.signatureValid ? [] : [`The checkpoint at event #${checkpoint.sequence} is not validly signed by this deployment’s key`]),
    ...(report.truncated ? [missingLine(report, checkpoint.sequence)] : []),
    ...(report.unsignedSequences.length > 0 ? [unsignedLine(report.unsignedSequences)] : []),
  ];
}

function determinismText(determinism: Determinism, when: When): string {
  switch (determinism.status) {
    case 'reproduced':
      return 'Today’s workflow code reproduces its history';
    case 'not-reproduced':
      return `Today’s workflow code does not reproduce its history: ${determinism.error}`;
    case 'pending':
      return `Being replayed against today’s workflow code (asked ${when(determinism.requestedAt)})`;
    case 'unavailable':
      return `Not replayed: ${determinism.reason}`;
  }
}

const DETERMINISM_TONES: Record<Determinism['status'], Tone> = { reproduced: 'success', 'not-reproduced': 'error', pending: 'info', unavailable: 'info' };

/** How far the background replay has got: runs proven, runs waiting, and since when the first waits. */
function replayProgress(report: ProofReport, when: When): string | null {
  if (report.temporal.status !== 'checked') return null;
  const waiting = report.temporal.runs.flatMap((run) => (run.determinism.status === 'pending' ? [run.determinism.requestedAt] : []));
  if (waiting.length === 0) return null;
  const replayable = report.temporal.runs.filter((run) => run.history === 'retained').length;
  const since = waiting.reduce((earliest, at) => (at < earliest ? at : earliest));
  const which = replayable === 1 ? 'The one run is' : `${waiting.length} of ${replayable} runs are`;
  return `${which} still being replayed against today’s workflow code, asked ${when(since)}; this page asks again by itself`;
}

/** Runs today's workflow code does not reproduce: a fault of the code deployed now, not of the record. */
function unreproduced(report: ProofReport): string[] {
  const { temporal } = report;
  if (temporal.status !== 'checked') return [];
  return temporal.runs.flatMap((run, index) =>
    run.determinism.status === 'not-reproduced' ? [`Today’s workflow code does not reproduce ${runTitle(temporal.runs, index).replace(/^The one run/, 'the one run')}: ${run.determinism.error}`] : [],
  );
}

/** One line per fault of the whole record, each with its event numbers. */
function faults(report: ProofReport): string[] {
  const temporal = report.temporal.status === 'checked' ? report.temporal : null;
  return [
    ...(report.firstBrokenSequence !== null ? [`The hash chain breaks at event #${report.firstBrokenSequence}: from there on the log is not as it was written`] : []),
    ...checkpointFaults(report),
    ...(temporal ? crossCheckFaults(temporal) : []),
    ...unreproduced(report),
  ];
}

/** Why a check that found nothing wrong did not check everything. */
function gaps(report: ProofReport): string[] {
  const lines: string[] = [];
  if (report.checks.checkpoint === 'unavailable') lines.push('No signed checkpoint vouches for this log yet');
  if (report.temporal.status === 'unavailable') lines.push(`Temporal was not checked: ${report.temporal.reason}`);
  else {
    const { unchecked, runs } = report.temporal;
    const forgotten = runs.filter((run) => run.history === 'not-retained').length;
    if (forgotten > 0) lines.push(`Temporal no longer keeps the history of ${forgotten === 1 ? 'one run' : `${forgotten} runs`}${unchecked.length > 0 ? `: ${events(unchecked)} could not be cross-checked` : ''}`);
    for (const [index, run] of runs.entries()) {
      if (run.history === 'retained' && run.determinism.status === 'unavailable') lines.push(`${runTitle(runs, index)} was not replayed: ${run.determinism.reason}`);
    }
  }
  return lines;
}

export function verdictOf(report: ProofReport, when: When): Verdict {
  if (!report.valid) return { tone: 'error', title: 'The record is not whole', findings: faults(report) };
  if (report.checks.determinism === 'failed') {
    return { tone: 'warning', title: 'The record is whole; today’s workflow code does not reproduce it', findings: [...unreproduced(report), ...gaps(report)] };
  }
  const progress = replayProgress(report, when);
  if (progress) return { tone: 'info', title: 'No fault found so far; the replay against today’s workflow code is still running', findings: [progress, ...gaps(report)] };
  if (!report.complete) return { tone: 'warning', title: 'No fault found, but not everything could be checked', findings: gaps(report) };
  const runs = report.temporal.status === 'checked' ? report.temporal.runs.length : 0;
  return {
    tone: 'success',
    title: 'The record is whole',
    findings: [`All four checks passed over ${report.events === 1 ? 'the one event' : `all ${report.events} events`}${runs > 1 ? `, across ${runs} runs of the workflow` : ''}`],
  };
}

function check(id: keyof ProofChecks, outcome: CheckOutcome, lines: string[], runs: RunLine[] = []): CheckView {
  const words = OUTCOME_WORDS[outcome];
  return { id, title: CHECK_TITLES[id], outcome: words.label, tone: words.tone, lines, runs };
}

function chainCheck(report: ProofReport): CheckView {
  const lines = [
    `${report.events === 1 ? 'One event' : `${report.events} events`} recomputed from the first`,
    ...(report.firstBrokenSequence === null ? [] : [`Breaks at event #${report.firstBrokenSequence}`]),
  ];
  return { ...check('chain', report.checks.chain, lines), code: { label: 'Head hash', value: report.headHash } };
}

function checkpointCheck(report: ProofReport, when: When): CheckView {
  const { checkpoint } = report;
  if (!checkpoint) return check('checkpoint', report.checks.checkpoint, ['No checkpoint yet: the log predates signed checkpoints until its next event']);
  return check('checkpoint', report.checks.checkpoint, [
    `Newest: event #${checkpoint.sequence}, signed ${when(checkpoint.signedAt)} with key ${checkpoint.keyId}`,
    checkpoint.signatureValid ? 'Signature valid' : 'Signature not valid',
    checkpoint.presentInLog ? 'The log still holds the signed event' : missingLine(report, checkpoint.sequence),
    ...(report.unsignedSequences.length > 0 ? [unsignedLine(report.unsignedSequences)] : []),
  ]);
}

function crossCheck(report: ProofReport): CheckView {
  const { temporal } = report;
  if (temporal.status === 'unavailable') return check('crossCheck', report.checks.crossCheck, [temporal.reason]);
  return check('crossCheck', report.checks.crossCheck, [`Each event in the log against the input of the activity that recorded it, in ${temporal.workflowId}`], temporal.runs.map((run, index) => runCrossCheck(temporal, run, index)));
}

function runCrossCheck(temporal: TemporalCrossCheck, run: RunCheck, index: number): RunLine {
  const line = { key: run.runId, title: runTitle(temporal.runs, index) };
  const faults = crossCheckFaults(run);
  switch (run.history) {
    case 'unknown':
      return { ...line, tone: 'error', lines: [], faults: ['Temporal never ran this run for this workflow', ...faults] };
    case 'not-retained':
      return { ...line, tone: 'info', lines: [`Temporal no longer keeps this run’s history: ${run.logged === 1 ? 'its one event' : `its ${run.logged} events`} in the log could not be cross-checked`], faults: [] };
    case 'retained':
      return { ...line, tone: faults.length > 0 ? 'error' : 'success', lines: [`${run.recorded} recorded by the workflow, ${run.logged} in the log`, ...(faults.length > 0 ? [] : ['Every event matches'])], faults };
  }
}

function determinismCheck(report: ProofReport, when: When): CheckView {
  const { temporal } = report;
  if (temporal.status === 'unavailable') return check('determinism', report.checks.determinism, [temporal.reason]);
  const runs = temporal.runs.map((run, index): RunLine => {
    const text = determinismText(run.determinism, when);
    const failed = run.determinism.status === 'not-reproduced';
    return { key: run.runId, title: runTitle(temporal.runs, index), tone: DETERMINISM_TONES[run.determinism.status], lines: failed ? [] : [text], faults: failed ? [text] : [] };
  });
  return check('determinism', report.checks.determinism, ['Each run’s history replayed against the workflow code deployed now'], runs);
}

export function proofChecks(report: ProofReport, when: When): CheckView[] {
  return [chainCheck(report), checkpointCheck(report, when), crossCheck(report), determinismCheck(report, when)];
}
