/**
 * Issue 11 in a real browser: in MEASUREMENT the coordinator adds a KPI and changes a role on the
 * Roles tab; both read as a draft of the next agreement version ("changes since version 1") while
 * version 1 stays in force; the coordinator issues version 2, each partner's signing task shows what
 * it changes, and once both sign the change is in force. At 1440 and 390 px; SCREENSHOT_DIR saves the screens.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { choose, horizontalOverflow, launchChromium, openPartnership, PHONE, screenshots, signIn, tab, WIDE } from '../support/browser.js';
import { DEMO, eventually } from '../support/http.js';
import { agreeRoles, castOf, openTasks, ORGANIZATION_NAMES, partnershipOf, toMeasurement, toRoleIdentification, type Cast } from '../support/lifecycle.js';

const KPI = 'Follow-up calls within 48 h';
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});

const shot = screenshots('agreed-changes');

/** A partner opens its signing task from the inbox, reads what version 2 changes, and signs. */
async function sign(page: Page, email: string, name: string, screen: string): Promise<void> {
  await signIn(page, email);
  // Narrowed to this partnership: the shared inbox holds other tests' tasks. A table on a wide screen, cards on a phone.
  await page.goto(`${inject('apiUrl')}/#/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true, status: 'open', q: name }))}`);
  const card = page.getByRole('row').or(page.getByRole('article')).filter({ hasText: 'Sign the partnering agreement' });
  await card.first().waitFor();
  await card.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  const changes = dialog.getByRole('alert', { name: 'What this version changes' });
  await changes.getByText('What version 2 changes since version 1, in force').waitFor();
  await changes.getByText(new RegExp(`^New KPI — ${KPI}: ${ORGANIZATION_NAMES.riverside} reports it every month, 20 → 60 %`)).waitFor();
  await changes.getByText(`Role added — ${ORGANIZATION_NAMES.northwind} consulted for goal 1`).waitFor();
  await changes.getByText(`Role removed — ${ORGANIZATION_NAMES.northwind} responsible for goal 1`).waitFor();
  await dialog.getByRole('heading', { name: 'Partnering agreement, version 2' }).waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, screen);
  await dialog.getByRole('button', { name: 'Sign' }).click();
  await page.getByText('Task completed').waitFor();
}

describe('changing an agreed KPI or role', () => {
  it('is a draft until the partners sign the new version that carries it', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative');
    await toMeasurement(cast, id);
    const { name, kpis: inForce, roles: rolesInForce } = await partnershipOf(cast, id);

    const page = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(page, DEMO.coordinator);
      await openPartnership(page, id);
      let panel = await tab(page, 'Roles');
      await panel.getByText('Version 1 of the agreement is in force').waitFor();

      // A new KPI: a draft, marked on its card, not measured.
      const kpis = panel.getByRole('region', { name: 'KPIs' });
      await kpis.getByLabel('Name').fill(KPI);
      await choose(page, kpis, 'Reported by', ORGANIZATION_NAMES.riverside);
      await kpis.getByLabel('Baseline').fill('20');
      await kpis.getByLabel('Target').fill('60');
      await kpis.getByRole('textbox', { name: 'Unit', exact: true }).fill('%');
      await kpis.getByRole('button', { name: 'Draft KPI' }).click();
      await page.getByText('KPI drafted for the next agreement version').waitFor();
      await kpis.getByLabel(`KPI ${KPI}`, { exact: true }).getByText('Draft: new since version 1, not measured yet').waitFor();

      // A role change: Northwind moves from responsible to consulted on goal 1.
      await panel.getByLabel(`${ORGANIZATION_NAMES.northwind}, goal 1`).selectOption('consulted');
      await panel.getByRole('button', { name: 'Draft responsibilities' }).click();
      await page.getByText('Responsibilities drafted for the next agreement version').waitFor();

      const draft = panel.getByRole('alert', { name: 'Draft of the next agreement version' });
      await draft.getByText('Changes since version 1: a draft, not in force').waitFor();
      await draft.getByText(new RegExp(`^New KPI — ${KPI}`)).waitFor();
      await draft.getByText(`Role added — ${ORGANIZATION_NAMES.northwind} consulted for goal 1`).waitFor();
      await draft.getByText(`Role removed — ${ORGANIZATION_NAMES.northwind} responsible for goal 1`).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'coordinator-draft-1440');

      // Nothing in force changed.
      const drafted = await partnershipOf(cast, id);
      expect(drafted).toMatchObject({ agreedVersion: 1, kpis: inForce, roles: rolesInForce, draft: { sinceVersion: 1 } });

      // On a phone, the coordinator issues version 2 from the draft.
      // On a phone, from a fresh load (the menu folds away).
      await page.setViewportSize(PHONE);
      await openPartnership(page, id);
      panel = await tab(page, 'Roles');
      const onPhone = panel.getByRole('alert', { name: 'Draft of the next agreement version' });
      await onPhone.getByText('Changes since version 1: a draft, not in force').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'coordinator-draft-390');
      await onPhone.getByRole('button', { name: 'Issue version 2 for signature' }).click();
      await page.getByText('Version 2 issued for signature').waitFor();
    } finally {
      await page.close();
    }
    expect((await partnershipOf(cast, id)).kpis).toEqual(inForce);

    // Each partner sees what it is asked to sign, Riverside on a wide screen, Northwind on a phone.
    const wide = await browser.newPage({ viewport: WIDE });
    try {
      await sign(wide, DEMO.partnerRiverside, name, 'partner-sign-1440');
    } finally {
      await wide.close();
    }
    const phone = await browser.newPage({ viewport: PHONE });
    try {
      await sign(phone, DEMO.partnerNorthwind, name, 'partner-sign-390');
    } finally {
      await phone.close();
    }

    await eventually('version 2 in force', async () => ((await partnershipOf(cast, id)).agreedVersion === 2 ? true : undefined));
    const adopted = await partnershipOf(cast, id);
    expect(adopted).toMatchObject({ draft: null, agreement: { version: 2, adopted: true } });
    expect((adopted.kpis as { name: string }[]).map((kpi) => kpi.name)).toContain(KPI);
    expect(await openTasks(cast.riverside, id, 'SIGN_AGREEMENT')).toHaveLength(0);

    const after = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(after, DEMO.coordinator);
      await openPartnership(after, id);
      const panel = await tab(after, 'Roles');
      await panel.getByText('Version 2 of the agreement is in force').waitFor();
      await panel.getByLabel(`KPI ${KPI}`, { exact: true }).waitFor();
      expect(await panel.getByText('Draft: new since version 1, not measured yet').count()).toBe(0);
      const timeline = await tab(after, 'Timeline');
      await timeline.getByText(/KPI drafted for the next agreement version: Follow-up calls within 48 h/).first().waitFor();
      await timeline.getByText('Agreement v2 issued for signature, carrying the KPI and role changes drafted since v1').waitFor();
      await shot(after, 'coordinator-adopted-1440');
    } finally {
      await after.close();
    }
  }, 240_000);
});
