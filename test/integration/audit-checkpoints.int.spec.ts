/**
 * Signed checkpoints and the tamper cases of the log, without Temporal: the worker signs each new
 * head as it appends, the API publishes the public key and holds the log against the newest
 * checkpoint. Rewriting or deleting takes a superuser who switches the append-only guard off;
 * appending a well-chained event needs only write access, which is why unsigned events count.
 */
import { createPublicKey } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkpointSignatureValid, eventHash, eventOf, type EventRow } from '@pe/persistence';
import { DEMO, login, request, type Session } from '../support/http.js';
import { createPartnership, submitGoals } from '../support/partnerships.js';
import { withGuardOff } from '../support/tamper.js';

let coordinator: Session;
let auditor: Session;
let db: pg.Client;

beforeAll(async () => {
  [coordinator, auditor] = await Promise.all([login(DEMO.coordinator), login(DEMO.auditor)]);
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
});

/** A partnership with four events, the last append's head signed. */
async function partnershipWithFourEvents(): Promise<string> {
  const { id } = await createPartnership(coordinator);
  await submitGoals(coordinator, id);
  return id;
}


/** previous_hash and hash of a copy of event `sequence` placed right after it, as a careful forger would chain it. */
async function forgedAfter(id: string, sequence: number): Promise<[string, string]> {
  const [original] = (await db.query('SELECT * FROM partnership_events WHERE partnership_id = $1 AND sequence = $2', [id, sequence])).rows as EventRow[];
  const forged: EventRow = { ...original!, sequence: sequence + 1, previous_hash: original!.hash };
  return [forged.previous_hash, eventHash(original!.hash, { partnershipId: id, ...eventOf(forged) })];
}

const verify = async (id: string) => (await auditor.get(`/api/partnerships/${id}/verify`)).body;

/**
 * Rewrites event `sequence`'s payload and gives the row a hash that is right for its new content and
 * its unchanged previous_hash, so the row checks out on its own: only the chain can catch it.
 */
async function rewriteSelfConsistently(id: string, sequence: number): Promise<void> {
  await db.query(`UPDATE partnership_events SET payload = jsonb_set(payload, '{scope}', '"a smaller scope"') WHERE partnership_id = $1 AND sequence = $2`, [id, sequence]);
  const [rewritten] = (await db.query('SELECT * FROM partnership_events WHERE partnership_id = $1 AND sequence = $2', [id, sequence])).rows as EventRow[];
  const ownHash = eventHash(rewritten!.previous_hash, { partnershipId: id, ...eventOf(rewritten!) });
  await db.query('UPDATE partnership_events SET hash = $3 WHERE partnership_id = $1 AND sequence = $2', [id, sequence, ownHash]);
}

describe('signed checkpoints', () => {
  it('publishes the public key to any signed-in role, and it checks the stored checkpoints', async () => {
    expect((await request('GET', '/api/audit/public-key')).status).toBe(401);
    const published = await auditor.get('/api/audit/public-key');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/), jwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect((await coordinator.get('/api/audit/public-key')).body).toEqual(published.body);

    const id = await partnershipWithFourEvents();
    const { rows } = await db.query('SELECT * FROM audit_checkpoints WHERE partnership_id = $1 ORDER BY sequence', [id]);
    expect(rows.length).toBeGreaterThan(0);
    const publicKey = createPublicKey(published.body.pem as string);
    for (const row of rows) {
      const checkpoint = { partnershipId: id, sequence: row.sequence, hash: row.hash, signedAt: new Date(row.signed_at).toISOString(), keyId: row.key_id, signature: row.signature };
      expect(checkpointSignatureValid(publicKey, checkpoint)).toBe(true);
    }
  });

  it('verifies an untouched log clean, with a valid checkpoint at its head', async () => {
    const id = await partnershipWithFourEvents();
    const report = await verify(id);
    expect(report).toMatchObject({
      valid: true,
      events: 4,
      firstBrokenSequence: null,
      truncated: false,
      missingSequences: [],
      unsignedSequences: [],
      checkpoint: { sequence: 4, hash: report.headHash, signatureValid: true, presentInLog: true },
    });
    expect(Date.parse(report.checkpoint.signedAt)).not.toBeNaN();
  });

  it('detects the newest events cut off after a checkpoint, which the chain alone cannot', async () => {
    const id = await partnershipWithFourEvents();
    await withGuardOff(db, 'partnership_events', () => db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence >= 3', [id]));
    expect(await verify(id)).toMatchObject({
      valid: false,
      events: 2,
      firstBrokenSequence: null,
      truncated: true,
      missingSequences: [3, 4],
      checkpoint: { sequence: 4, signatureValid: true, presentInLog: false },
    });
  });

  it('detects an event appended behind the worker’s back, chained well but never signed', async () => {
    const id = await partnershipWithFourEvents();
    // No guard to switch off: the append-only trigger stops rewrites, not appends.
    await db.query(
      `INSERT INTO partnership_events (partnership_id, sequence, type, occurred_at, actor_id, actor_role, actor_organization_id, payload, previous_hash, hash, workflow_run_id)
       SELECT partnership_id, 5, type, occurred_at, actor_id, actor_role, actor_organization_id, payload, $2, $3, workflow_run_id
       FROM partnership_events WHERE partnership_id = $1 AND sequence = 4`,
      [id, ...(await forgedAfter(id, 4))],
    );
    expect(await verify(id)).toMatchObject({
      valid: false,
      events: 5,
      firstBrokenSequence: null,
      truncated: false,
      unsignedSequences: [5],
      checkpoint: { sequence: 4, signatureValid: true, presentInLog: true },
    });
  });

  it('detects a forged checkpoint', async () => {
    const id = await partnershipWithFourEvents();
    // The forger claims a later head; without the private key the signature cannot follow.
    await withGuardOff(db, 'audit_checkpoints', () =>
      db.query(`UPDATE audit_checkpoints SET signed_at = signed_at + interval '1 day' WHERE partnership_id = $1 AND sequence = 4`, [id]),
    );
    expect(await verify(id)).toMatchObject({ valid: false, firstBrokenSequence: null, truncated: false, checkpoint: { sequence: 4, signatureValid: false, presentInLog: true } });
  });
});

describe('the hash chain names the sequence of each tamper', () => {
  const tampers: [string, (id: string) => Promise<unknown>, number][] = [
    ['a changed payload', (id) => db.query(`UPDATE partnership_events SET payload = jsonb_set(payload, '{scope}', '"a smaller scope"') WHERE partnership_id = $1 AND sequence = 2`, [id]), 2],
    ['a deleted row', (id) => db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence = 2', [id]), 2],
    [
      'two rows swapped',
      async (id) => {
        await db.query('UPDATE partnership_events SET sequence = 1000 WHERE partnership_id = $1 AND sequence = 2', [id]);
        await db.query('UPDATE partnership_events SET sequence = 2 WHERE partnership_id = $1 AND sequence = 3', [id]);
        await db.query('UPDATE partnership_events SET sequence = 3 WHERE partnership_id = $1 AND sequence = 1000', [id]);
      },
      2,
    ],
    [
      'an inserted row, its hash forged to follow its predecessor',
      async (id) => {
        await db.query('UPDATE partnership_events SET sequence = sequence + 1 WHERE partnership_id = $1 AND sequence = 4', [id]);
        await db.query('UPDATE partnership_events SET sequence = sequence + 1 WHERE partnership_id = $1 AND sequence = 3', [id]);
        await db.query(
          `INSERT INTO partnership_events (partnership_id, sequence, type, occurred_at, actor_id, actor_role, actor_organization_id, payload, previous_hash, hash, workflow_run_id)
           SELECT partnership_id, 3, type, occurred_at, actor_id, actor_role, actor_organization_id, payload, $2, $3, workflow_run_id
           FROM partnership_events WHERE partnership_id = $1 AND sequence = 2`,
          [id, ...(await forgedAfter(id, 2))],
        );
      },
      3,
    ],
    // Were each hash over its own row only, this rewrite would verify clean; chained, the next row
    // still points at the original hash.
    ['a row rewritten with a hash consistent with its own content', (id) => rewriteSelfConsistently(id, 2), 3],
  ];

  it.each(tampers)('%s', async (_tamper, edit, sequence) => {
    const id = await partnershipWithFourEvents();
    expect(await verify(id)).toMatchObject({ valid: true, firstBrokenSequence: null });
    await withGuardOff(db, 'partnership_events', () => edit(id));
    expect(await verify(id)).toMatchObject({ valid: false, firstBrokenSequence: sequence });
  });
});
