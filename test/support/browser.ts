/** A person in a real browser: Debian's chromium through playwright-core, and the console's sign-in. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { DEMO_PASSWORD } from './http.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The two widths every screen is proven at: a laptop and a phone. */
export const WIDE = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Saves full-page screenshots as `<prefix>-<name>.png` in SCREENSHOT_DIR, when it is set, for a person to look at. */
export function screenshots(prefix: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    const dir = process.env.SCREENSHOT_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${prefix}-${name}.png`), fullPage: true });
  };
}

/** How far the page scrolls sideways (0 when it fits its width). */
export const horizontalOverflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: npm test installs Debian's chromium; set CHROMIUM_PATH to use another`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags chromium keeps dialling hosts this machine cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * The signed-in person's inbox, narrowed to one partnership's open tasks: on the shared test stack the
 * first page of an unfiltered inbox holds every other test's tasks too, sorted by due date.
 */
export async function openInbox(page: Page, partnershipId: string): Promise<void> {
  await page.goto(`${inject('apiUrl')}/#/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true, status: 'open', partnershipId }))}`);
}

/** Opens, from the inbox narrowed to one partnership, the first entry (a card on a phone, a row at a desk) whose text matches every text, and its form. */
export async function openTaskFromInbox(page: Page, partnershipId: string, ...texts: string[]): Promise<Locator> {
  await openInbox(page, partnershipId);
  let entry = page.getByRole((page.viewportSize()?.width ?? 0) < 900 ? 'article' : 'row');
  for (const text of texts) entry = entry.filter({ hasText: text });
  await entry.first().waitFor();
  await entry.first().getByRole('button', { name: 'Complete' }).click();
  return page.getByRole('dialog');
}

/** Signs in through the login page as a person would, and waits for their home page (at any width). */
export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${inject('apiUrl')}/#/login`);
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.hash.startsWith('#/login'));
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
}

/** Opens a partnership's page; on the address it is already on, reloads, as a person would, to see what others did. */
export async function openPartnership(page: Page, id: string): Promise<void> {
  const url = `${inject('apiUrl')}/#/partnerships/${id}/show`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.getByRole('tablist', { name: 'Stages of the partnership' }).waitFor();
}

/** The visible panel of a partnership page's tab, after choosing it. */
export async function tab(page: Page, name: string): Promise<Locator> {
  const button = page.getByRole('tab', { name, exact: true });
  // On a phone the strip scrolls the chosen tab into view with an animation that can carry the
  // next tab away from under the pointer: click until it is the selected one.
  await expect
    .poll(async () => {
      if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
      return button.getAttribute('aria-selected');
    })
    .toBe('true');
  const panel = page.getByRole('tabpanel', { name, exact: true });
  await panel.waitFor();
  return panel;
}

/**
 * Forms that only read (comparing two moments, choosing a moment to see the partnership as of,
 * filtering the timeline change nothing): their inputs are not controls that change anything.
 */
const READ_ONLY_FORMS = ['Compare two moments', 'See the partnership as of a moment', 'Filter the timeline'].map((name) => `form[aria-label="${name}"]`).join(', ');

/** How many inputs in this part of the page could change something. */
export function changingInputsIn(scope: Locator): Promise<number> {
  return scope.evaluate(
    (node, readOnlyForms) => Array.from(node.querySelectorAll('input, select, textarea')).filter((field) => !field.closest(readOnlyForms)).length,
    READ_ONLY_FORMS,
  );
}

/** The partnership page's tabs, in order. */
export const PARTNERSHIP_TABS = ['Summary', 'Priorities', 'Listening', 'Roles', 'Agreement', 'Measurement', 'Termination', 'Hold, members, tasks', 'Conflicts', 'Check-ins', 'Timeline', 'Proof'];

/** Picks an option of a select (the list of options opens at the page's level, not inside the scope). */
export async function choose(page: Page, scope: Page | Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}
