/**
 * The agreement's term in a real browser: the coordinator gives the agreement a term on the Roles
 * tab (the default reminders are 90, 60 and 30 days before its end; a reminder not shorter than the
 * term is refused beside its field); later, on a phone, the coordinator finds the decision the first
 * expiry reminder opened in the inbox and proposes renewing. SCREENSHOT_DIR=<folder> saves the screens.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, horizontalOverflow, launchChromium, openPartnership, openTaskFromInbox, screenshots, signIn, tab } from '../support/browser.js';
import { DEMO, eventually } from '../support/http.js';
import { agreeRoles, castOf, openTasks, partnershipOf, send, toMeasurement, toRoleIdentification, type Cast } from '../support/lifecycle.js';

let browser: Browser;
let cast: Cast;

beforeAll(async () => {
  browser = await launchChromium();
  cast = await castOf();
});
afterAll(async () => {
  await browser?.close();
});

const shot = screenshots('term');

describe('the agreement’s term', () => {
  it('the coordinator sets it on the Roles tab, and on a phone decides what happens when it ends', async () => {
    const { id } = await toRoleIdentification(cast);
    await agreeRoles(cast, id, 'cooperative');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(page, DEMO.coordinator);
      await openPartnership(page, id);
      const panel = await tab(page, 'Roles');
      const section = panel.getByRole('region', { name: 'Agreement term' });
      await section.getByText('Open-ended: no term, so nothing expires.').waitFor();
      const runsFor = section.getByRole('group', { name: 'Runs for' });
      await runsFor.getByRole('spinbutton', { name: 'Runs for' }).fill('60');
      await choose(page, runsFor, 'Unit', 'days');
      await section.getByRole('button', { name: 'Save term' }).click();
      // The default first reminder, 90 days, is not shorter than a 60-day term: refused beside it.
      await section.getByText('must be shorter than the term').first().waitFor();
      await runsFor.getByRole('spinbutton', { name: 'Runs for' }).fill('2');
      await choose(page, runsFor, 'Unit', 'years');
      await section.getByRole('button', { name: 'Save term' }).click();
      await page.getByText('Agreement term saved').waitFor();
      await section.getByText(/^Runs for 2 years from adoption; the coordinator is reminded 90 days, 60 days, 30 days before it ends/).waitFor();
      await shot(page, 'roles-1440');
    } finally {
      await page.close();
    }
    expect((await partnershipOf(cast, id)).agreementTerm).toEqual({ duration: 'P2Y', remindBefore: ['P90D', 'P60D', 'P30D'] });

    // A term of seconds, so that its first reminder comes while the test runs.
    await send(cast, cast.coordinator, id, { type: 'SetAgreementTerm', term: { duration: 'PT40S', remindBefore: ['PT35S'] } });
    await toMeasurement(cast, id);
    await eventually('the decision task', async () => ((await openTasks(cast.coordinator, id, 'DECIDE_EXPIRY')).length > 0 ? true : undefined));
    const name = (await partnershipOf(cast, id)).name as string;

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await signIn(phone, DEMO.coordinator);
      const dialog = await openTaskFromInbox(phone, id, name, 'Decide on the agreement’s end');
      await dialog.getByText(/^The agreement in force ends on /).waitFor();
      await dialog.getByRole('button', { name: 'Propose' }).click();
      await dialog.getByText('choose what happens when the term ends').waitFor();
      await dialog.getByRole('radio', { name: /^Renew/ }).check();
      await dialog.getByLabel('Why (the sponsor and the partners read it)').fill('Another term with new goals');
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await shot(phone, 'decide-390');
      await dialog.getByRole('button', { name: 'Propose' }).click();
      await phone.getByText('Task completed').waitFor();
    } finally {
      await phone.close();
    }
    expect(await partnershipOf(cast, id)).toMatchObject({ stage: 'TERMINATION', termination: { option: 'renew', reason: 'Another term with new goals' } });
  }, 240_000);
});
