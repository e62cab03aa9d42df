/**
 * The audit verifier: everything that checks an exported partnership log away from the API, in one
 * plain-JS source that needs nothing but the platform's WebCrypto. The dossier embeds this very text
 * as its inline script (auditVerifierSource() reads it), and scripts/verify-dossier.mjs imports it,
 * so a browser with the network off and the command line check in the same way.
 *
 * It restates, without Node, the server's rules for the hash chain (hash.ts, event-store.ts) and the
 * checkpoint signature (checkpoint-signature.ts); audit-verifier.unit.spec.ts holds the two against
 * each other on the decider's own events.
 */

/** Names the shape of an export (GET /api/partnerships/:id/export?format=json), so a reader knows what it holds. */
export const AUDIT_EXPORT_FORMAT = 'partnership-engine/audit-export/v1';
export const GENESIS_HASH = '0'.repeat(64);
/** The prefix of every signed checkpoint message (checkpoint-signature.ts). */
const CHECKPOINT_DOMAIN = 'partnership-engine/audit-checkpoint/v1\n';

/** The dossier's elements the verifier reads and writes. */
export const DOSSIER_IDS = Object.freeze({ data: 'audit-export', verification: 'verification', verdict: 'verdict', checks: 'checks' });
/**
 * The verification section's `data-state`, which the dossier's style colours. A page can only check
 * the key it carries itself, which proves the file consistent, not who signed it: the best it shows
 * is `holds` (amber), with the key id for the reader to compare; never a green "verified".
 */
export const VERIFICATION_STATES = Object.freeze({ pending: 'pending', holds: 'holds', failed: 'failed' });
/** The fields of an event the dossier shows, each in an element with `data-field`, inside an element with `data-sequence`. */
export const DISPLAYED_EVENT_FIELDS = /** @type {const} */ (['type', 'at', 'actor', 'data', 'previousHash', 'hash']);

/**
 * @typedef {{ kind: string, userId: string, role: string, organizationId: string | null }} ExportedActor
 * @typedef {{
 *   sequence: number, type: string, at: string, actor: ExportedActor, actorName: string | null,
 *   data: unknown, previousHash: string, hash: string, workflowRunId: string
 * }} ExportedEvent
 * @typedef {{ partnershipId: string, sequence: number, hash: string, signedAt: string, keyId: string, signature: string }} ExportedCheckpoint
 * @typedef {{ algorithm: 'Ed25519', keyId: string, pem: string, jwk: Record<string, unknown> }} ExportedPublicKey
 * @typedef {{
 *   format: typeof AUDIT_EXPORT_FORMAT,
 *   partnership: { id: string, name: string },
 *   exportedAt: string,
 *   exportedBy: { id: string, name: string, role: string },
 *   head: { sequence: number, hash: string },
 *   events: ExportedEvent[],
 *   checkpoint: ExportedCheckpoint | null,
 *   publicKey: ExportedPublicKey
 * }} AuditExport
 * @typedef {{ sequence: number } & Partial<Record<typeof DISPLAYED_EVENT_FIELDS[number], string>>} DisplayedEvent
 * @typedef {'export' | 'chain' | 'head' | 'key' | 'signature' | 'checkpoint' | 'tail' | 'display'} CheckName
 * @typedef {{ name: CheckName, ok: boolean, detail: string, sequence: number | null }} Check
 * @typedef {{
 *   valid: boolean, keyPinned: boolean, partnershipId: string | null, events: number, headSequence: number,
 *   checkpointSequence: number | null, keyId: string | null, checks: Check[], failure: Check | null
 * }} AuditVerification
 *
 * `valid`: every check passed, with the key the file carries unless trusted keys were given.
 * `keyPinned`: trusted keys were given, the signature was checked with the one of them the file names,
 * and everything holds: only then does the record come from the deployment, since a forger can sign
 * with a key of their own. Several keys are trusted across a rotation: the deployment's current key
 * and the previous ones its older checkpoints were signed with (GET /api/audit/public-key lists both).
 */

/**
 * JSON with object keys sorted at every depth, so equal values always hash alike (hash.ts).
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** How the dossier shows an event's payload, and what the verifier expects it to show. @param {unknown} data */
export const displayedPayload = (data) => JSON.stringify(data, null, 2) ?? 'null';

const encoder = new globalThis.TextEncoder();
const subtle = () => globalThis.crypto.subtle;

/** @param {ArrayBuffer} buffer */
const hex = (buffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** @param {string} text */
async function sha256Hex(text) {
  return hex(await subtle().digest('SHA-256', encoder.encode(text)));
}

/** @param {string} base64 */
function base64Bytes(base64) {
  return Uint8Array.from(globalThis.atob(base64.replace(/\s+/g, '')), (char) => char.charCodeAt(0));
}

/**
 * SHA-256 over the previous hash and the event's canonical JSON (hash.ts's eventHash).
 * @param {string} previousHash
 * @param {string} partnershipId
 * @param {Pick<ExportedEvent, 'sequence' | 'type' | 'at' | 'actor' | 'data'>} event
 */
export async function eventHash(previousHash, partnershipId, event) {
  const { sequence, type, at, actor, data } = event;
  return sha256Hex(previousHash + canonicalJson({ partnershipId, sequence, type, at: new Date(at).toISOString(), actor, data }));
}

/**
 * The exact text a checkpoint's signature is over (checkpoint-signature.ts's checkpointMessage).
 * @param {Pick<ExportedCheckpoint, 'partnershipId' | 'sequence' | 'hash' | 'signedAt'>} fields
 */
export function checkpointMessage(fields) {
  const { partnershipId, sequence, hash, signedAt } = fields;
  return CHECKPOINT_DOMAIN + canonicalJson({ partnershipId, sequence, hash, signedAt: new Date(signedAt).toISOString() });
}

/**
 * The public key and its id: the first 16 hex digits of the SHA-256 of its SPKI DER (keyIdOf).
 * Throws on what is no Ed25519 public key.
 * @param {string} pem
 */
export async function importPublicKey(pem) {
  const spki = base64Bytes(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, ''));
  const key = await subtle().importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
  return { key, keyId: hex(await subtle().digest('SHA-256', spki)).slice(0, 16) };
}

/**
 * False for a wrong key, an edited field or a malformed signature; never throws (checkpointSignatureValid).
 * @param {string} pem
 * @param {ExportedCheckpoint} checkpoint
 */
export async function checkpointSignatureValid(pem, checkpoint) {
  try {
    const { key, keyId } = await importPublicKey(pem);
    if (checkpoint.keyId !== keyId) return false;
    return await subtle().verify({ name: 'Ed25519' }, key, base64Bytes(checkpoint.signature), encoder.encode(checkpointMessage(checkpoint)));
  } catch {
    return false;
  }
}

/**
 * Where the chain stops being the one that was written, and how (event-store.ts's firstBrokenSequence):
 * a missing number, a row that does not follow its predecessor, an edited row, or a row slipped in
 * with a well-forged hash, which shows when its successor still points past it.
 * @param {string} partnershipId
 * @param {readonly ExportedEvent[]} events
 * @returns {Promise<{ sequence: number, detail: string } | null>}
 */
export async function chainBreak(partnershipId, events) {
  for (const [index, event] of events.entries()) {
    const position = index + 1;
    if (event.sequence !== position) {
      return { sequence: position, detail: `event ${position} is missing: the log holds event ${event.sequence} in its place (deleted, inserted or reordered)` };
    }
    const previousHash = index === 0 ? GENESIS_HASH : /** @type {ExportedEvent} */ (events[index - 1]).hash;
    if (event.previousHash !== previousHash) {
      const beforePrevious = index < 2 ? GENESIS_HASH : /** @type {ExportedEvent} */ (events[index - 2]).hash;
      if (index > 0 && event.previousHash === beforePrevious) {
        return { sequence: position - 1, detail: `event ${position - 1} is not the one event ${position} was chained to (an event was slipped in)` };
      }
      return { sequence: position, detail: `event ${position} does not follow event ${position - 1}: its previous hash differs` };
    }
    if (event.hash !== (await eventHash(previousHash, partnershipId, event))) {
      return { sequence: position, detail: `event ${position} is not as written: its content does not match its hash` };
    }
  }
  return null;
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** @param {unknown} value */
const isCount = (value) => Number.isSafeInteger(value) && /** @type {number} */ (value) >= 0;
/** @param {unknown} value */
const isInstant = (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * What makes this not an audit export, or null when it has the shape the checks read.
 * @param {unknown} exported
 * @returns {string | null}
 */
function shapeProblem(exported) {
  if (!isObject(exported) || exported.format !== AUDIT_EXPORT_FORMAT) return `it is not an audit export (${AUDIT_EXPORT_FORMAT})`;
  const { partnership, head, events, checkpoint, publicKey } = exported;
  if (!isObject(partnership) || typeof partnership.id !== 'string') return 'it names no partnership';
  if (!isObject(head) || !isCount(head.sequence) || typeof head.hash !== 'string') return 'it states no head';
  if (!isObject(publicKey) || typeof publicKey.pem !== 'string') return 'it carries no public key';
  if (!Array.isArray(events)) return 'it holds no list of events';
  for (const [index, event] of events.entries()) {
    const fine =
      isObject(event) &&
      isCount(event.sequence) &&
      typeof event.type === 'string' &&
      isInstant(event.at) &&
      isObject(event.actor) &&
      typeof event.previousHash === 'string' &&
      typeof event.hash === 'string' &&
      'data' in event;
    if (!fine) return `its event at position ${index + 1} is malformed`;
  }
  if (checkpoint === null) return null;
  const fine =
    isObject(checkpoint) &&
    typeof checkpoint.partnershipId === 'string' &&
    isCount(checkpoint.sequence) &&
    typeof checkpoint.hash === 'string' &&
    isInstant(checkpoint.signedAt) &&
    typeof checkpoint.keyId === 'string' &&
    typeof checkpoint.signature === 'string';
  return fine ? null : 'its checkpoint is malformed';
}

/**
 * Whether the events a dossier shows are the events verified, field by field.
 * @param {readonly DisplayedEvent[]} displayed
 * @param {readonly ExportedEvent[]} events
 * @returns {{ sequence: number | null, detail: string } | null}
 */
function displayDifference(displayed, events) {
  for (const [index, event] of events.entries()) {
    const shown = displayed[index];
    if (!shown || shown.sequence !== event.sequence) return { sequence: event.sequence, detail: `the page does not show event ${event.sequence} where the verified log has it` };
    /** @type {Record<typeof DISPLAYED_EVENT_FIELDS[number], string>} */
    const expected = { type: event.type, at: event.at, actor: event.actor.userId, data: displayedPayload(event.data), previousHash: event.previousHash, hash: event.hash };
    const differing = DISPLAYED_EVENT_FIELDS.find((field) => shown[field] !== expected[field]);
    if (differing) return { sequence: event.sequence, detail: `event ${event.sequence} as shown on the page differs from the verified event (its ${differing})` };
  }
  if (displayed.length > events.length) return { sequence: null, detail: `the page shows ${displayed.length} events; the verified log has ${events.length}` };
  return null;
}

/**
 * Checks an audit export: the hash chain recomputed from the first event, the head it states, the
 * public key it carries (against a trusted one when given), the newest checkpoint's Ed25519
 * signature, that the log still holds the checkpoint's event (a cut tail does not), that nothing
 * unsigned follows it, and, for a dossier, that the page shows exactly the events verified.
 * Never throws: anything it cannot read is a failed check.
 * @param {unknown} exported
 * @param {{ displayed?: readonly DisplayedEvent[], trustedPublicKeyPems?: readonly string[] }} [options]
 * @returns {Promise<AuditVerification>}
 */
export async function verifyAuditExport(exported, options = {}) {
  /** @type {Check[]} */
  const checks = [];
  /** @param {CheckName} name @param {boolean} ok @param {string} detail @param {number | null} [sequence] */
  const check = (name, ok, detail, sequence = null) => checks.push({ name, ok, detail, sequence });
  let keyPinned = false;
  const report = () => {
    const failure = checks.find((candidate) => !candidate.ok) ?? null;
    const data = isObject(exported) ? exported : {};
    const events = Array.isArray(data.events) ? data.events : [];
    const checkpoint = isObject(data.checkpoint) ? data.checkpoint : null;
    return {
      valid: failure === null,
      keyPinned: keyPinned && failure === null,
      partnershipId: isObject(data.partnership) && typeof data.partnership.id === 'string' ? data.partnership.id : null,
      events: events.length,
      headSequence: isObject(data.head) && isCount(data.head.sequence) ? Number(data.head.sequence) : 0,
      checkpointSequence: checkpoint && isCount(checkpoint.sequence) ? Number(checkpoint.sequence) : null,
      keyId: checkpoint && typeof checkpoint.keyId === 'string' ? checkpoint.keyId : null,
      checks,
      failure,
    };
  };

  const problem = shapeProblem(exported);
  if (problem) {
    check('export', false, `This file cannot be verified: ${problem}.`);
    return report();
  }
  const audit = /** @type {AuditExport} */ (exported);
  const partnershipId = audit.partnership.id;
  const last = audit.events.at(-1);
  const head = { sequence: last?.sequence ?? 0, hash: last?.hash ?? GENESIS_HASH };
  try {
    const broken = await chainBreak(partnershipId, audit.events);
    if (broken) check('chain', false, `Hash chain broken: ${broken.detail}.`, broken.sequence);
    else check('chain', true, `Hash chain recomputed: all ${audit.events.length} events follow one another from the first, each as written.`);

    const headHolds = audit.head.sequence === head.sequence && audit.head.hash === head.hash;
    check('head', headHolds, headHolds ? `Head: event ${head.sequence}, hash ${head.hash}.` : `The stated head (event ${audit.head.sequence}) is not the log's last event (${head.sequence}).`, headHolds ? null : head.sequence);

    const { keyId } = await importPublicKey(audit.publicKey.pem);
    const trustedKeys =
      options.trustedPublicKeyPems === undefined
        ? null
        : await Promise.all(options.trustedPublicKeyPems.map(async (pem) => ({ pem, keyId: (await importPublicKey(pem)).keyId })));
    // With trusted keys, the signature is checked with the trusted key the file carries (else the one
    // its checkpoint names, else the first), never with anything the file carries: its key only names itself.
    const byId = (/** @type {unknown} */ id) => trustedKeys?.find((candidate) => candidate.keyId === id);
    const trusted = trustedKeys === null ? null : (byId(keyId) ?? byId(audit.checkpoint?.keyId) ?? trustedKeys[0] ?? null);
    const verifyingPem = trusted?.pem ?? audit.publicKey.pem;
    const verifyingKeyId = trusted?.keyId ?? keyId;
    if (trustedKeys !== null && trusted?.keyId !== keyId) {
      const ids = trustedKeys.map((candidate) => candidate.keyId);
      const trustedNames = ids.length === 0 ? 'you trust no key' : ids.length === 1 ? `the key you trust is ${ids[0]}` : `the keys you trust are ${ids.join(', ')}`;
      check('key', false, `Key mismatch: the export carries public key ${keyId}, but ${trustedNames}: this file was not signed by your deployment's key.`);
    } else if (keyId !== audit.publicKey.keyId) check('key', false, `The public key's id is ${keyId}, not the ${audit.publicKey.keyId} it claims.`);
    else check('key', true, trustedKeys !== null ? `Public key ${keyId} is a trusted key.` : `Public key ${keyId} is the one the file carries, not pinned: compare it with the key your deployment publishes at /api/audit/public-key.`);
    keyPinned = trustedKeys !== null;

    const checkpoint = audit.checkpoint;
    if (!checkpoint) {
      check('signature', false, 'No signed checkpoint: nothing proves that the newest events are all there.');
    } else {
      const signed = checkpoint.partnershipId === partnershipId && (await checkpointSignatureValid(verifyingPem, checkpoint));
      check(
        'signature',
        signed,
        signed
          ? `Checkpoint signature valid: key ${checkpoint.keyId} signed event ${checkpoint.sequence} with hash ${checkpoint.hash} at ${checkpoint.signedAt}.`
          : `Checkpoint signature invalid: key ${verifyingKeyId}${trusted === null ? '' : ' (trusted)'} did not sign this checkpoint of event ${checkpoint.sequence} of this partnership.`,
        signed ? null : checkpoint.sequence,
      );
      const atCheckpoint = audit.events.find((event) => event.sequence === checkpoint.sequence);
      if (atCheckpoint?.hash === checkpoint.hash) {
        check('checkpoint', true, `The log holds the signed checkpoint's event ${checkpoint.sequence} with its hash.`);
      } else if (!atCheckpoint) {
        const missing = head.sequence + 1;
        check('checkpoint', false, `The log ends at event ${head.sequence} but a signed checkpoint vouches for event ${checkpoint.sequence}: events ${missing} to ${checkpoint.sequence} were cut off.`, missing);
      } else {
        check('checkpoint', false, `Event ${checkpoint.sequence} is not the event the checkpoint signed (its hash differs).`, checkpoint.sequence);
      }
      const unsigned = audit.events.filter((event) => event.sequence > checkpoint.sequence).map((event) => event.sequence);
      if (unsigned.length > 0) check('tail', false, `Events ${unsigned.join(', ')} come after the newest signed checkpoint: no signature vouches for them.`, unsigned[0]);
      else check('tail', true, 'No event follows the signed checkpoint.');
    }

    if (options.displayed) {
      const difference = displayDifference(options.displayed, audit.events);
      if (difference) check('display', false, `The page is not the verified record: ${difference.detail}.`, difference.sequence);
      else check('display', true, `The page shows exactly the ${audit.events.length} events verified.`);
    }
  } catch (error) {
    check('export', false, `This file cannot be verified: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return report();
}

/** @param {string} text */
function unescapeHtml(text) {
  /** @type {Record<string, string>} */
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name) => {
    if (name[0] !== '#') return named[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * The export a file holds and, for a dossier, the events its page shows: what the command line verifies.
 * @param {string} text a JSON export or a dossier
 * @returns {{ kind: 'json' | 'dossier', exported: unknown, displayed?: DisplayedEvent[] }}
 */
export function readAuditFile(text) {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return { kind: 'json', exported: JSON.parse(trimmed) };
  // Written `<\/script>` so this very text can sit inside the dossier's own script element.
  const data = new RegExp(`<script type="application/json" id="${DOSSIER_IDS.data}">([\\s\\S]*?)<\\/script>`).exec(text);
  if (!data) throw new Error('it is neither a JSON export nor a dossier (no embedded export)');
  /** @type {DisplayedEvent[]} */
  const displayed = [];
  for (const [, sequence, body] of text.matchAll(/<article\b[^>]*\bdata-sequence="(\d+)"[^>]*>([\s\S]*?)<\/article>/g)) {
    /** @type {DisplayedEvent} */
    const shown = { sequence: Number(sequence) };
    for (const [, , field, content] of String(body).matchAll(/<(\w+)\b[^>]*\bdata-field="(\w+)"[^>]*>([^<]*)<\/\1>/g)) {
      if ((/** @type {readonly string[]} */ (DISPLAYED_EVENT_FIELDS)).includes(String(field))) shown[/** @type {typeof DISPLAYED_EVENT_FIELDS[number]} */ (field)] = unescapeHtml(String(content));
    }
    displayed.push(shown);
  }
  return { kind: 'dossier', exported: JSON.parse(String(data[1])), displayed };
}

/**
 * The little of the DOM the dossier's verifier touches, so this file needs no DOM types to check.
 * @typedef {{ textContent: string | null, className: string, dataset: Record<string, string | undefined>,
 *   querySelector(selector: string): DomElement | null, replaceChildren(...nodes: DomElement[]): void }} DomElement
 * @typedef {{ getElementById(id: string): DomElement | null, querySelectorAll(selector: string): Iterable<DomElement>,
 *   createElement(tag: string): DomElement }} DomDocument
 */

/**
 * The events a dossier page shows, read from the page itself.
 * @param {DomDocument} document
 * @returns {DisplayedEvent[]}
 */
function displayedEventsOf(document) {
  return Array.from(document.querySelectorAll('article[data-sequence]'), (element) => {
    /** @type {DisplayedEvent} */
    const shown = { sequence: Number(element.dataset.sequence) };
    for (const field of DISPLAYED_EVENT_FIELDS) {
      const cell = element.querySelector(`[data-field="${field}"]`);
      if (cell) shown[field] = cell.textContent ?? '';
    }
    return shown;
  });
}

/**
 * The dossier's inline script: verifies the export the page carries against the page, and shows the
 * result at the top. Writes text only (no markup), so nothing in the record can become markup.
 * @param {DomDocument} document
 */
export async function runDossierVerifier(document) {
  const section = document.getElementById(DOSSIER_IDS.verification);
  const verdict = document.getElementById(DOSSIER_IDS.verdict);
  const list = document.getElementById(DOSSIER_IDS.checks);
  if (!section || !verdict || !list) return;
  /** @type {unknown} */
  let exported = null;
  try {
    exported = JSON.parse(document.getElementById(DOSSIER_IDS.data)?.textContent ?? '');
  } catch {
    // Unreadable data fails the shape check below.
  }
  const result = await verifyAuditExport(exported, { displayed: displayedEventsOf(document) });
  section.dataset.state = result.valid ? VERIFICATION_STATES.holds : VERIFICATION_STATES.failed;
  verdict.textContent = result.valid
    ? `Chain and signature hold for key ${result.keyId} (${result.events} events, signed checkpoint at event ${result.checkpointSequence}); compare this id with the one your deployment publishes at /api/audit/public-key.`
    : `Not verified: ${result.failure?.detail ?? 'unknown failure'}`;
  list.replaceChildren(
    ...result.checks.map((outcome) => {
      const item = document.createElement('li');
      item.className = outcome.ok ? 'ok' : 'failed';
      item.textContent = `${outcome.ok ? '✓' : '✗'} ${outcome.detail}`;
      return item;
    }),
  );
}
