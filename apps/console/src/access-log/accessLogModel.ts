/** An access-log row as the API lists it, and how the console says what it records. */
import { ACCESS_ACTIONS, EXPORT_FORMATS, type AccessAction, type ExportFormat } from '@pe/domain';
import type { RaRecord } from 'react-admin';
import { roleLabel } from '../users/userModel';

export interface AccessLogRecord extends RaRecord<string> {
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  partnershipId: string | null;
  partnershipName: string | null;
  format: string | null;
  /** `served`, or `refused` with the answer's status and code in `refusal` ("404 RESOURCE.NOT_FOUND"). */
  outcome: string;
  refusal: string | null;
  ip: string | null;
}

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  dossier: 'Dossier (HTML)',
  json: 'Events (JSON)',
  csv: 'Events (CSV)',
};

const ACTION_LABELS: Record<AccessAction, string> = {
  export: 'Export',
  verify: 'Verification',
};

export const actionChoices = ACCESS_ACTIONS.map((action) => ({ id: action, name: ACTION_LABELS[action] }));

const isExportFormat = (format: string | null): format is ExportFormat => EXPORT_FORMATS.some((known) => known === format);

/** "Exported the dossier (HTML)", "Verified the record", "Tried to export …: refused (404 …)": what the person did, in words. */
export function accessLabel(row: Pick<AccessLogRecord, 'action' | 'format'> & Partial<Pick<AccessLogRecord, 'outcome' | 'refusal'>>): string {
  const refused = row.outcome === 'refused';
  if (row.action === 'export') {
    const what = isExportFormat(row.format) ? `the ${EXPORT_FORMAT_LABELS[row.format].replace(/^\w/, (first) => first.toLowerCase())}` : 'the record';
    return refused ? `Tried to export ${what}: refused (${row.refusal ?? 'no reason recorded'})` : `Exported ${what}`;
  }
  if (row.action === 'verify') return refused ? `Tried to verify the record: refused (${row.refusal ?? 'no reason recorded'})` : 'Verified the record';
  return row.action;
}

/** Who, with their role when it is known; an access nobody signed in for reads as such. */
export function actorLabel(row: Pick<AccessLogRecord, 'actorName' | 'actorId' | 'actorRole'>): string {
  const who = row.actorName ?? row.actorId ?? 'Not signed in';
  return row.actorRole ? `${who} (${roleLabel(row.actorRole)})` : who;
}
