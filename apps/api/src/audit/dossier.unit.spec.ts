/**
 * The dossier keeps what people typed as text, and what it writes is what the shared verifier reads
 * back: the embedded export and the events its page shows.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { agreementHistory, decide, fold, partnershipMeasures, type ActivePartnership, type Actor, type PartnershipEvent } from '@pe/domain';
import { AUDIT_EXPORT_FORMAT, GENESIS_HASH, auditVerifierSource, eventHash, publishedKey, readAuditFile, signCheckpoint, verifyAuditExport, type AuditExport } from '@pe/persistence';
import { describe, expect, it } from 'vitest';
import { renderDossier } from './dossier.js';
import { escapeHtml } from './html.js';
import type { Names } from './names.js';

const partnershipId = '5d1f6c1e-7a55-4f0e-9a43-2f1e8c0b9d11';
const coordinator: Actor = { kind: 'user', userId: '0b6f7d0e-4c1a-4d55-8f1e-2f7a9c3b1d20', role: 'coordinator', organizationId: '7a1c2e3f-1111-4222-8333-944455556666' };
const hostile = '</script><script>alert("owned")</script><img src=x onerror=alert(1)> & \u2028';
const { privateKey } = generateKeyPairSync('ed25519');
const names: Names = { user: (id) => (id === coordinator.userId ? 'Cora <b>Coordinator</b>' : id), organization: (id) => `Org ${id.slice(0, 4)}` };

function content() {
  const events: PartnershipEvent[] = [];
  const meta = { now: new Date('2030-01-14T09:00:00.000Z'), actor: coordinator };
  events.push(
    ...decide(fold(events), {
      type: 'CreatePartnership',
      partnershipId,
      name: hostile,
      description: hostile,
      coordinatorId: coordinator.userId,
      sponsorId: '1c9e8d7f-3333-4444-8555-b66677778888',
      steeringGroupIds: [],
      organizationIds: ['7a1c2e3f-1111-4222-8333-944455556666', '8b2d3f40-2222-4333-9444-a55566667777'],
      policy: { taskDue: 'P7D', reminderBeforeDue: 'P1D', overdueReminderEvery: 'P2D', escalateAfterOverdue: 'P5D', healthPulse: 'P2M', reviewCycle: 'P6M' },
    }, meta),
  );
  events.push(...decide(fold(events), { type: 'RecordGoals', goals: [{ rank: 1, title: hostile, metric: hostile, baseline: 1, target: 2, dueDate: '2031-01-01' }], scope: hostile }, meta));
  const state = fold(events) as ActivePartnership;
  const exportedEvents: AuditExport['events'] = [];
  for (const [index, event] of events.entries()) {
    const previousHash = exportedEvents.at(-1)?.hash ?? GENESIS_HASH;
    const sequenced = { ...event, sequence: index + 1 };
    exportedEvents.push({ ...sequenced, actorName: 'Cora', previousHash, hash: eventHash(previousHash, { partnershipId, ...sequenced }), workflowRunId: 'run' });
  }
  const head = exportedEvents.at(-1)!;
  const exported: AuditExport = {
    format: AUDIT_EXPORT_FORMAT,
    partnership: { id: partnershipId, name: state.name },
    exportedAt: '2030-01-15T09:00:00.000Z',
    exportedBy: { id: 'a', name: hostile, role: 'auditor' },
    head: { sequence: head.sequence, hash: head.hash },
    events: exportedEvents,
    checkpoint: signCheckpoint(privateKey, { partnershipId, sequence: head.sequence, hash: head.hash, signedAt: '2030-01-14T09:01:00.000Z' }),
    publicKey: publishedKey(privateKey),
  };
  return { exported, state, agreements: agreementHistory(events), measures: partnershipMeasures(state, new Date('2030-01-15T09:00:00.000Z')), names };
}

describe('the dossier', () => {
  const dossier = renderDossier(content(), auditVerifierSource());

  it('turns nothing from the record into markup', () => {
    const scripts = [...dossier.html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/g)];
    expect(scripts.map((script) => /<script\b[^>]*>/.exec(script[0])![0])).toEqual(['<script type="application/json" id="audit-export">', '<script type="module">']);
    expect(dossier.html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')).not.toMatch(/<script/i);
    expect(dossier.html).not.toContain('<img');
    expect(dossier.html).not.toContain('<b>');
    expect(dossier.html).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;owned&quot;)');
    expect(dossier.html).toContain('Cora &lt;b&gt;Coordinator&lt;/b&gt;');
  });

  it('allows its own script and style by their hashes and nothing else, in the meta tag it states', () => {
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(dossier.html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(dossier.html)![1]!;
    const hash = (text: string) => createHash('sha256').update(text).digest('base64');
    expect(dossier.contentSecurityPolicy).toBe(`default-src 'none'; script-src 'sha256-${hash(script)}'; style-src 'sha256-${hash(style)}'; base-uri 'none'; form-action 'none'`);
    expect(dossier.html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(dossier.contentSecurityPolicy)}">`);
    expect(script.startsWith(auditVerifierSource())).toBe(true);
  });

  it('reads back, through the shared verifier, as the export it carries and the events it shows, and verifies', async () => {
    const file = readAuditFile(dossier.html);
    expect(file.kind).toBe('dossier');
    expect(file.exported).toEqual(JSON.parse(JSON.stringify(content().exported)));
    const report = await verifyAuditExport(file.exported, { displayed: file.displayed });
    expect(report.failure).toBeNull();
    expect(report.checks.map((check) => check.name)).toContain('display');
  });

  it('names the signing key beside the verdict and says which sections the signature does not cover', () => {
    const { keyId } = content().exported.publicKey;
    const verification = /<section id="verification"[\s\S]*?<\/section>/.exec(dossier.html)![0];
    expect(verification).toContain(`Signed by key <code>${keyId}</code>`);
    expect(verification).toContain('compare this id with the one your deployment publishes at <code>/api/audit/public-key</code>');
    for (const section of ['summary', 'agreements', 'measures']) {
      const body = new RegExp(`<section id="${section}"[\\s\\S]*?</section>`).exec(dossier.html)![0];
      expect(body, section).toContain('Derived from the events when the file was exported; not signed');
    }
  });

  it('fails the display check when one byte of a shown payload changes', async () => {
    const tampered = dossier.html.replace('&quot;scope&quot;: &quot;&lt;/script&gt;', '&quot;scope&quot;: &quot;&lt;/Script&gt;');
    expect(tampered).not.toBe(dossier.html);
    const file = readAuditFile(tampered);
    expect((await verifyAuditExport(file.exported, { displayed: file.displayed })).failure).toMatchObject({ name: 'display', sequence: 2 });
  });
});
