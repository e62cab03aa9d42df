/**
 * An organization's country in a real browser: the admin creates an organization with its country
 * chosen from the holiday library's list (wide), sees it in the list, and changes it on a phone; the
 * API then holds the new country. SCREENSHOT_DIR=<folder> saves the screens to look at.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { horizontalOverflow, launchChromium, screenshots, signIn } from '../support/browser.js';
import { testDirectory } from '../support/directory.js';
import { DEMO, listQuery, login } from '../support/http.js';

const directory = testDirectory('country-e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await directory.remove();
});

const shot = screenshots('country');

describe('an organization’s country', () => {
  it('the admin chooses it when creating an organization and changes it later, on a phone', async () => {
    const name = directory.organizationName('Rhein Kliniken');
    const admin = await login(DEMO.admin);
    let created: { id: string; country: string } | undefined;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(page, DEMO.admin);
      await page.goto(`${inject('apiUrl')}/#/organizations/create`);
      await page.getByLabel(/^Name/).fill(name);
      await page.getByRole('combobox', { name: 'Country' }).fill('Germ');
      await page.getByRole('option', { name: 'Germany (DE)' }).click();
      await shot(page, 'create-1440');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('row').filter({ hasText: name }).getByText('DE', { exact: true }).waitFor();
      await shot(page, 'list-1440');

      [created] = (await admin.get(`/api/organizations?${listQuery({ q: name })}`)).body as { id: string; country: string }[];
      expect(created?.country).toBe('DE');
    } finally {
      await page.close();
    }

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await signIn(phone, DEMO.admin);
      await phone.goto(`${inject('apiUrl')}/#/organizations/${created!.id}`);
      const country = phone.getByRole('combobox', { name: 'Country' });
      await expect.poll(() => country.inputValue()).toBe('Germany (DE)');
      await country.fill('Austr');
      await phone.getByRole('option', { name: 'Austria (AT)' }).click();
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await shot(phone, 'edit-390');
      await phone.getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => ((await admin.get(`/api/organizations/${created!.id}`)).body as { country: string }).country).toBe('AT');
    } finally {
      await phone.close();
    }
  });
});
