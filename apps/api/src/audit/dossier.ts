/**
 * The audit dossier: one HTML file that opens offline and proves itself. It shows the partnership's
 * summary, every agreement version with its signatures, the measures, and every event with its actor,
 * payload and hashes; it carries the same export as the JSON format (the events, the newest signed
 * checkpoint and the public key) and, as its only script, the shared verifier (audit-verifier.mjs),
 * which recomputes the chain, checks the signature and that the page shows exactly the events it
 * verified. A Content-Security-Policy allows that one script and that one style by their hashes and
 * nothing else: no request leaves the file.
 */
import { createHash } from 'node:crypto';
import type { ActivePartnership, AgreementContent, AgreementVersion, Goal, PartnershipMeasures } from '@pe/domain';
import {
  DISPLAYED_EVENT_FIELDS,
  DOSSIER_IDS,
  VERIFICATION_STATES,
  displayedPayload,
  type AuditExport,
  type ExportedEvent,
} from '@pe/persistence';
import { html, rawText, type Html } from './html.js';
import type { Names } from './names.js';

export interface DossierContent {
  exported: AuditExport;
  state: ActivePartnership;
  agreements: AgreementVersion[];
  measures: PartnershipMeasures;
  names: Names;
}

export interface Dossier {
  html: string;
  /** The policy the file's own meta tag states, for the response header too. */
  contentSecurityPolicy: string;
}

const STYLE = `
:root { color-scheme: light; --ink: #1d2329; --muted: #5b6570; --line: #d5dae0; --bad: #a4161a; --bad-bg: #fdecec; --wait: #7a5b00; --wait-bg: #fff6da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 64rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 0.4rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; overflow-wrap: anywhere; }
h4 { font-size: 0.95rem; margin: 0.9rem 0 0.2rem; color: var(--muted); }
.kicker, .meta { color: var(--muted); margin: 0; }
code, pre { font: 12px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; margin: 0.3rem 0; padding: 0.5rem; background: #f4f6f8; border-radius: 4px; }
dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0.4rem 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { font-weight: 600; color: var(--muted); }
nav ul { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; padding: 0; margin: 0.8rem 0 0; list-style: none; }
nav a { color: inherit; }
#${DOSSIER_IDS.verification} { margin-top: 1rem; padding: 0.8rem 1rem; border: 2px solid; border-radius: 6px; }
#${DOSSIER_IDS.verification} h2 { margin: 0 0 0.3rem; border: 0; padding: 0; }
#${DOSSIER_IDS.verdict} { font-weight: 600; font-size: 1.05rem; margin: 0; overflow-wrap: anywhere; }
#${DOSSIER_IDS.checks} { margin: 0.5rem 0 0; padding-left: 0; list-style: none; font-size: 0.9rem; overflow-wrap: anywhere; }
#${DOSSIER_IDS.checks} .failed { color: var(--bad); font-weight: 600; }
#${DOSSIER_IDS.verification}[data-state="${VERIFICATION_STATES.pending}"] { border-color: var(--wait); background: var(--wait-bg); }
#${DOSSIER_IDS.verification}[data-state="${VERIFICATION_STATES.holds}"] { border-color: var(--wait); background: var(--wait-bg); }
#${DOSSIER_IDS.verification}[data-state="${VERIFICATION_STATES.holds}"] #${DOSSIER_IDS.verdict} { color: var(--wait); }
#signing-key code { font-size: 1rem; font-weight: 700; }
#${DOSSIER_IDS.verification}[data-state="${VERIFICATION_STATES.failed}"] { border-color: var(--bad); background: var(--bad-bg); }
#${DOSSIER_IDS.verification}[data-state="${VERIFICATION_STATES.failed}"] #${DOSSIER_IDS.verdict} { color: var(--bad); }
.note { color: var(--muted); font-size: 0.9rem; }
ol.events { list-style: none; padding: 0; margin: 0; }
article.agreement { border-left: 3px solid var(--line); padding-left: 0.8rem; }
article.event { border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.6rem 0; }
article.event h3 { margin: 0 0 0.2rem; }
article.event p { margin: 0.15rem 0; }
.label { color: var(--muted); }
@media print { body { font-size: 11px; } main { max-width: none; } article.event { break-inside: avoid; } }
`;

/** A time as people read it in a dossier meant for any reader anywhere: UTC, to the second. */
const readable = (instant: string | null | undefined) => (instant ? `${instant.slice(0, 19).replace('T', ' ')} UTC` : '—');
const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);
const number = (value: number | null) => (value === null ? '—' : String(Math.round(value * 100) / 100));
const humanize = (code: string) => code.toLowerCase().replace(/_/g, ' ');

function actorLabel(event: ExportedEvent, names: Names): string {
  if (event.actor.kind === 'system') return 'The system (timers)';
  const organization = event.actor.organizationId ? `, ${names.organization(event.actor.organizationId)}` : '';
  return `${event.actorName ?? event.actor.userId} (${event.actor.role}${organization})`;
}

/** A table, or a note when there is nothing to put in it. */
function table(headings: string[], rows: Html[], none: string): Html {
  if (rows.length === 0) return html`<p class="note">${none}</p>`;
  return html`<div class="table"><table><thead><tr>${headings.map((heading) => html`<th>${heading}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function goalsTable(goals: Goal[]): Html {
  return table(
    ['Rank', 'Goal', 'Metric', 'Baseline → target', 'Due'],
    goals.map((goal) => html`<tr><td>${goal.rank}</td><td>${goal.title}</td><td>${goal.metric}</td><td>${goal.baseline} → ${goal.target}</td><td>${goal.dueDate}</td></tr>`),
    'No goals recorded.',
  );
}

/** What the signature does not cover, said where the unsigned parts are shown. */
const UNSIGNED_NOTE = 'The summary, the agreement versions and the measures are derived from those events when the file was exported, and names come from the directory: they are not signed.';
const DERIVED = html`<p class="note">Derived from the events when the file was exported; not signed (only the events under Timeline and their head are).</p>`;

function summary({ state, exported, names }: DossierContent): Html {
  const rows: [string, string][] = [
    ['Stage', humanize(state.stage) + (state.hold ? ` (on hold since ${readable(state.hold.since)}: ${state.hold.reason})` : '')],
    ['Description', state.description || '—'],
    ['Coordinator', names.user(state.coordinatorId)],
    ['Sponsor', names.user(state.sponsorId)],
    ['Organizations', state.organizationIds.map((id) => names.organization(id)).join(', ')],
    ['Management model', state.managementModel ?? '—'],
    ['Run of the method', String(state.generation + 1)],
    ['Review cycle', String(state.cycle)],
    ['Created', readable(state.createdAt)],
    ['Last event', readable(state.updatedAt)],
    ['Events', String(exported.events.length)],
  ];
  return html`<section id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
${DERIVED}
<dl>${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
<h3>Goals</h3>
${goalsTable(state.goals)}
<h3>Scope</h3>
<p>${state.scope || '—'}</p>
</section>`;
}

/** What the partners signed, readably: the raw content is in the AgreementIssued event's payload below. */
function agreementContent(content: AgreementContent, names: Names): Html {
  const { governance } = content;
  return html`<h4>Goals</h4>
${goalsTable(content.goals)}
<h4>Roles</h4>
${table(
  ['Organization', 'Goal', 'Responsibility'],
  content.roles.map((role) => html`<tr><td>${names.organization(role.organizationId)}</td><td>${role.goalRank}</td><td>${role.responsibility}</td></tr>`),
  'No roles.',
)}
<h4>Resources</h4>
${table(
  ['Organization', 'Commitment', 'Amount'],
  content.resources.map(
    (resource) => html`<tr><td>${names.organization(resource.organizationId)}</td><td>${resource.description}</td><td>${resource.amount === null ? '—' : `${resource.amount} ${resource.unit ?? ''}`}</td></tr>`,
  ),
  'No resources committed.',
)}
<h4>KPIs</h4>
${table(
  ['KPI', 'Owner', 'Baseline → target', 'Goal', 'Measured every'],
  content.kpis.map(
    (kpi) =>
      html`<tr><td>${kpi.name}</td><td>${names.organization(kpi.ownerOrganizationId)}</td><td>${kpi.baseline} → ${kpi.target} ${kpi.unit}</td><td>${kpi.goalRank ?? '—'}</td><td>${kpi.cadence}</td></tr>`,
  ),
  'No KPIs.',
)}
<dl>
<dt>Scope</dt><dd>${content.scope || '—'}</dd>
<dt>Management model</dt><dd>${content.managementModel}</dd>
<dt>Decision rule</dt><dd>${governance.decisionRule || '—'}</dd>
<dt>Escalation path</dt><dd>${governance.escalationPath || '—'}</dd>
<dt>Points of contact</dt><dd>${Object.entries(governance.pointsOfContact).map(([organizationId, userId]) => `${names.organization(organizationId)}: ${names.user(userId)}`).join('; ') || '—'}</dd>
<dt>Conflict process</dt><dd>${content.conflictProcess || '—'}</dd>
<dt>Termination options</dt><dd>${content.terminationOptions.map(humanize).join(', ') || '—'} (notice ${content.noticePeriod || '—'})</dd>
</dl>`;
}

function agreementVersion(version: AgreementVersion, names: Names): Html {
  return html`<article class="agreement">
<h3>Version ${version.version}${version.generation > 0 ? ` of run ${version.generation + 1}` : ''}: ${humanize(version.status)}</h3>
<dl>
<dt>Issued</dt><dd>${readable(version.issuedAt)} by ${names.user(version.issuedBy)}</dd>
<dt>Signing rule</dt><dd>${version.rule ?? '—'}</dd>
<dt>Decided</dt><dd>${readable(version.decidedAt)}</dd>
</dl>
${table(
  ['Organization', 'Signed by', 'When'],
  Object.entries(version.signatures).map(
    ([organizationId, signature]) => html`<tr><td>${names.organization(organizationId)}</td><td>${names.user(signature.userId)}</td><td>${readable(signature.at)}</td></tr>`,
  ),
  'No signature.',
)}
${
  Object.keys(version.refusals).length === 0
    ? ''
    : table(
        ['Organization', 'Refused by', 'When', 'Reason'],
        Object.entries(version.refusals).map(
          ([organizationId, refusal]) =>
            html`<tr><td>${names.organization(organizationId)}</td><td>${names.user(refusal.userId)}</td><td>${readable(refusal.at)}</td><td>${refusal.reason}</td></tr>`,
        ),
        '',
      )
}
${agreementContent(version.content, names)}
</article>`;
}

function agreements({ agreements, names }: DossierContent): Html {
  return html`<section id="agreements" aria-labelledby="agreements-heading">
<h2 id="agreements-heading">Agreement versions</h2>
${DERIVED}
${agreements.length === 0 ? html`<p class="note">No agreement has been issued.</p>` : agreements.map((version) => agreementVersion(version, names))}
</section>`;
}

function measures({ measures, state, names }: DossierContent): Html {
  const kpis = new Map(state.kpis.map((kpi) => [kpi.id, kpi]));
  const rows: [string, string][] = [
    ['Review cycle', String(measures.cycle)],
    ['KPIs on track', percent(measures.shareOnTrack)],
    ['Measurements on time', percent(measures.onTimeSubmissionRate)],
    ['Partner NPS', number(measures.partnerNps)],
    ['Goal attainment (T-score)', number(measures.goalAttainmentTScore)],
    ['Health-check gap between partners', number(measures.healthGap?.overall ?? null)],
    // Only under a communication plan: a dossier of a partnership without one reads as before.
    ...(measures.communication ? [['Check-ins held', `${measures.communication.held} of ${measures.communication.planned} (${percent(measures.communication.rate)})`] as [string, string]] : []),
  ];
  return html`<section id="measures" aria-labelledby="measures-heading">
<h2 id="measures-heading">Measures</h2>
${DERIVED}
<dl>${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
${table(
  ['KPI', 'Owner', 'Baseline → target', 'Latest', 'On track'],
  measures.kpis.map((status) => {
    const kpi = kpis.get(status.kpiId);
    return html`<tr><td>${kpi?.name ?? status.kpiId}</td><td>${kpi ? names.organization(kpi.ownerOrganizationId) : '—'}</td><td>${kpi ? `${kpi.baseline} → ${kpi.target} ${kpi.unit}` : '—'}</td><td>${number(status.actual)}</td><td>${status.onTrack === null ? '—' : status.onTrack ? 'yes' : 'no'}</td></tr>`;
  }),
  'No KPI defined.',
)}
</section>`;
}

function proof({ exported }: DossierContent): Html {
  const { head, checkpoint, publicKey } = exported;
  return html`<section id="proof" aria-labelledby="proof-heading">
<h2 id="proof-heading">Proof</h2>
<dl>
<dt>Head</dt><dd>event ${head.sequence}, hash <code>${head.hash}</code></dd>
${
  checkpoint
    ? html`<dt>Signed checkpoint</dt><dd>event ${checkpoint.sequence}, hash <code>${checkpoint.hash}</code></dd>
<dt>Signed at</dt><dd>${readable(checkpoint.signedAt)}</dd>
<dt>Signature</dt><dd><code>${checkpoint.signature}</code> (Ed25519)</dd>`
    : html`<dt>Signed checkpoint</dt><dd>none</dd>`
}
<dt>Key id</dt><dd><code>${publicKey.keyId}</code></dd>
</dl>
<p class="label">Public key (${publicKey.algorithm})</p>
<pre>${publicKey.pem}</pre>
<p class="note">Compare the key id with the one the deployment publishes at <code>/api/audit/public-key</code>: a file re-signed with another key holds against that other key.</p>
</section>`;
}

/** One event, its verified fields each marked with data-field (DISPLAYED_EVENT_FIELDS) for the verifier to compare. */
function event(entry: ExportedEvent, names: Names): Html {
  const field: Record<(typeof DISPLAYED_EVENT_FIELDS)[number], string> = {
    type: entry.type,
    at: entry.at,
    actor: entry.actor.userId,
    data: displayedPayload(entry.data),
    previousHash: entry.previousHash,
    hash: entry.hash,
  };
  return html`<li><article class="event" id="event-${entry.sequence}" data-sequence="${entry.sequence}">
<h3>#${entry.sequence} <span data-field="type">${field.type}</span></h3>
<p><span class="label">When</span> <code data-field="at">${field.at}</code> · <span class="label">By</span> ${actorLabel(entry, names)} <code data-field="actor">${field.actor}</code></p>
<pre data-field="data">${field.data}</pre>
<p><span class="label">Previous hash</span> <code data-field="previousHash">${field.previousHash}</code></p>
<p><span class="label">Hash</span> <code data-field="hash">${field.hash}</code></p>
</article></li>`;
}

const base64Sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

/** The export as the page's data: JSON with every `<` escaped, so no text in it can close the element. */
const embeddedJson = (exported: AuditExport) => JSON.stringify(exported).replace(/</g, '\\u003c');

export function renderDossier(content: DossierContent, verifierSource: string): Dossier {
  const { exported } = content;
  const script = `${verifierSource}\nawait runDossierVerifier(document);\n`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src 'sha256-${base64Sha256(script)}'`,
    `style-src 'sha256-${base64Sha256(STYLE)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit dossier: ${exported.partnership.name} (to event ${exported.head.sequence})</title>
<style>${rawText('style', STYLE)}</style>
</head>
<body>
<main>
<header>
<p class="kicker">Partnership Engine · audit dossier</p>
<h1>${exported.partnership.name}</h1>
<p class="meta">Partnership <code>${exported.partnership.id}</code> · ${exported.events.length} events to event ${exported.head.sequence} · exported ${readable(exported.exportedAt)} by ${exported.exportedBy.name} (${exported.exportedBy.role})</p>
</header>
<section id="${DOSSIER_IDS.verification}" data-state="${VERIFICATION_STATES.pending}" aria-live="polite" aria-labelledby="verification-heading">
<h2 id="verification-heading">Verification</h2>
<p id="${DOSSIER_IDS.verdict}">Not verified yet: the verifier in this file has not run. It needs JavaScript; or check the file from a terminal with <code>node scripts/verify-dossier.mjs &lt;this file&gt; --public-key &lt;the deployment's key&gt;</code> in a clone of Partnership Engine.</p>
<p id="signing-key">Signed by key <code>${exported.publicKey.keyId}</code>. This file carries that key itself, so a copy re-signed by someone else with a key of their own holds too: compare this id with the one your deployment publishes at <code>/api/audit/public-key</code>, or check the file with <code>node scripts/verify-dossier.mjs &lt;this file&gt; --public-key &lt;that key&gt;</code>.</p>
<ul id="${DOSSIER_IDS.checks}"></ul>
<p class="note">The verifier proves the events listed under Timeline (each hash chained to the one before it) and that the key above signed their head. ${UNSIGNED_NOTE}</p>
</section>
<nav aria-label="Contents"><ul><li><a href="#summary">Summary</a></li><li><a href="#agreements">Agreement versions</a></li><li><a href="#measures">Measures</a></li><li><a href="#proof">Proof</a></li><li><a href="#timeline">Timeline</a></li></ul></nav>
${summary(content)}
${agreements(content)}
${measures(content)}
${proof(content)}
<section id="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<p class="note">Every event, oldest first, with who did it, what it recorded and its place in the hash chain.</p>
<ol class="events">${exported.events.map((entry) => event(entry, content.names))}</ol>
</section>
</main>
<script type="application/json" id="${DOSSIER_IDS.data}">${rawText('script', embeddedJson(exported))}</script>
<script type="module">${rawText('script', script)}</script>
</body>
</html>
`;
  return { html: page.text, contentSecurityPolicy };
}
