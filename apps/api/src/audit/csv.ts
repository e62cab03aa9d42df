/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, a quote or a line break, quotes
 * doubled. A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) is prefixed with an apostrophe, so opening an export never runs what someone typed.
 */
import type { AuditExport } from '@pe/persistence';
import type { Names } from './names.js';

/** The first characters that make a spreadsheet run a cell; the OpenAPI document names them from here. */
export const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'] as const;
const FORMULA_START_NAMES: Record<(typeof FORMULA_STARTS)[number], string> = { '=': '`=`', '+': '`+`', '-': '`-`', '@': '`@`', '\t': 'a tab', '\r': 'a carriage return' };
/** "`=`, `+`, `-`, `@`, a tab or a carriage return" */
export const FORMULA_STARTS_TEXT = `${FORMULA_STARTS.slice(0, -1).map((start) => FORMULA_START_NAMES[start]).join(', ')} or ${FORMULA_START_NAMES[FORMULA_STARTS.at(-1)!]}`;
const isFormulaStart = (text: string) => FORMULA_STARTS.some((start) => text.startsWith(start));

export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const guarded = typeof value === 'string' && isFormulaStart(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const EVENT_COLUMNS = ['sequence', 'at', 'type', 'actorId', 'actorName', 'actorRole', 'actorOrganizationId', 'actorOrganizationName', 'payload', 'previousHash', 'hash', 'workflowRunId'];

/** One row per event, oldest first; the payload as JSON in one cell. */
export function eventsCsv(exported: AuditExport, names: Names): string {
  return csvTable(
    EVENT_COLUMNS,
    exported.events.map((event) => [
      event.sequence,
      event.at,
      event.type,
      event.actor.userId,
      event.actorName,
      event.actor.role,
      event.actor.organizationId,
      event.actor.organizationId ? names.organization(event.actor.organizationId) : null,
      JSON.stringify(event.data),
      event.previousHash,
      event.hash,
      event.workflowRunId,
    ]),
  );
}
