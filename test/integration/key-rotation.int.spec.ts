/**
 * Rotating the deployment's keys as docs/operations.md says, against real API and worker processes of
 * this file's own (the shared PostgreSQL and Temporal, a task queue of their own):
 * - the audit signing key: the API first (the new key, the old one's public half as previous), then
 *   the workers. Checkpoints signed with the old key still verify at the API, in verify-all and in
 *   exports made before and after, and scripts/verify-dossier.mjs pins both against the published
 *   keys. An API not told the previous key calls those checkpoints forged: that is what it prevents.
 * - the JWT secret: a token issued before the rotation works until it expires while the old secret is
 *   listed as previous; new tokens are signed with the new secret alone; without it, the old token is refused.
 */
import { spawnSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Service } from '@pe/devstack';
import { keyIdOf } from '@pe/persistence';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, listQuery, login, requestAt, type Session } from '../support/http.js';
import { createPartnership, smartGoals } from '../support/partnerships.js';
import { privateSetting, startApi, startWorker, type PrivateSetting } from '../support/private-processes.js';

const SCRIPT = join(process.cwd(), 'scripts', 'verify-dossier.mjs');
const workDir = mkdtempSync(join(tmpdir(), 'key-rotation-'));
const running = new Set<Service>();

afterAll(async () => {
  for (const service of running) await service.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function api(setting: PrivateSetting & Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const { url, service } = await startApi(setting);
  running.add(service);
  return { url, stop: () => service.stop().then(() => void running.delete(service)) };
}

async function worker(setting: PrivateSetting & Record<string, string>): Promise<{ stop: () => Promise<void> }> {
  const service = await startWorker(setting);
  running.add(service);
  return { stop: () => service.stop().then(() => void running.delete(service)) };
}

const privatePem = (key: KeyObject) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
const publicDer = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64');

interface Proof {
  valid: boolean;
  checkpoint: { sequence: number; keyId: string; signatureValid: boolean; presentInLog: boolean } | null;
  unsignedSequences: number[];
}

const proofOf = async (session: Session, id: string) => {
  const reply = await session.get<Proof>(`/api/partnerships/${id}/verify`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
};

/** The id just below `id`, so a verify-all page of one after it holds this partnership alone. */
function cursorBefore(id: string): string {
  const hex = (BigInt(`0x${id.replace(/-/g, '')}`) - 1n).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function verdictOf(session: Session, id: string): Promise<string> {
  const page = await session.get<{ partnerships: { partnershipId: string; verdict: string }[] }>(`/api/audit/verification?limit=1&after=${cursorBefore(id)}`);
  expect(page.status, JSON.stringify(page.body)).toBe(200);
  expect(page.body.partnerships[0]?.partnershipId).toBe(id);
  return page.body.partnerships[0]!.verdict;
}

async function exportText(session: Session, baseUrl: string, id: string, format: 'json' | 'dossier'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/partnerships/${id}/export?format=${format}`, { headers: { authorization: `Bearer ${session.token}` } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text;
}

function verifyFile(name: string, content: string, publicKeyJson: unknown) {
  const file = join(workDir, name);
  writeFileSync(file, content);
  const keyFile = join(workDir, `${name}.public-key.json`);
  writeFileSync(keyFile, JSON.stringify(publicKeyJson));
  return spawnSync(process.execPath, [SCRIPT, file, '--public-key', keyFile], { encoding: 'utf8' });
}

async function recordGoals(coordinator: Session, id: string): Promise<void> {
  const reply = await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'RecordGoals', goals: smartGoals(), scope: 'The eastern region' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

describe('rotating the audit signing key', () => {
  it('keeps checkpoints signed with the old key verifiable at the API and away from it, once the API lists its public half', async () => {
    const oldKey = generateKeyPairSync('ed25519');
    const newKey = generateKeyPairSync('ed25519');
    const [oldId, newId] = [keyIdOf(oldKey.publicKey), keyIdOf(newKey.publicKey)];
    const base = privateSetting();
    const before = { ...base, AUDIT_SIGNING_KEY: privatePem(oldKey.privateKey) };
    const rotated = { ...base, AUDIT_SIGNING_KEY: privatePem(newKey.privateKey), AUDIT_PREVIOUS_PUBLIC_KEYS: publicDer(oldKey.publicKey) };

    // Before the rotation: two partnerships, each head signed with the old key.
    let signer = await worker(before);
    let server = await api(before);
    let [coordinator, auditor] = await Promise.all([login(DEMO.coordinator, { baseUrl: server.url }), login(DEMO.auditor, { baseUrl: server.url })]);
    const touched = (await createPartnership(coordinator)).id;
    const untouched = (await createPartnership(coordinator)).id;
    expect((await proofOf(auditor, touched)).checkpoint).toMatchObject({ keyId: oldId, signatureValid: true });
    const exportedBefore = await exportText(auditor, server.url, untouched, 'dossier');
    await server.stop();

    // The API first: it publishes the new key, and still verifies what the old one signed.
    server = await api(rotated);
    [coordinator, auditor] = await Promise.all([login(DEMO.coordinator, { baseUrl: server.url }), login(DEMO.auditor, { baseUrl: server.url })]);
    const published = (await auditor.get('/api/audit/public-key')).body as { keyId: string; previousKeys: { keyId: string; pem: string }[] };
    expect(published.keyId).toBe(newId);
    expect(published.previousKeys.map((key) => key.keyId)).toEqual([oldId]);
    expect(await proofOf(auditor, untouched)).toMatchObject({ valid: true, checkpoint: { keyId: oldId, signatureValid: true, presentInLog: true } });
    // Workers not rolled yet still sign with the old key, and that verifies too.
    await recordGoals(coordinator, touched);
    expect(await proofOf(auditor, touched)).toMatchObject({ valid: true, checkpoint: { sequence: 2, keyId: oldId, signatureValid: true } });

    // Then the workers: new heads are signed with the new key.
    await signer.stop();
    signer = await worker(rotated);
    await recordGoals(coordinator, touched);
    expect(await proofOf(auditor, touched)).toMatchObject({ valid: true, checkpoint: { sequence: 3, keyId: newId, signatureValid: true }, unsignedSequences: [] });
    expect(await verdictOf(auditor, touched)).toBe('valid');
    expect(await verdictOf(auditor, untouched)).toBe('valid');

    // Exports: an old one, and one made now of a log whose newest checkpoint is still the old key's
    // (it carries that key, so it verifies by itself), both pinned against the published keys.
    const exportedAfter = JSON.parse(await exportText(auditor, server.url, untouched, 'json')) as { publicKey: { keyId: string } };
    expect(exportedAfter.publicKey.keyId).toBe(oldId);
    expect(JSON.parse(await exportText(auditor, server.url, touched, 'json'))).toMatchObject({ publicKey: { keyId: newId }, checkpoint: { keyId: newId } });
    for (const [name, content] of [
      ['before-rotation-dossier.html', exportedBefore],
      ['after-rotation.json', JSON.stringify(exportedAfter)],
      ['new-key.json', await exportText(auditor, server.url, touched, 'json')],
    ] as const) {
      const checked = verifyFile(name, content, published);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
      expect(checked.stdout).toContain('VERIFIED');
    }
    await server.stop();

    // Without the previous key listed, the API and the script call the old key's checkpoints forged.
    const forgetful = await api({ ...rotated, AUDIT_PREVIOUS_PUBLIC_KEYS: '' });
    const forgetfulAuditor = await login(DEMO.auditor, { baseUrl: forgetful.url });
    expect(await proofOf(forgetfulAuditor, untouched)).toMatchObject({ valid: false, checkpoint: { keyId: oldId, signatureValid: false } });
    expect(await verdictOf(forgetfulAuditor, untouched)).toBe('forged');
    expect(await proofOf(forgetfulAuditor, touched)).toMatchObject({ valid: true });
    const currentOnly = (await forgetfulAuditor.get('/api/audit/public-key')).body as { previousKeys: unknown[] };
    expect(currentOnly.previousKeys).toEqual([]);
    const refused = verifyFile('before-rotation-unlisted.html', exportedBefore, currentOnly);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(`Key mismatch: the export carries public key ${oldId}, but the key you trust is ${newId}`);
    await forgetful.stop();
    await signer.stop();
    // Two workers and three API processes start one after another.
  }, 600_000);
});

/** The HS256 signature a JWT would carry if `secret` had signed it. */
const signatureWith = (token: string, secret: string) => createHmac('sha256', secret).update(token.split('.').slice(0, 2).join('.')).digest('base64url');

describe('rotating the JWT secret', () => {
  it('accepts tokens of a previous secret until they expire, signs new ones with the current secret alone, and refuses old ones once it is dropped', async () => {
    const oldSecret = randomBytes(32).toString('hex');
    const newSecret = randomBytes(32).toString('hex');
    const base = privateSetting();

    const before = await api({ ...base, JWT_SECRET: oldSecret });
    const signedBefore = await login(DEMO.coordinator, { baseUrl: before.url });
    await before.stop();

    const [rotated, dropped] = await Promise.all([api({ ...base, JWT_SECRET: newSecret, JWT_PREVIOUS_SECRETS: oldSecret }), api({ ...base, JWT_SECRET: newSecret })]);
    const me = (url: string, token: string) => requestAt(url, 'GET', `/api/partnerships?${listQuery({})}`, { token });
    expect((await me(rotated.url, signedBefore.token)).status).toBe(200);

    const signedAfter = await login(DEMO.coordinator, { baseUrl: rotated.url });
    expect(signedAfter.token.split('.')[2]).toBe(signatureWith(signedAfter.token, newSecret));
    expect((await me(rotated.url, signedAfter.token)).status).toBe(200);
    expect((await me(dropped.url, signedAfter.token)).status).toBe(200);

    expect(await me(dropped.url, signedBefore.token)).toMatchObject({ status: 401, body: { code: 'AUTH.UNAUTHENTICATED' } });
    // A previous secret verifies only what it signed: a token signed with neither is refused.
    const [header, payload] = signedBefore.token.split('.');
    const stranger = `${header}.${payload}.${signatureWith(signedBefore.token, randomBytes(32).toString('hex'))}`;
    expect(await me(rotated.url, stranger)).toMatchObject({ status: 401, body: { code: 'AUTH.UNAUTHENTICATED' } });
    await Promise.all([rotated.stop(), dropped.stop()]);
  }, 300_000);
});
