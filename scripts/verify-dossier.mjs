#!/usr/bin/env node
// Verifies an audit dossier (…-dossier.html) or a JSON export (…-events.json) of a partnership from
// the command line, with Node's built-ins only: the hash chain recomputed from the first event, the
// newest signed checkpoint's Ed25519 signature, that the log still holds the checkpoint's event (a
// cut tail does not) with nothing unsigned after it, and, for a dossier, that its page shows exactly
// the events verified. The checks are the dossier's own (libs/persistence/src/audit-verifier.mjs).
//
//   node scripts/verify-dossier.mjs <file> [--public-key <pem file or the JSON of /api/audit/public-key>]
//
// Exit codes: 0 the record holds; 1 it does not (the reason and the sequence are printed); 2 the
// command was used wrongly or the file cannot be read.
import { readFileSync } from 'node:fs';
import { readAuditFile, verifyAuditExport } from '../libs/persistence/src/audit-verifier.mjs';

const USAGE = 'usage: node scripts/verify-dossier.mjs <dossier.html | export.json> [--public-key <key.pem | public-key.json>]';

function fail(message) {
  console.error(message);
  process.exit(2);
}

function parseArguments(args) {
  const files = [];
  let publicKeyFile;
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--public-key') publicKeyFile = args[++index] ?? fail(USAGE);
    else if (args[index] === '--help' || args[index] === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else files.push(args[index]);
  }
  if (files.length !== 1) fail(USAGE);
  return { file: files[0], publicKeyFile };
}

/** A PEM file, or the JSON the API answers at /api/audit/public-key. */
function trustedKey(file) {
  const text = readFileSync(file, 'utf8').trim();
  if (!text.startsWith('{')) return text;
  const { pem } = JSON.parse(text);
  if (typeof pem !== 'string') throw new Error(`${file} holds no "pem"`);
  return pem;
}

const { file, publicKeyFile } = parseArguments(process.argv.slice(2));
let parsed;
let trustedPublicKeyPem;
try {
  parsed = readAuditFile(readFileSync(file, 'utf8'));
  trustedPublicKeyPem = publicKeyFile === undefined ? undefined : trustedKey(publicKeyFile);
} catch (error) {
  fail(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}

const report = await verifyAuditExport(parsed.exported, { displayed: parsed.displayed, trustedPublicKeyPem });
console.log(`${file}: ${parsed.kind === 'dossier' ? 'audit dossier' : 'JSON export'} of partnership ${report.partnershipId ?? '(unknown)'}, ${report.events} events`);
for (const check of report.checks) console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.detail}`);
if (report.valid) {
  console.log(`VERIFIED: the record holds up to event ${report.headSequence}, signed by key ${report.keyId}.`);
  process.exit(0);
}
const failure = report.failure;
console.error(`NOT VERIFIED${failure.sequence === null ? '' : ` at sequence ${failure.sequence}`}: ${failure.detail}`);
process.exit(1);
