/**
 * A person in a real browser (Debian's chromium through playwright-core): the sponsor signs in,
 * finds the approval task in the inbox, reads the goals in its dialog and approves them; the
 * partnership moves to LISTENING.
 */
import type { Browser } from 'playwright-core';
import { launchChromium, signIn } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, login } from '../support/http.js';
import { createPartnership, submitGoals } from '../support/partnerships.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});


describe('the console', () => {
  it('lets the sponsor approve the priorities from the inbox', async () => {
    const coordinator = await login(DEMO.coordinator);
    const name = `Browser corridor ${Date.now()}`;
    const partnership = await createPartnership(coordinator, undefined, name);
    await submitGoals(coordinator, partnership.id);

    const page = await browser.newPage();
    try {
      await signIn(page, DEMO.sponsor);
      // Other tests leave the sponsor many open approvals: narrow the inbox to this partnership, as a person would filter it.
      await page.goto(`${inject('apiUrl')}/#/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true, status: 'open', partnershipId: partnership.id }))}`);
      const row = page.getByRole('row').filter({ hasText: `Approve the priorities of ${name}` });
      await row.waitFor();
      await row.getByRole('button', { name: 'Approve' }).click();
      // The dialog shows what is approved before the decision is sent.
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Cut emergency readmissions').waitFor();
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('Task completed').waitFor();

      const record = await eventually('stage LISTENING', async () => {
        const body = (await coordinator.get(`/api/partnerships/${partnership.id}`)).body;
        return body.stage === 'LISTENING' ? body : undefined;
      });
      expect(record.prioritiesStatus).toBe('APPROVED');

      await page.goto(`${inject('apiUrl')}/#/partnerships/${partnership.id}/show`);
      // The timeline is one tab of the partnership's page.
      await page.getByRole('tab', { name: 'Timeline', exact: true }).click();
      await page.getByRole('heading', { name: 'Timeline' }).waitFor();
      await page.getByText('Priorities approved').waitFor();
      await page.getByText(/Stage Priority setting → Listening/).waitFor();
    } finally {
      await page.close();
    }
  });
});
