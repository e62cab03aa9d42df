/** An access-log row as the API lists it, and how the console says what it records. */
import { ACCESS_ACTIONS, EXPORT_FORMATS, SIGN_IN_FAILURES, type AccessAction, type ExportFormat, type SignInFailure } from '@pe/domain';
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
  /** The email a sign-in tried. */
  email: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  dossier: 'Dossier (HTML)',
  json: 'Events (JSON)',
  csv: 'Events (CSV)',
};

const ACTION_LABELS: Record<AccessAction, string> = {
  export: 'Export',
  verify: 'Verification',
  'verify-all': 'Verification of every partnership',
  'sign-in': 'Sign-in',
  'sign-in-failed': 'Failed sign-in',
  'sign-in-locked': 'Sign-in refused: email locked',
  'sign-in-rate-limited': 'Sign-in refused: address limited',
};

export const actionChoices = ACCESS_ACTIONS.map((action) => ({ id: action, name: ACTION_LABELS[action] }));

const isExportFormat = (format: string | null): format is ExportFormat => EXPORT_FORMATS.some((known) => known === format);

/** Why a sign-in failed, from the row's detail (SIGN_IN_FAILURES). */
const FAILURE_REASONS: Record<SignInFailure, string> = {
  credentials: 'wrong email or password',
  deactivated: 'the account is deactivated',
};

const isSignInFailure = (reason: unknown): reason is SignInFailure => SIGN_IN_FAILURES.some((known) => known === reason);

/** "Exported the dossier (HTML)", "Tried to export …: refused (404 …)", "Failed sign-in as ana@example.org (wrong email or password)": what happened, in words. */
export function accessLabel(row: Pick<AccessLogRecord, 'action' | 'format'> & Partial<Pick<AccessLogRecord, 'email' | 'detail' | 'outcome' | 'refusal'>>): string {
  const as = row.email ? ` as ${row.email}` : '';
  const refusal = row.outcome === 'refused' ? `: refused (${row.refusal ?? 'no reason recorded'})` : null;
  switch (row.action) {
    case 'export': {
      const what = isExportFormat(row.format) ? `the ${EXPORT_FORMAT_LABELS[row.format].replace(/^\w/, (first) => first.toLowerCase())}` : 'the record';
      return refusal ? `Tried to export ${what}${refusal}` : `Exported ${what}`;
    }
    case 'verify':
      return refusal ? `Tried to verify the record${refusal}` : 'Verified the record';
    case 'verify-all':
      return row.detail?.after ? 'Verified every partnership (a further page)' : 'Verified every partnership';
    case 'sign-in':
      return `Signed in${as}`;
    case 'sign-in-failed': {
      const reason = isSignInFailure(row.detail?.reason) ? ` (${FAILURE_REASONS[row.detail.reason]})` : '';
      return `Failed sign-in${as}${reason}${row.detail?.locked ? ': the email is now locked' : ''}`;
    }
    case 'sign-in-locked':
      return `Sign-in refused${as}: the email is locked after repeated failures`;
    case 'sign-in-rate-limited':
      return `Sign-in refused${as}: too many failures from this address`;
    default:
      return row.action;
  }
}

/** Who, with their role when it is known; a sign-in of an email no account has reads as such. */
export function actorLabel(row: Pick<AccessLogRecord, 'actorName' | 'actorId' | 'actorRole'>): string {
  const who = row.actorName ?? row.actorId ?? 'No account';
  return row.actorRole ? `${who} (${roleLabel(row.actorRole)})` : who;
}
