import { readFileSync } from 'node:fs';

let source: string | undefined;

/**
 * The text of audit-verifier.mjs exactly as scripts/verify-dossier.mjs imports it, for the dossier to
 * embed as its inline script. Read from src/ whether this module runs from src/ or from dist/ (tsc's
 * emitted copy is the same code, but the source is the one auditors can compare with).
 */
export function auditVerifierSource(): string {
  source ??= readFileSync(new URL('../src/audit-verifier.mjs', import.meta.url), 'utf8');
  return source;
}
