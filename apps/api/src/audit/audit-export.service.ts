/**
 * Exports a partnership's history for auditors who work away from the API: the dossier (one HTML
 * file that verifies itself offline), the JSON export (what the dossier carries) and a CSV table of
 * the events. All three are read from one snapshot of the log and its newest signed checkpoint.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { agreementHistory, fold, measuresOf, type ExportFormat } from '@pe/domain';
import {
  AUDIT_EXPORT_FORMAT,
  GENESIS_HASH,
  actorOf,
  auditKeyById,
  auditVerifierSource,
  eventOf,
  publishedKey,
  readLogSnapshot,
  type AuditExport,
  type AuditKeys,
} from '@pe/persistence';
import type { AuthenticatedUser } from '../auth/auth.decorators.js';
import { notFoundError } from '../http/api-error.js';
import { PartnershipsService } from '../partnerships/partnerships.service.js';
import { AUDIT_KEYS, DATABASE } from '../tokens.js';
import { eventsCsv } from './csv.js';
import { renderDossier } from './dossier.js';
import { ExportSlots } from './export-slots.js';
import { namesOfRecord } from './names.js';

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
  /** For a dossier: the policy it states in its own meta tag, sent as a header too. */
  contentSecurityPolicy: string | null;
}

const FILE_KINDS: Record<ExportFormat, { contentType: string; suffix: string }> = {
  dossier: { contentType: 'text/html; charset=utf-8', suffix: 'dossier.html' },
  json: { contentType: 'application/json; charset=utf-8', suffix: 'events.json' },
  csv: { contentType: 'text/csv; charset=utf-8; header=present', suffix: 'events.csv' },
};

/** A file name that says which partnership and how far its log went: ASCII only, so every browser keeps it. */
function fileName(exported: AuditExport, format: ExportFormat): string {
  const slug =
    exported.partnership.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'partnership';
  return `${slug}-${exported.partnership.id.slice(0, 8)}-head-${exported.head.sequence}-${FILE_KINDS[format].suffix}`;
}

@Injectable()
export class AuditExportService {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(PartnershipsService) private readonly partnerships: PartnershipsService,
    @Inject(AUDIT_KEYS) private readonly auditKeys: AuditKeys,
    @Inject(ExportSlots) private readonly slots: ExportSlots,
  ) {}

  /** At most MAX_CONCURRENT_EXPORTS at once in this process (export-slots.ts); a further one is refused with 503. */
  export(user: AuthenticatedUser, id: string, format: ExportFormat): Promise<ExportFile> {
    return this.slots.run(() => this.build(user, id, format));
  }

  private async build(user: AuthenticatedUser, id: string, format: ExportFormat): Promise<ExportFile> {
    await this.partnerships.get(user, id);
    const { rows, signed: checkpoint } = await readLogSnapshot(this.db, id);
    const events = rows.map(eventOf);
    const state = fold(events);
    if (state.status !== 'active') throw notFoundError('Partnership');
    const agreements = agreementHistory(events);
    const names = await namesOfRecord(this.db, rows, state, agreements);
    const exportedAt = new Date();
    const head = rows.at(-1);
    const exported: AuditExport = {
      format: AUDIT_EXPORT_FORMAT,
      partnership: { id, name: state.name },
      exportedAt: exportedAt.toISOString(),
      exportedBy: { id: user.id, name: user.name, role: user.role },
      head: { sequence: head?.sequence ?? 0, hash: head?.hash ?? GENESIS_HASH },
      events: rows.map((row, index) => ({
        sequence: row.sequence,
        type: row.type,
        at: events[index]!.at,
        actor: actorOf(row),
        actorName: row.actor_role === 'system' ? null : names.user(row.actor_id),
        data: row.payload,
        previousHash: row.previous_hash,
        hash: row.hash,
        workflowRunId: row.workflow_run_id,
      })),
      checkpoint,
      // The key that signed the checkpoint, so a file exported after a key rotation still verifies
      // by itself; a checkpoint no key of the deployment's signed carries the current key, and fails.
      publicKey: publishedKey((checkpoint && auditKeyById(this.auditKeys, checkpoint.keyId)) ?? this.auditKeys.current),
    };
    const file = { contentType: FILE_KINDS[format].contentType, filename: fileName(exported, format) };
    switch (format) {
      case 'dossier': {
        const dossier = renderDossier({ exported, state, agreements, measures: measuresOf(state, exportedAt), names }, auditVerifierSource());
        return { ...file, body: dossier.html, contentSecurityPolicy: dossier.contentSecurityPolicy };
      }
      case 'json':
        return { ...file, body: `${JSON.stringify(exported, null, 2)}\n`, contentSecurityPolicy: null };
      case 'csv':
        return { ...file, body: eventsCsv(exported, names), contentSecurityPolicy: null };
    }
  }
}
