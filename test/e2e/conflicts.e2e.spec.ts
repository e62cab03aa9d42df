/**
 * The conflict register in a real browser: Riverside's partner, on a phone, raises a conflict with
 * Northwind on the Conflicts tab; Northwind's partner passes it on from the inbox; the coordinator
 * resolves it; the register shows it resolved with its history. SCREENSHOT_DIR=<folder> saves the screens.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchChromium, openInbox, openPartnership, PHONE, screenshots, signIn, tab } from '../support/browser.js';
import { DEMO } from '../support/http.js';
import { castOf, ORGANIZATION_NAMES, partnershipOf, toListening, type Cast } from '../support/lifecycle.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});

const shot = screenshots('conflicts');

/** Opens the inbox card (the phone's layout) of `title` and completes it with the outcome and note given. */
async function workOn(page: Page, partnershipId: string, title: string, outcome: RegExp, note: string, noteLabel: string): Promise<void> {
  await openInbox(page, partnershipId);
  const card = page.getByRole('article').filter({ hasText: title });
  await card.waitFor();
  await card.getByRole('button', { name: 'Complete' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: outcome }).check();
  await dialog.getByLabel(noteLabel).fill(note);
  await dialog.getByRole('button', { name: 'Record' }).click();
  await page.getByText('Task completed').waitFor();
}

describe('the conflict register', () => {
  it('a partner raises a conflict on a phone; it is passed on and resolved from the inbox', async () => {
    const { id } = await toListening(cast);
    const name = (await partnershipOf(cast, id)).name as string;
    const title = `Fuel costs ${Math.random().toString(36).slice(2, 6)}`;

    const riverside = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(riverside, DEMO.partnerRiverside);
      await openPartnership(riverside, id);
      const panel = await tab(riverside, 'Conflicts');
      await panel.getByText('No conflict has been raised.').waitFor();
      await panel.getByLabel('What the conflict is about').fill(title);
      await panel.getByLabel('Between').click();
      await riverside.getByRole('option', { name: ORGANIZATION_NAMES.northwind }).click();
      await riverside.keyboard.press('Escape');
      await panel.getByLabel('Details').fill('Northwind expected us to pay for the vans’ fuel');
      await panel.getByRole('button', { name: 'Raise conflict' }).click();
      await riverside.getByText('Conflict raised: the first step is open').waitFor();
      const entry = panel.getByRole('group', { name: title });
      await entry.getByText('Step 1 of 3: direct discussion between the organizations').waitFor();
      await shot(riverside, 'raised-390');
      expect(await horizontalOverflow(riverside)).toBeLessThanOrEqual(0);
    } finally {
      await riverside.close();
    }

    const northwind = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(northwind, DEMO.partnerNorthwind);
      await workOn(northwind, id, `Resolve the conflict “${title}” (direct discussion): ${name}`, /^Not resolved/, 'We could not agree', 'Why it goes to the next step');
    } finally {
      await northwind.close();
    }

    const coordinator = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(coordinator, DEMO.coordinator);
      await workOn(coordinator, id, `Resolve the conflict “${title}” (coordinator mediation): ${name}`, /^Resolved$/, 'Fuel split 50/50', 'How it was resolved');
      // The register on a desktop: a fresh load at that width.
      await coordinator.setViewportSize({ width: 1440, height: 900 });
      await openPartnership(coordinator, id);
      const panel = await tab(coordinator, 'Conflicts');
      const entry = panel.getByRole('group', { name: title });
      await entry.getByText('Resolved', { exact: true }).waitFor();
      await entry.getByText(/Direct discussion between the organizations: passed on by Noah Partner — “We could not agree”/).waitFor();
      await entry.getByText(/Resolved on .*: “Fuel split 50\/50”/).waitFor();
      await shot(coordinator, 'resolved-1440');
    } finally {
      await coordinator.close();
    }
  }, 240_000);
});
