/**
 * Every version of the partnering agreement ever issued, with who signed or refused it, for which
 * organization and when. The state keeps only the version in force; the history is folded from the
 * log, because a refusal or a superseded version is part of what an auditor and a partner must read.
 */
import { agreedChanges, type AgreedChanges } from './agreed-changes.js';
import type { DecisionRule, PartnershipEvent } from './events.js';
import type { AgreementContent } from './model.js';

export type AgreementVersionStatus = 'signing' | 'adopted' | 'refused' | 'withdrawn' | 'superseded';

export interface AgreementVersion {
  /** Renew starts a new run of the method, whose versions count from 1 again. */
  generation: number;
  version: number;
  issuedAt: string;
  issuedBy: string;
  content: AgreementContent;
  /** The rule its signing round was decided by (null for a version issued without a round). */
  rule: DecisionRule | null;
  /** Organization id → who signed for it, and when (joining organizations included). */
  signatures: Record<string, { userId: string; at: string }>;
  /** Organization id → who refused for it, when, and why. */
  refusals: Record<string, { userId: string; at: string; reason: string }>;
  status: AgreementVersionStatus;
  /** When the version was adopted or its round ended without adoption. */
  decidedAt: string | null;
  /**
   * A version issued in MEASUREMENT to carry KPI and role changes drafted while an earlier one was
   * in force: what it changes against that version (null when it carries no draft).
   */
  changes: AgreedChanges | null;
}

export function agreementHistory(events: readonly PartnershipEvent[]): AgreementVersion[] {
  const versions: AgreementVersion[] = [];
  let generation = 0;
  // The version whose signing round is open: sign-off events name their subject, not a version.
  let signing: AgreementVersion | null = null;
  const current = () => versions.at(-1);
  // The version in force, which a drafted version's changes are read against.
  let inForce: AgreementVersion | null = null;

  for (const event of events) {
    switch (event.type) {
      case 'PartnershipRenewed':
        generation = event.data.generation;
        signing = null;
        inForce = null;
        break;
      case 'AgreementIssued': {
        for (const earlier of versions) {
          if (earlier.status === 'signing' || earlier.status === 'adopted') {
            earlier.status = 'superseded';
            earlier.decidedAt ??= event.at;
          }
        }
        const issued: AgreementVersion = {
          generation,
          version: event.data.version,
          issuedAt: event.at,
          issuedBy: event.actor.userId,
          content: event.data.content,
          rule: null,
          signatures: {},
          refusals: {},
          status: 'signing',
          decidedAt: null,
          changes: event.data.draftSince !== undefined && inForce ? agreedChanges(inForce.content, event.data.content, event.data.draftSince) : null,
        };
        versions.push(issued);
        signing = issued;
        break;
      }
      case 'SignoffOpened':
        if (event.data.subject === 'AGREEMENT' && signing) signing.rule = event.data.rule;
        break;
      case 'AgreementSigned': {
        const signed = versions.find((candidate) => candidate.generation === generation && candidate.version === event.data.version);
        if (signed) signed.signatures[event.data.organizationId] = { userId: event.data.userId, at: event.at };
        break;
      }
      case 'SignoffRefused':
        if (event.data.subject === 'AGREEMENT' && signing) {
          signing.refusals[event.data.organizationId] = { userId: event.data.userId, at: event.at, reason: event.data.reason };
        }
        break;
      case 'SignoffCompleted':
        if (event.data.subject === 'AGREEMENT' && signing && event.data.outcome === 'rejected') {
          // A round stopped by a proposed termination has no refusal: the version was withdrawn.
          signing.status = Object.keys(signing.refusals).length > 0 ? 'refused' : 'withdrawn';
          signing.decidedAt = event.at;
          signing = null;
        }
        break;
      case 'AgreementAdopted': {
        const adopted = current();
        if (adopted && adopted.version === event.data.version) {
          adopted.status = 'adopted';
          adopted.decidedAt = event.at;
          inForce = adopted;
        }
        signing = null;
        break;
      }
      default:
        break;
    }
  }
  return versions;
}
