/**
 * A person who keeps typing the wrong password, in a real browser: the sign-in page says each time
 * that it did not work, and at the fifth failure that the email is locked, for how long and until
 * what time — on the page, not in a passing notification — and keeps saying so with the right
 * password. The admin then finds those attempts in the access log. Each width uses an account of this
 * file's own. SCREENSHOT_DIR=<folder> keeps the screens.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { choose, launchChromium, signIn } from '../support/browser.js';
import { testDirectory } from '../support/directory.js';
import { DEMO, login, type Session } from '../support/http.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const PASSWORD = 'correct horse battery';
const WIDTHS = [1440, 390] as const;
const directory = testDirectory('sign-in-e2e');
let browser: Browser;
let admin: Session;
const emails = new Map<number, string>();

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const shoot = async (page: Page, name: string) => {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
};

/** Types the credentials and presses Sign in; resolves with the status the API answered. */
async function attempt(page: Page, email: string, password: string): Promise<number> {
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.url().endsWith('/api/auth/login') && answer.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  return response.status();
}

beforeAll(async () => {
  browser = await launchChromium();
  admin = await login(DEMO.admin);
  for (const width of WIDTHS) {
    const email = directory.email(`locked-${width}`);
    const created = await admin.post('/api/users', { email, name: `Locked ${width}`, role: 'auditor', password: PASSWORD });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    emails.set(width, email);
  }
});
afterAll(async () => {
  await browser?.close();
  await directory.remove();
});

describe('the sign-in page under repeated failures', () => {
  it.each(WIDTHS)('says a wrong password each time, then that the email is locked and until when, even with the right password (%i px)', async (width) => {
    const email = emails.get(width)!;
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    try {
      await page.goto(`${inject('apiUrl')}/#/login`);
      if (width === 1440) await shoot(page, `sign-in-${width}`);
      const alert = page.getByRole('alert');
      for (let failure = 1; failure <= 4; failure++) {
        expect(await attempt(page, email, 'wrong horse battery')).toBe(401);
        await expect.poll(() => alert.textContent()).toMatch(/^Could not sign in\s*Wrong email or password$/);
        // The person may try again at once.
        await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
      }
      if (width === 1440) await shoot(page, `sign-in-wrong-password-${width}`);
      expect(await attempt(page, email, 'wrong horse battery')).toBe(429);
      await expect.poll(() => alert.textContent()).toMatch(/^Sign-in refused for now\s*Too many failed sign-ins for this email: it is locked for 15 minutes, even with the right password\s*You can try again at \d{1,2}[:.]\d{2}/);
      expect(await alert.getAttribute('class')).toContain('MuiAlert-standardWarning');
      await shoot(page, `sign-in-locked-${width}`);

      // The right password changes nothing while the lock holds, and the page stays the sign-in page.
      expect(await attempt(page, email, PASSWORD)).toBe(429);
      await expect.poll(() => alert.textContent()).toMatch(/^Sign-in refused for now\s*Too many failed sign-ins for this email/);
      expect(new URL(page.url()).hash).toBe('#/login');
      await expect.poll(() => noSidewaysScroll(page), { message: `${width} px scrolls sideways` }).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('lets the admin find those attempts in the access log, by the email tried and by what happened', async () => {
    const email = emails.get(1440)!;
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await signIn(page, DEMO.admin);
        await page.goto(`${inject('apiUrl')}/#/access-log`);
        await page.getByLabel('Email tried').fill(email);
        await page.getByText(`Sign-in refused as ${email}: the email is locked after repeated failures`).first().waitFor();
        await page.getByText(`Failed sign-in as ${email} (wrong email or password): the email is now locked`).waitFor();
        await expect.poll(() => page.getByText(`Failed sign-in as ${email} (wrong email or password)`, { exact: width === 1440 }).count()).toBe(width === 1440 ? 4 : 5);
        await choose(page, page, 'What', 'Sign-in refused: email locked');
        await expect.poll(() => page.getByText(`Failed sign-in as ${email}`).count()).toBe(0);
        await page.getByText(`Sign-in refused as ${email}: the email is locked after repeated failures`).first().waitFor();
        await expect.poll(() => noSidewaysScroll(page), { message: `${width} px scrolls sideways` }).toBe(0);
        await shoot(page, `access-log-sign-ins-${width}`);
      } finally {
        await page.close();
      }
    }
  });
});
