/**
 * Missions in a real browser: the admin records Riverside's mission on its page (wide, then a new
 * version on a phone, the first kept as an earlier version); Riverside scores the goals; the
 * coordinator reads each organization's mission beside the goals it scored; the admin changes it
 * again, and the Riverside partner, on a phone, is told the mission changed since it scored.
 * SCREENSHOT_DIR=<folder> saves the screens to look at.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { horizontalOverflow, launchChromium, openPartnership, PHONE, screenshots, signIn, tab, WIDE } from '../support/browser.js';
import { DEMO, login } from '../support/http.js';
import { castOf, send, toListening, type Cast } from '../support/lifecycle.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});

const shot = screenshots('missions');

const unique = () => Math.random().toString(36).slice(2, 7);

describe('missions beside the alignment matrix', () => {
  it('the admin records a mission; the coordinator and the partner read it beside the goals, and hear when it changed', async () => {
    const firstMission = `Care close to home for the river valley (${unique()})`;
    const secondMission = `Care close to home, prevention first (${unique()})`;
    const admin = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(admin, DEMO.admin);
      await admin.goto(`${inject('apiUrl')}/#/organizations/${cast.orgs.riverside}`);
      const section = admin.getByRole('region', { name: 'Mission' });
      await section.getByRole('button', { name: 'Record mission' }).waitFor();
      // Nothing written is refused under the field, not sent as an empty version.
      await section.getByRole('textbox').fill('   ');
      await section.getByRole('button', { name: 'Record mission' }).click();
      await section.getByText('write the mission').waitFor();
      await section.getByRole('textbox').fill(firstMission);
      await section.getByRole('button', { name: 'Record mission' }).click();
      await admin.getByText(/Mission version \d+ recorded/).waitFor();
      await section.getByLabel('Current mission').getByText(firstMission).waitFor();
      await shot(admin, 'organization-1440');

      await admin.setViewportSize(PHONE);
      await admin.reload();
      await section.getByRole('textbox').fill(secondMission);
      // On a phone the form's save toolbar is fixed at the bottom: scroll the button clear of it, as a person would.
      const record = section.getByRole('button', { name: 'Record mission' });
      await record.evaluate((button) => button.scrollIntoView({ block: 'center' }));
      await record.click();
      await section.getByLabel('Current mission').getByText(secondMission).waitFor();
      // The first version is kept, below, as an earlier one.
      await section.getByRole('list', { name: 'Earlier versions of the mission' }).getByText(firstMission).waitFor();
      expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(0);
      await shot(admin, 'organization-390');
    } finally {
      await admin.close();
    }

    const { id } = await toListening(cast);
    await send(cast, cast.riverside, id, { type: 'ScoreAlignment', organizationId: cast.orgs.riverside, scores: { '1': 3, '2': 1 } });

    const coordinator = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(coordinator, DEMO.coordinator);
      await openPartnership(coordinator, id);
      const panel = await tab(coordinator, 'Listening');
      const matrix = panel.getByRole('table', { name: 'Mission alignment' });
      const riverside = matrix.getByRole('row').filter({ hasText: 'Riverside' });
      await riverside.getByLabel(/^Mission of Riverside/).getByText(secondMission).waitFor();
      expect(await riverside.getByText('Mission changed since it scored', { exact: false }).count()).toBe(0);
      await matrix.getByRole('row').filter({ hasText: 'Northwind' }).getByLabel(/^Mission of Northwind/).waitFor();
      await shot(coordinator, 'matrix-1440');
    } finally {
      await coordinator.close();
    }

    const changed = await (await login(DEMO.admin)).post(`/api/organizations/${cast.orgs.riverside}/missions`, { text: `${secondMission}, and research` });
    expect(changed.status).toBe(201);

    const partner = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(partner, DEMO.partnerRiverside);
      await openPartnership(partner, id);
      const panel = await tab(partner, 'Listening');
      const card = panel.getByLabel(/^Alignment of Riverside/);
      await card.getByText(`${secondMission}, and research`).waitFor();
      await card.getByText(/Mission changed since it scored: scored under version \d+, now version \d+/).waitFor();
      expect(await horizontalOverflow(partner)).toBeLessThanOrEqual(0);
      await shot(partner, 'matrix-390');
    } finally {
      await partner.close();
    }
  });
});
