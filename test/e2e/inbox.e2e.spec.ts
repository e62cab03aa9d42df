/**
 * The inbox in a real browser (Debian's chromium through playwright-core): on a 390 px phone a
 * partner reads the agreement in the signing task and signs it, with nothing scrolling sideways;
 * the auditor sees the same tasks without a single button that would change anything.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openInbox, signIn } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually } from '../support/http.js';
import { agreeRoles, castOf, openTasks, send, toRoleIdentification, type Cast } from '../support/lifecycle.js';

const PHONE = { width: 390, height: 844 };
let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});


/** A partnership whose agreement waits for both partners' signatures. */
async function agreementToSign(): Promise<{ id: string; name: string }> {
  const { id } = await toRoleIdentification(cast);
  await agreeRoles(cast, id, 'cooperative');
  await send(cast, cast.coordinator, id, { type: 'IssueAgreement' });
  const name = (await cast.coordinator.get(`/api/partnerships/${id}`)).body.name as string;
  return { id, name };
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the inbox', () => {
  it('lets a partner on a 390 px phone read the agreement and sign it', async () => {
    const { id, name } = await agreementToSign();
    const page = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(page, DEMO.partnerRiverside);
      await openInbox(page, id);
      const card = page.getByRole('article').filter({ hasText: name });
      await card.waitFor();
      expect(await horizontalOverflow(page)).toBe(0);

      const approve = card.getByRole('button', { name: 'Approve' });
      const box = await approve.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      await approve.click();

      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Partnering agreement, version 1' }).waitFor();
      for (const section of ['Parties', 'Goals', 'Scope', 'Roles and responsibilities', 'Committed resources', 'Management model', 'Governance', 'Conflict resolution', 'KPIs', 'Termination', 'Signatures']) {
        await dialog.getByRole('heading', { name: section, exact: true }).waitFor();
      }
      await dialog.getByText('Mediation by the sponsor within two weeks').waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      await dialog.getByRole('button', { name: 'Sign' }).click();
      await page.getByText('Task completed').waitFor();

      await eventually('Riverside’s signature', async () => ((await openTasks(cast.riverside, id, 'SIGN_AGREEMENT')).length === 0 ? true : undefined));
      const agreement = (await cast.coordinator.get(`/api/partnerships/${id}/state`)).body.agreement;
      expect(agreement.signatures[cast.orgs.riverside]).toMatchObject({ userId: cast.riverside.user.id });
    } finally {
      await page.close();
    }
  });

  it('shows the auditor every open task without a button that changes anything', async () => {
    const { name } = await agreementToSign();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(page, DEMO.auditor);
      const filter = encodeURIComponent(JSON.stringify({ status: 'open', q: name }));
      await page.goto(`${inject('apiUrl')}/#/tasks?filter=${filter}`);
      const rows = page.getByRole('row').filter({ hasText: name });
      await rows.first().waitFor();
      expect(await rows.count()).toBe(2);
      expect(await page.getByRole('button', { name: /^(Approve|Reject|Complete|Sign)$/ }).count()).toBe(0);
    } finally {
      await page.close();
    }
    // The same list for Riverside's representative offers its own organization's task, and only that one.
    const partner = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(partner, DEMO.partnerRiverside);
      await partner.goto(`${inject('apiUrl')}/#/tasks?filter=${encodeURIComponent(JSON.stringify({ status: 'open', q: name }))}`);
      await partner.getByRole('row').filter({ hasText: name }).first().waitFor();
      await partner.getByRole('button', { name: 'Approve' }).first().waitFor();
      expect(await partner.getByRole('button', { name: 'Approve' }).count()).toBe(1);
    } finally {
      await partner.close();
    }
  });
});
