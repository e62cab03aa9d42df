/**
 * The admin in a real browser: creates an organization and a partner representative for it, and
 * that person signs in with the password the admin set. Neither sees a console error on the way
 * (but for the browser's own line about the 409 the test provokes),
 * and the partner finds no user administration (no menu entry, a sentence at #/users).
 */
import type { Browser, Page } from 'playwright-core';
import { choose, launchChromium, signIn } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDirectory } from '../support/directory.js';
import { DEMO, DEMO_PASSWORD, listQuery, login } from '../support/http.js';

const directory = testDirectory('admin-e2e');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await directory.remove();
});

/** A page that records every console error and uncaught exception it sees. */
async function watchedPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

describe('administration in the console', () => {
  it('lets the admin create an organization and a user, who then signs in', async () => {
    const organizationName = directory.organizationName('Lakeside Clinic');
    const email = directory.email('lena');
    const password = 'lakeside-clinic-2030';
    const admin = await watchedPage();
    try {
      await signIn(admin.page, DEMO.admin, DEMO_PASSWORD);
      await admin.page.getByRole('menuitem', { name: 'Users' }).waitFor();

      await admin.page.getByRole('menuitem', { name: 'Organizations' }).click();
      await admin.page.getByRole('link', { name: 'New organization' }).click();
      // A name another organization has comes back under the name field.
      await admin.page.getByLabel(/^Name/).fill('northwind foundation');
      await choose(admin.page, admin.page, 'Kind', 'Nonprofit');
      await admin.page.getByRole('button', { name: 'Save' }).click();
      await admin.page.getByText('Another organization already has this name').first().waitFor();
      await admin.page.getByLabel(/^Name/).fill(organizationName);
      await admin.page.getByRole('button', { name: 'Save' }).click();
      await admin.page.getByText(organizationName).waitFor();

      await admin.page.goto(`${inject('apiUrl')}/#/users/create`);
      await admin.page.getByLabel(/^Email/).fill(email);
      await admin.page.getByLabel(/^Name/).fill('Lena Lakeside');
      await choose(admin.page, admin.page, 'Role', 'Partner representative');
      await choose(admin.page, admin.page, 'Organization', organizationName);
      await admin.page.getByLabel(/^Password/).fill(password);
      await admin.page.getByRole('button', { name: 'Save' }).click();
      await admin.page.getByText(email).waitFor();

      // The only error allowed is the browser's own line for the expected 409.
      expect(admin.errors.filter((error) => !/status of 409/.test(error))).toEqual([]);
    } finally {
      await admin.page.context().close();
    }

    const created = ((await (await login(DEMO.admin)).get(`/api/users?${listQuery({ q: email })}`)).body as { name: string; role: string }[])[0];
    expect(created).toMatchObject({ name: 'Lena Lakeside', role: 'partner' });

    const partner = await watchedPage();
    try {
      await signIn(partner.page, email, password);
      await partner.page.getByText('Lena Lakeside').first().waitFor();
      expect(await partner.page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
      await partner.page.goto(`${inject('apiUrl')}/#/users`);
      await partner.page.getByText('Users are managed by an administrator.').waitFor();
      expect(partner.errors).toEqual([]);
    } finally {
      await partner.page.context().close();
    }
  });
});
