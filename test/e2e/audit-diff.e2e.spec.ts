/**
 * The auditor compares two moments on a partnership's timeline, in a real browser, on a desk and
 * on a phone: the goal target the coordinator lowered reads as one line naming who and when.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPartnership, signIn, tab } from '../support/browser.js';
import { DEMO, login } from '../support/http.js';
import { createPartnership, smartGoals } from '../support/partnerships.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('comparing two moments', () => {
  it('shows the changed goal target with the person who changed it, read-only, at 1440 and 390 px', async () => {
    const coordinator = await login(DEMO.coordinator);
    const { id } = await createPartnership(coordinator);
    const goals = smartGoals();
    for (const recorded of [goals, [goals[0], { ...goals[1], target: 35 }]]) {
      expect((await coordinator.post(`/api/partnerships/${id}/commands`, { type: 'RecordGoals', goals: recorded, scope: 'The eastern region' })).status).toBe(200);
    }
    for (const width of [1440, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await signIn(page, DEMO.auditor);
        await openPartnership(page, id);
        const panel = await tab(page, 'Timeline');
        const form = panel.getByRole('form', { name: 'Compare two moments' });
        // It opens on the newest change: the event before the latest against the latest.
        await expect.poll(() => form.getByLabel('From').inputValue()).toBe('2');
        await expect.poll(() => form.getByLabel('To').inputValue()).toBe('3');
        await form.getByRole('button', { name: 'Compare' }).click();
        const changes = panel.getByRole('list', { name: 'Changes' });
        await changes.getByText(`Goal 2 target 90 → 35 by ${coordinator.user.name} on`).waitFor();
        expect(await changes.getByRole('listitem').count()).toBe(1);
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${width} px scrolls sideways` }).toBe(0);
        if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `audit-diff-${width}.png`), fullPage: true });

        await form.getByLabel('From').fill('3');
        await form.getByLabel('To').fill('1');
        await form.getByRole('button', { name: 'Compare' }).click();
        await form.getByText('must not come after `to`').waitFor();
      } finally {
        await page.close();
      }
    }
  });
});
