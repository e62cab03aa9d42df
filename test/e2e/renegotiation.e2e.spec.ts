/**
 * Renegotiating the goals in a real browser: listening flags a goal Riverside scored 0; the
 * coordinator, on a phone, proposes going back to priority setting with a reason; Riverside's
 * partner reads the proposal and the flagged goal in the inbox and agrees; once Northwind agrees too,
 * the page shows the partnership back in priority setting. The partner is not offered the proposal.
 * SCREENSHOT_DIR=<folder> saves the screens to look at.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchChromium, openInbox, openPartnership, PHONE, screenshots, signIn, tab } from '../support/browser.js';
import { DEMO, eventually } from '../support/http.js';
import { castOf, completeOpenTasks, partnershipOf, send, toListening, type Cast } from '../support/lifecycle.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});

const shot = screenshots('renegotiation');

describe('renegotiating the goals', () => {
  it('the coordinator proposes it on a phone, a partner agrees from the inbox, and the partnership goes back to priority setting', async () => {
    const { id } = await toListening(cast);
    const name = (await partnershipOf(cast, id)).name as string;
    await send(cast, cast.coordinator, id, { type: 'AddStakeholder', stakeholder: { name: 'County patients’ council', organizationId: null, interest: 5, influence: 3 } });
    await send(cast, cast.riverside, id, { type: 'ScoreAlignment', organizationId: cast.orgs.riverside, scores: { '1': 3, '2': 0 } });
    await send(cast, cast.northwind, id, { type: 'ScoreAlignment', organizationId: cast.orgs.northwind, scores: { '1': 3, '2': 2 } });

    const partnerView = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(partnerView, DEMO.partnerRiverside);
      await openPartnership(partnerView, id);
      const panel = await tab(partnerView, 'Listening');
      await panel.getByRole('heading', { name: 'Mission alignment' }).waitFor();
      expect(await panel.getByRole('button', { name: 'Propose renegotiation' }).count()).toBe(0);
    } finally {
      await partnerView.close();
    }

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(page, DEMO.coordinator);
      await openPartnership(page, id);
      let panel = await tab(page, 'Listening');
      await panel.getByText('The alignment matrix flags goal 2.', { exact: false }).waitFor();
      await shot(page, 'listening-1440');
      await page.setViewportSize(PHONE);
      await page.reload();
      panel = await tab(page, 'Listening');
      await panel.getByLabel('Why the goals should be renegotiated').fill('Goal 2 is outside Riverside’s mission');
      await panel.getByRole('button', { name: 'Propose renegotiation' }).click();
      await page.getByText('Renegotiation proposed to the partners').waitFor();
      await panel.getByText('Go back to priority setting and redraft the goals (the alignment matrix flags goal 2).').first().waitFor();
      await panel.getByText(/Proposed by Cora Coordinator on .*: “Goal 2 is outside Riverside’s mission”/).first().waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'proposed-390');
    } finally {
      await page.close();
    }

    const partner = await browser.newPage({ viewport: PHONE });
    try {
      await signIn(partner, DEMO.partnerRiverside);
      await openInbox(partner, id);
      const card = partner.getByRole('article').filter({ hasText: `Agree to renegotiate the goals: ${name}` });
      await card.waitFor();
      await card.getByRole('button', { name: 'Approve' }).click();
      const dialog = partner.getByRole('dialog');
      await dialog.getByText('Goal 2 is outside Riverside’s mission').waitFor();
      await dialog.getByText(/Low overlap: scored 0 by Riverside Health Trust/).waitFor();
      expect(await horizontalOverflow(partner)).toBeLessThanOrEqual(0);
      await shot(partner, 'agree-dialog-390');
      await dialog.getByRole('button', { name: 'Agree' }).click();
      await partner.getByText('Task completed').waitFor();
    } finally {
      await partner.close();
    }

    expect((await partnershipOf(cast, id)).stage).toBe('LISTENING');
    await completeOpenTasks(cast, cast.northwind, id, 'DECIDE_CHANGE');
    await eventually('PRIORITY_SETTING', async () => ((await partnershipOf(cast, id)).stage === 'PRIORITY_SETTING' ? true : undefined));
    const back = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(back, DEMO.coordinator);
      await openPartnership(back, id);
      const timeline = await tab(back, 'Timeline');
      await timeline.getByText(/Change proposed to the partners: renegotiate the goals \(flagged: goal 2\)/).first().waitFor();
      await timeline.getByText('Sign-off of the proposed change approved').first().waitFor();
    } finally {
      await back.close();
    }
  }, 240_000);
});
