#!/usr/bin/env node
// Verifies an audit dossier (…-dossier.html) or a JSON export (…-events.json) of a partnership from
// the command line, with Node's built-ins only: the hash chain recomputed from the first event, the
// newest signed checkpoint's Ed25519 signature, that the log still holds the checkpoint's event (a
// cut tail does not) with nothing unsigned after it, and, for a dossier, that its page shows exactly
// the events verified. The checks are the dossier's own (libs/persistence/src/audit-verifier.mjs).
//
//   node scripts/verify-dossier.mjs <file> [--public-key <pem file or the JSON of /api/audit/public-key>]
//
// A file carries its own public key, which proves it consistent, not who signed it: a forger can
// re-sign an edited record with a key of their own. Only with --public-key (the deployment's key,
// kept apart from the file) is the signature checked with a key you trust. The JSON of
// /api/audit/public-key also lists the keys the deployment signed with before a key rotation
// (`previousKeys`), and a PEM file may hold several public keys: each of them is trusted, so an
// export made before a rotation is still pinned.
//
// Exit codes: 0 the record holds and is signed by the pinned key; 1 it does not hold, or is signed
// by another key than the pinned one (the reason and the sequence are printed); 2 the command was
// used wrongly or a file cannot be read; 3 the record holds but no key was pinned, so nothing says
// who signed it.
import { readFileSync } from 'node:fs';
import { importPublicKey, readAuditFile, verifyAuditExport } from '../libs/persistence/src/audit-verifier.mjs';

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

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/**
 * The trusted keys: the PEM blocks of a file, or the current and previous keys of the JSON the API
 * answers at /api/audit/public-key; throws unless each is an Ed25519 public key.
 */
async function trustedKeys(file) {
  const text = readFileSync(file, 'utf8').trim();
  let pems;
  if (text.startsWith('{')) {
    const published = JSON.parse(text);
    const previous = Array.isArray(published.previousKeys) ? published.previousKeys.map((key) => key?.pem) : [];
    pems = [published.pem, ...previous];
  } else pems = text.match(PEM_BLOCK) ?? [text];
  if (pems.some((pem) => typeof pem !== 'string')) throw new Error('it holds no "pem"');
  for (const pem of pems) {
    try {
      await importPublicKey(pem);
    } catch {
      throw new Error('it is not an Ed25519 public key (a PEM file, or the JSON of GET /api/audit/public-key)');
    }
  }
  return pems;
}

const { file, publicKeyFile } = parseArguments(process.argv.slice(2));
let parsed;
let trustedPublicKeyPems;
const reason = (error) => (error instanceof Error ? error.message : String(error));
try {
  parsed = readAuditFile(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`Cannot read ${file}: ${reason(error)}`);
}
try {
  trustedPublicKeyPems = publicKeyFile === undefined ? undefined : await trustedKeys(publicKeyFile);
} catch (error) {
  fail(`Cannot read the public key ${publicKeyFile}: ${reason(error)}`);
}

const report = await verifyAuditExport(parsed.exported, { displayed: parsed.displayed, trustedPublicKeyPems });
console.log(`${file}: ${parsed.kind === 'dossier' ? 'audit dossier' : 'JSON export'} of partnership ${report.partnershipId ?? '(unknown)'}, ${report.events} events`);
for (const check of report.checks) console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.detail}`);
if (report.valid && report.keyPinned) {
  console.log(`VERIFIED: the record holds up to event ${report.headSequence}, signed by the pinned key ${report.keyId}.`);
  process.exit(0);
}
if (report.valid) {
  console.error(
    `HOLDS, but signed by key ${report.keyId} that you have not pinned: pass --public-key <pem|json from GET /api/audit/public-key>. ` +
      'The file carries its own key, so this proves only that it is consistent, not that your deployment signed it.',
  );
  process.exit(3);
}
const failure = report.failure;
console.error(`NOT VERIFIED${failure.sequence === null ? '' : ` at sequence ${failure.sequence}`}: ${failure.detail}`);
process.exit(1);
