/**
 * The plain-JS verifier the dossier and scripts/verify-dossier.mjs share agrees with the server's
 * own hash chain and checkpoint signature, on events the decider itself produced, and catches each
 * tamper with the right sequence.
 */
import { generateKeyPairSync } from 'node:crypto';
import { decide, fold, SYSTEM_ACTOR, type Actor, type PartnershipCommand, type PartnershipEvent } from '@pe/domain';
import { describe, expect, it } from 'vitest';
import * as verifier from './audit-verifier.mjs';
import { checkpointMessage, checkpointSignatureValid, publishedKey, signCheckpoint, type SignedCheckpoint } from './checkpoint-signature.js';
import { actorOf, eventOf, type EventRow } from './event-row.js';
import { firstBrokenSequence } from './event-store.js';
import { GENESIS_HASH, canonicalJson, eventHash } from './hash.js';

const partnershipId = '5d1f6c1e-7a55-4f0e-9a43-2f1e8c0b9d11';
const coordinator: Actor = { kind: 'user', userId: '0b6f7d0e-4c1a-4d55-8f1e-2f7a9c3b1d20', role: 'coordinator', organizationId: '7a1c2e3f-1111-4222-8333-944455556666' };
const organizations = ['7a1c2e3f-1111-4222-8333-944455556666', '8b2d3f40-2222-4333-9444-a55566667777'];
const { privateKey } = generateKeyPairSync('ed25519');
const otherKey = generateKeyPairSync('ed25519').privateKey;

/** Text that tests every corner of JSON and of a page: markup, quotes, non-BMP characters, line breaks. */
const awkward = 'Cut </script><script>alert("x")</script> & “readmissions” — 病院 🏥\n\ttabbed \u2028 line';

/** Commands through the decider, as the workflow would send them, then stored as appendEvents stores them. */
function decidedEvents(): PartnershipEvent[] {
  const commands: PartnershipCommand[] = [
    {
      type: 'CreatePartnership',
      partnershipId,
      name: awkward,
      description: 'Hospitals and carriers',
      coordinatorId: coordinator.userId,
      sponsorId: '1c9e8d7f-3333-4444-8555-b66677778888',
      steeringGroupIds: ['1c9e8d7f-3333-4444-8555-b66677778888'],
      organizationIds: organizations,
      policy: { taskDue: 'P7D', reminderBeforeDue: 'P1D', overdueReminderEvery: 'P2D', escalateAfterOverdue: 'P5D', healthPulse: 'P2M', reviewCycle: 'P6M' },
    },
    {
      type: 'RecordGoals',
      goals: [
        { rank: 1, title: awkward, metric: 'per 1,000 = "rate"', baseline: 42.5, target: -0.1, dueDate: '2031-06-30' },
        { rank: 2, title: '=HYPERLINK("evil")', metric: '@share', baseline: 0, target: 1e21, dueDate: '2031-12-31' },
      ],
      scope: 'The eastern region',
    },
    { type: 'SubmitPriorities' },
  ];
  const events: PartnershipEvent[] = [];
  commands.forEach((command, index) => {
    events.push(...decide(fold(events), command, { now: new Date(Date.UTC(2030, 0, 14, 9, index, 0, 123)), actor: coordinator }));
  });
  expect(fold(events).status).toBe('active');
  return events;
}

/** Rows as the worker appends them: hashed by hash.ts, read back through eventOf. */
function storedRows(events: PartnershipEvent[]): EventRow[] {
  const rows: EventRow[] = [];
  for (const [index, event] of events.entries()) {
    const previousHash = rows.at(-1)?.hash ?? GENESIS_HASH;
    const unhashed: EventRow = {
      partnership_id: partnershipId,
      sequence: index + 1,
      type: event.type,
      occurred_at: new Date(event.at),
      actor_id: event.actor.userId,
      actor_role: event.actor.role,
      actor_organization_id: event.actor.organizationId,
      // What PostgreSQL's jsonb gives back.
      payload: JSON.parse(JSON.stringify(event.data)),
      previous_hash: previousHash,
      hash: '',
      workflow_run_id: 'run-1',
    };
    rows.push({ ...unhashed, hash: eventHash(previousHash, { partnershipId, ...eventOf(unhashed) }) });
  }
  return rows;
}

/** An export as the API builds it, through JSON as it travels. */
function exportOf(rows: EventRow[], checkpoint: SignedCheckpoint | null, key = privateKey): verifier.AuditExport {
  const last = rows.at(-1);
  return JSON.parse(
    JSON.stringify({
      format: verifier.AUDIT_EXPORT_FORMAT,
      partnership: { id: partnershipId, name: awkward },
      exportedAt: '2030-01-15T09:00:00.000Z',
      exportedBy: { id: 'auditor', name: 'Avery Auditor', role: 'auditor' },
      head: { sequence: last?.sequence ?? 0, hash: last?.hash ?? GENESIS_HASH },
      events: rows.map((row) => {
        const { sequence, type, at, data } = eventOf(row);
        return { sequence, type, at, actor: actorOf(row), actorName: 'Cora Coordinator', data, previousHash: row.previous_hash, hash: row.hash, workflowRunId: row.workflow_run_id };
      }),
      checkpoint,
      publicKey: publishedKey(key),
    }),
  ) as verifier.AuditExport;
}

function signedHead(rows: EventRow[], key = privateKey): SignedCheckpoint {
  const head = rows.at(-1)!;
  return signCheckpoint(key, { partnershipId, sequence: head.sequence, hash: head.hash, signedAt: '2030-01-14T09:05:00.000Z' });
}

describe('the shared verifier agrees with the server', () => {
  const rows = storedRows(decidedEvents());

  it('writes the same canonical JSON', () => {
    const values: unknown[] = [null, 0, -0, 1e21, 0.1, 'x', awkward, [1, undefined, { b: 1, a: [true, null] }], { z: undefined, é: 1, e: 2, E: 3, '10': 4, '9': 5 }, ...rows.map((row) => row.payload)];
    for (const value of values) expect(verifier.canonicalJson(value)).toBe(canonicalJson(value));
  });

  it('hashes every event of a real decision the way hash.ts does, a system actor’s too', async () => {
    const system: EventRow = { ...rows[0]!, sequence: rows.length + 1, actor_id: SYSTEM_ACTOR.userId, actor_role: 'system', actor_organization_id: null, previous_hash: rows.at(-1)!.hash };
    for (const row of [...rows, system]) {
      const event = { ...eventOf(row), actor: actorOf(row) };
      expect(await verifier.eventHash(row.previous_hash, partnershipId, event)).toBe(eventHash(row.previous_hash, { partnershipId, ...event }));
    }
  });

  it('rebuilds the signed checkpoint message byte for byte and agrees on every signature', async () => {
    const checkpoint = signedHead(rows);
    expect(Buffer.from(verifier.checkpointMessage(checkpoint))).toEqual(checkpointMessage(checkpoint));
    const { pem } = publishedKey(privateKey);
    const candidates: SignedCheckpoint[] = [
      checkpoint,
      { ...checkpoint, sequence: checkpoint.sequence + 1 },
      { ...checkpoint, signedAt: '2030-01-14T09:05:01.000Z' },
      { ...checkpoint, signature: signedHead(rows, otherKey).signature },
      signedHead(rows, otherKey),
      { ...checkpoint, signature: 'not base64 at all!' },
    ];
    const expected = candidates.map((candidate) => checkpointSignatureValid(privateKey, candidate));
    expect(expected).toEqual([true, false, false, false, false, false]);
    expect(await Promise.all(candidates.map((candidate) => verifier.checkpointSignatureValid(pem, candidate)))).toEqual(expected);
  });

  it('names the same first broken sequence as the event store for each tamper', async () => {
    const edited = rows.map((row) => (row.sequence === 2 ? { ...row, payload: { ...(row.payload as object), scope: 'smaller' } } : row));
    const deleted = rows.filter((row) => row.sequence !== 2);
    const swapped = [rows[0]!, { ...rows[2]!, sequence: 2 }, { ...rows[1]!, sequence: 3 }, ...rows.slice(3)];
    const forged: EventRow = { ...rows[1]!, sequence: 3, previous_hash: rows[1]!.hash };
    const inserted = [rows[0]!, rows[1]!, { ...forged, hash: eventHash(rows[1]!.hash, { partnershipId, ...eventOf(forged) }) }, ...rows.slice(2).map((row) => ({ ...row, sequence: row.sequence + 1 }))];
    for (const tampered of [rows, edited, deleted, swapped, inserted]) {
      const broken = await verifier.chainBreak(partnershipId, exportOf(tampered, null).events);
      expect(broken?.sequence ?? null).toBe(firstBrokenSequence(partnershipId, tampered));
    }
    expect(firstBrokenSequence(partnershipId, edited)).toBe(2);
  });
});

describe('verifying an export', () => {
  const rows = storedRows(decidedEvents());
  const failureOf = async (exported: unknown, options?: Parameters<typeof verifier.verifyAuditExport>[1]) => (await verifier.verifyAuditExport(exported, options)).failure;

  it('holds for an untouched export, every check passed', async () => {
    const report = await verifier.verifyAuditExport(exportOf(rows, signedHead(rows)));
    expect(report).toMatchObject({ valid: true, keyPinned: false, failure: null, partnershipId, events: rows.length, headSequence: rows.length, checkpointSequence: rows.length });
    expect(report.checks.map((check) => check.name)).toEqual(['chain', 'head', 'key', 'signature', 'checkpoint', 'tail']);
  });

  it('names the sequence of a changed payload', async () => {
    const exported = exportOf(rows, signedHead(rows));
    (exported.events[1]!.data as { scope: string }).scope = 'The western region';
    expect(await failureOf(exported)).toMatchObject({ name: 'chain', sequence: 2 });
  });

  it('catches a cut tail, even with the stated head made to fit', async () => {
    const exported = exportOf(rows, signedHead(rows));
    exported.events.pop();
    exported.head = { sequence: exported.events.at(-1)!.sequence, hash: exported.events.at(-1)!.hash };
    expect(await failureOf(exported)).toMatchObject({ name: 'checkpoint', sequence: rows.length });
  });

  it('catches a forged signature, a checkpoint of another partnership, and a missing checkpoint', async () => {
    const checkpoint = signedHead(rows);
    const forged = { ...checkpoint, signature: signedHead(rows, otherKey).signature };
    expect(await failureOf(exportOf(rows, forged))).toMatchObject({ name: 'signature', sequence: rows.length });
    const elsewhere = signCheckpoint(privateKey, { ...checkpoint, partnershipId: '00000000-0000-4000-8000-000000000000' });
    expect(await failureOf(exportOf(rows, elsewhere))).toMatchObject({ name: 'signature' });
    expect(await failureOf(exportOf(rows, null))).toMatchObject({ name: 'signature' });
  });

  it('catches events after the checkpoint that no signature vouches for', async () => {
    expect(await failureOf(exportOf(rows, signedHead(rows.slice(0, -1))))).toMatchObject({ name: 'tail', sequence: rows.length });
  });

  it('holds the key against a trusted one when given: a dossier re-signed with another key fails', async () => {
    const resigned = exportOf(rows, signedHead(rows, otherKey), otherKey);
    expect(await failureOf(resigned)).toBeNull();
    expect(await failureOf(resigned, { trustedPublicKeyPems: [publishedKey(privateKey).pem] })).toMatchObject({ name: 'key' });
    expect(await failureOf(exportOf(rows, signedHead(rows)), { trustedPublicKeyPems: [publishedKey(privateKey).pem] })).toBeNull();
  });

  it('calls a record pinned only when a trusted key was given: a forger’s self-carried key proves consistency, not origin', async () => {
    const forgedReport = await verifier.verifyAuditExport(exportOf(rows, signedHead(rows, otherKey), otherKey));
    expect(forgedReport).toMatchObject({ valid: true, keyPinned: false, keyId: publishedKey(otherKey).keyId });
    expect(forgedReport.checks.find((check) => check.name === 'key')?.detail).toContain('not pinned');
    const genuine = exportOf(rows, signedHead(rows));
    expect(await verifier.verifyAuditExport(genuine)).toMatchObject({ valid: true, keyPinned: false });
    expect(await verifier.verifyAuditExport(genuine, { trustedPublicKeyPems: [publishedKey(privateKey).pem] })).toMatchObject({ valid: true, keyPinned: true });
  });

  it('checks the signature with the trusted key, never the one the file carries, and names a key mismatch', async () => {
    const trustedPublicKeyPems = [publishedKey(privateKey).pem];
    const report = await verifier.verifyAuditExport(exportOf(rows, signedHead(rows, otherKey), otherKey), { trustedPublicKeyPems });
    expect(report).toMatchObject({ valid: false, keyPinned: false });
    expect(report.checks.find((check) => check.name === 'key')?.detail).toBe(
      `Key mismatch: the export carries public key ${publishedKey(otherKey).keyId}, but the key you trust is ${publishedKey(privateKey).keyId}: this file was not signed by your deployment's key.`,
    );
    expect(report.checks.find((check) => check.name === 'signature')).toMatchObject({ ok: false, sequence: rows.length });
    // The trusted key's signature holds even when the file carries (and claims) another key.
    const genuine = exportOf(rows, signedHead(rows));
    const swappedKey = { ...genuine, publicKey: publishedKey(otherKey) };
    const swapped = await verifier.verifyAuditExport(swappedKey, { trustedPublicKeyPems });
    expect(swapped.checks.find((check) => check.name === 'signature')).toMatchObject({ ok: true });
    expect(swapped).toMatchObject({ valid: false, failure: { name: 'key' } });
  });

  it('pins an export signed before a key rotation against the deployment’s previous key, and says which keys it trusts when none signed it', async () => {
    const rotatedTo = generateKeyPairSync('ed25519').privateKey;
    const beforeRotation = exportOf(rows, signedHead(rows));
    const deployment = [publishedKey(rotatedTo).pem, publishedKey(privateKey).pem];
    expect(await verifier.verifyAuditExport(beforeRotation, { trustedPublicKeyPems: deployment })).toMatchObject({ valid: true, keyPinned: true, keyId: publishedKey(privateKey).keyId });
    const afterRotation = exportOf(rows, signedHead(rows, rotatedTo), rotatedTo);
    expect(await verifier.verifyAuditExport(afterRotation, { trustedPublicKeyPems: deployment })).toMatchObject({ valid: true, keyPinned: true, keyId: publishedKey(rotatedTo).keyId });

    const previousDropped = await verifier.verifyAuditExport(beforeRotation, { trustedPublicKeyPems: [publishedKey(rotatedTo).pem, publishedKey(otherKey).pem] });
    expect(previousDropped).toMatchObject({ valid: false, keyPinned: false });
    expect(previousDropped.checks.find((check) => check.name === 'key')?.detail).toBe(
      `Key mismatch: the export carries public key ${publishedKey(privateKey).keyId}, but the keys you trust are ${publishedKey(rotatedTo).keyId}, ${publishedKey(otherKey).keyId}: this file was not signed by your deployment's key.`,
    );
  });

  it('checks a checkpoint with the trusted key it names when the file carries a key nobody trusts', async () => {
    const genuine = exportOf(rows, signedHead(rows));
    const swappedKey = { ...genuine, publicKey: publishedKey(otherKey) };
    const rotatedTo = generateKeyPairSync('ed25519').privateKey;
    const report = await verifier.verifyAuditExport(swappedKey, { trustedPublicKeyPems: [publishedKey(rotatedTo).pem, publishedKey(privateKey).pem] });
    expect(report.checks.find((check) => check.name === 'signature')).toMatchObject({ ok: true });
    expect(report).toMatchObject({ valid: false, failure: { name: 'key' } });
  });

  it('compares what a page shows with what it verified', async () => {
    const exported = exportOf(rows, signedHead(rows));
    const displayed = exported.events.map((event) => ({
      sequence: event.sequence,
      type: event.type,
      at: event.at,
      actor: event.actor.userId,
      data: verifier.displayedPayload(event.data),
      previousHash: event.previousHash,
      hash: event.hash,
    }));
    expect(await failureOf(exported, { displayed })).toBeNull();
    const edited = displayed.map((shown) => (shown.sequence === 2 ? { ...shown, data: shown.data.replace('eastern', 'western') } : shown));
    expect(await failureOf(exported, { displayed: edited })).toMatchObject({ name: 'display', sequence: 2 });
    expect(await failureOf(exported, { displayed: displayed.slice(0, -1) })).toMatchObject({ name: 'display', sequence: rows.length });
  });

  it('never throws on what is not an export', async () => {
    for (const junk of [null, 42, 'text', {}, { format: verifier.AUDIT_EXPORT_FORMAT }, { ...exportOf(rows, null), events: [{ sequence: 'one' }] }, { ...exportOf(rows, null), publicKey: { pem: 'garbage' } }]) {
      expect(await failureOf(junk)).toMatchObject({ name: 'export' });
    }
  });

  it('is text the dossier can carry inside a script element', async () => {
    const { auditVerifierSource } = await import('./audit-verifier-source.js');
    expect(auditVerifierSource()).not.toMatch(/<\/script|<!--/i);
  });
});
