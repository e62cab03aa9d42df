/**
 * The auditor reads the proof that a partnership's record is whole, in a real browser, on a desk
 * and on a phone: a clean record passes all four checks — at first, while the API still replays the
 * history against today's code, the tab says so and asks again by itself until the verdict is there;
 * once the newest events are cut from the database (with their checkpoint, so only Temporal can
 * tell), the verdict names them by number.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changingInputsIn, launchChromium, openPartnership, signIn, tab } from '../support/browser.js';
import { DEMO, login } from '../support/http.js';
import { createPartnership, submitGoals } from '../support/partnerships.js';
import { withGuardOff } from '../support/tamper.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const WIDTHS = [1440, 390];
/** The first visit waits for the API to bundle the workflow code and replay the history in the background. */
const PROOF_MS = 240_000;

let browser: Browser;
let db: pg.Client;

beforeAll(async () => {
  browser = await launchChromium();
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await browser?.close();
  await db?.end();
});


/** The auditor's Proof tab of the partnership, at one width; `look` runs with the panel shown. */
async function onProofTab(id: string, width: number, look: (page: Page, panel: Awaited<ReturnType<typeof tab>>) => Promise<void>): Promise<void> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  try {
    await signIn(page, DEMO.auditor);
    await openPartnership(page, id);
    const panel = await tab(page, 'Proof');
    await look(page, panel);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${width} px scrolls sideways` }).toBe(0);
    expect(await changingInputsIn(panel)).toBe(0);
  } finally {
    await page.close();
  }
}

describe('the proof tab', () => {
  it('shows a clean record whole, then names the events cut off the database by number', async () => {
    const coordinator = await login(DEMO.coordinator);
    const { id } = await createPartnership(coordinator);
    await submitGoals(coordinator, id);

    let firstVisit = true;
    for (const width of WIDTHS) {
      await onProofTab(id, width, async (page, panel) => {
        const verdict = panel.getByLabel('Verdict');
        if (firstVisit) {
          // Nothing has replayed this history yet: the tab shows the replay asked for, then re-asks on its own.
          firstVisit = false;
          await verdict.getByText('No fault found so far; the replay against today’s workflow code is still running').waitFor();
          await verdict.getByText(/^The one run is still being replayed against today’s workflow code, asked .+; this page asks again by itself$/).waitFor();
          await panel.getByRole('region', { name: 'Replayed by today’s workflow code' }).getByText('Replaying…', { exact: true }).waitFor();
          if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `audit-proof-replaying-${width}.png`), fullPage: true });
        }
        await verdict.getByText('The record is whole').waitFor({ timeout: 120_000 });
        await verdict.getByText('All four checks passed over all 4 events').waitFor();
        for (const check of ['Hash chain', 'Signed checkpoint', 'Against Temporal’s history', 'Replayed by today’s workflow code']) {
          const card = panel.getByRole('region', { name: check });
          await expect.poll(() => card.getByText('Passed', { exact: true }).count(), { message: check }).toBe(1);
        }
        await panel.getByRole('region', { name: 'Signed checkpoint' }).getByText(/^Newest: event #4, signed /).waitFor();
        await panel.getByRole('list', { name: 'Against Temporal’s history, run by run' }).getByText('4 recorded by the workflow, 4 in the log').waitFor();
        await panel.getByRole('list', { name: 'Replayed by today’s workflow code, run by run' }).getByText('Today’s workflow code reproduces its history').waitFor();
        if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `audit-proof-whole-${width}.png`), fullPage: true });
      });
    }

    await withGuardOff(db, 'partnership_events', () => db.query('DELETE FROM partnership_events WHERE partnership_id = $1 AND sequence >= 3', [id]));
    await withGuardOff(db, 'audit_checkpoints', () => db.query('DELETE FROM audit_checkpoints WHERE partnership_id = $1 AND sequence >= 3', [id]));

    for (const width of WIDTHS) {
      await onProofTab(id, width, async (page, panel) => {
        const verdict = panel.getByLabel('Verdict');
        await verdict.getByText('The record is not whole').waitFor();
        await verdict.getByText('Temporal recorded events #3 and #4, which the log no longer holds').waitFor();
        // The log's own checks cannot see it: the chain and the remaining checkpoint still hold.
        for (const [check, outcome] of [['Hash chain', 'Passed'], ['Signed checkpoint', 'Passed'], ['Against Temporal’s history', 'Failed']] as const) {
          await expect.poll(() => panel.getByRole('region', { name: check }).getByText(outcome, { exact: true }).count(), { message: check }).toBe(1);
        }
        await panel.getByRole('list', { name: 'Against Temporal’s history, run by run' }).getByText('4 recorded by the workflow, 2 in the log').waitFor();
        if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `audit-proof-cut-${width}.png`), fullPage: true });
      });
    }
  }, PROOF_MS);
});
