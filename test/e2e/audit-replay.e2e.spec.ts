/**
 * The auditor replays a partnership in a real browser: narrows the timeline to one person and one
 * event type, sees the whole partnership as of an event on the same tabs (goal 2's target before the
 * coordinator lowered it), steps forward to the change and the event that made it, goes Back, and
 * leaves for the live page; nothing on a replayed page changes anything, even for the coordinator.
 * At 1440 and 390 px; SCREENSHOT_DIR=<folder> saves the filtered timeline and the replay to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changingInputsIn, choose, launchChromium, openPartnership, PARTNERSHIP_TABS, signIn, tab } from '../support/browser.js';
import { DEMO, listQuery, login, type Session } from '../support/http.js';
import { createPartnership, openTaskOf, smartGoals } from '../support/partnerships.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const REPLAY_MS = 180_000;

let browser: Browser;
let coordinator: Session;
let sponsor: Session;
let id: string;
/** Every event of the partnership once the sponsor has approved its priorities. */
let newest: number;
/** When the coordinator lowered goal 2's target (event #3). */
let loweredAt: string;

beforeAll(async () => {
  browser = await launchChromium();
  if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [sponsor, coordinator] = await Promise.all([login(DEMO.sponsor), login(DEMO.coordinator)]);
  ({ id } = await createPartnership(coordinator));
  const goals = smartGoals();
  // #2 records goal 2 with target 90, #3 lowers it to 35; then submitting and the sponsor's approval.
  for (const command of [
    { type: 'RecordGoals', goals, scope: 'The eastern region' },
    { type: 'RecordGoals', goals: [goals[0], { ...goals[1], target: 35 }], scope: 'The eastern region' },
    { type: 'SubmitPriorities' },
  ]) {
    expect((await coordinator.post(`/api/partnerships/${id}/commands`, command)).status).toBe(200);
  }
  const approval = await openTaskOf(sponsor, id);
  expect((await sponsor.post(`/api/tasks/${approval!.id}/complete`, { decision: 'approve' })).status).toBe(200);
  newest = (await coordinator.get(`/api/partnerships/${id}`)).body.version as number;
  expect(newest).toBeGreaterThan(5);
  const events = (await coordinator.get(`/api/events?${listQuery({ partnershipId: id }, ['sequence', 'ASC'])}`)).body as { sequence: number; occurredAt: string }[];
  loweredAt = events.find((event) => event.sequence === 3)!.occurredAt;
});
afterAll(async () => {
  await browser?.close();
});

const banner = (page: Page) => page.getByRole('region', { name: 'Replay' });
const events = (panel: Locator) => panel.getByRole('list', { name: 'Events, newest first' }).getByRole('listitem');
const goal2Target = async (page: Page) => {
  const panel = await tab(page, 'Priorities');
  return panel.getByRole('table', { name: 'Goals' }).getByRole('row', { name: /Deliver medicine within a day/ }).getByRole('cell').nth(4).textContent();
};
/** The banner's headline lies inside the viewport and is what the screen shows there (not covered by the app bar). */
const headlineInSight = (page: Page) =>
  page.evaluate(() => {
    const headline = document.querySelector('[aria-label="Replay"] [role="status"]');
    if (!headline) return false;
    const box = headline.getBoundingClientRect();
    const shown = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
    return box.top >= 0 && box.bottom <= window.innerHeight && shown !== null && headline.contains(shown);
  });
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const shot = async (page: Page, name: string) => {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
};

/**
 * Every control in any tab panel that could send something: inputs outside the read-only forms, and
 * buttons but the timeline's and "Print". With SCREENSHOT_DIR, each tab is saved as `<name>-<tab>`.
 */
async function changingControls(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const label of PARTNERSHIP_TABS) {
    const panel = await tab(page, label);
    await shot(page, `${name}-${label.replace(/\W+/g, '-').toLowerCase()}`);
    const fields = await changingInputsIn(panel);
    if (fields > 0) found.push(`${label}: ${fields} input(s)`);
    // The timeline's pickers and the proof's "Verify again" only read: they change nothing in the partnership.
    if (label === 'Timeline' || label === 'Proof') continue;
    const buttons = (await panel.getByRole('button').allTextContents()).filter((text) => text.trim() !== 'Print');
    if (buttons.length > 0) found.push(`${label}: ${buttons.join(', ')}`);
  }
  return found;
}

describe('replaying a partnership', () => {
  it('filters the timeline, shows the partnership as of an event on its tabs, steps to the change, goes Back and leaves, read-only', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await signIn(page, DEMO.auditor);
      await openPartnership(page, id);
      const timeline = await tab(page, 'Timeline');
      await expect.poll(() => events(timeline).count()).toBe(Math.min(newest, 50));

      // ── Filters: the coordinator's goal recordings alone, then a combination nothing matches.
      const filters = timeline.getByRole('form', { name: 'Filter the timeline' });
      await choose(page, filters, 'Person', new RegExp(`^${coordinator.user.name} · \\d+$`));
      await filters.getByRole('combobox', { name: 'Event types' }).click();
      await page.getByRole('option', { name: /^Goals recorded/ }).click();
      await page.keyboard.press('Escape');
      await expect.poll(() => events(timeline).count()).toBe(2);
      expect(await events(timeline).allTextContents()).toEqual([expect.stringContaining('#3 · GoalsRecorded'), expect.stringContaining('#2 · GoalsRecorded')]);
      expect(page.url()).toContain(`actor=${coordinator.user.id}`);
      expect(page.url()).toContain('type=GoalsRecorded');
      await expect.poll(() => sidewaysScroll(page)).toBe(0);
      await shot(page, 'timeline-filtered-1440');

      await choose(page, filters, 'Person', new RegExp(`^${sponsor.user.name} · \\d+$`));
      await timeline.getByText('No events match these filters.').waitFor();
      await timeline.getByRole('status').getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => events(timeline).count()).toBe(Math.min(newest, 50));
      expect(page.url()).not.toContain('type=');
      await choose(page, filters, 'Person', new RegExp(`^${coordinator.user.name} · \\d+$`));
      await filters.getByRole('combobox', { name: 'Event types' }).click();
      await page.getByRole('option', { name: /^Goals recorded/ }).click();
      await page.keyboard.press('Escape');
      await expect.poll(() => events(timeline).count()).toBe(2);

      // ── As of event #2, on the same tabs: goal 2's target before it was lowered.
      await timeline.getByRole('button', { name: /#2 · GoalsRecorded/ }).click();
      await timeline.getByRole('button', { name: 'See the partnership as of this event' }).click();
      await expect.poll(() => banner(page).getByRole('status').textContent()).toMatch(new RegExp(`^As of .+ — event #2 of ${newest}$`));
      expect(page.url()).toContain('asOf=2');
      await expect.poll(() => goal2Target(page)).toBe('90');
      const step = page.getByRole('complementary', { name: 'The event that made this state' });
      await step.getByText('2 goals recorded; scope: The eastern region').waitFor();
      await step.getByText(`${coordinator.user.name} (coordinator)`, { exact: false }).waitFor();
      await expect.poll(() => page.getByRole('status', { name: 'Waiting for' }).textContent()).toContain('submit the priorities');
      expect(await changingControls(page, 'replay-auditor-1440')).toEqual([]);
      await tab(page, 'Priorities');
      await shot(page, 'replay-priorities-1440');

      // ── One step forward: the change, and the event and person that made it.
      await banner(page).getByRole('button', { name: 'Step forward' }).click();
      await expect.poll(() => banner(page).getByRole('status').textContent()).toContain(`event #3 of ${newest}`);
      await expect.poll(() => goal2Target(page)).toBe('35');
      await step.getByRole('list', { name: 'Changes' }).getByText(`Goal 2 target 90 → 35 by ${coordinator.user.name} on`).waitFor();
      expect(page.url()).toContain('asOf=3');
      await expect.poll(() => sidewaysScroll(page)).toBe(0);
      await shot(page, 'replay-step-1440');

      // ── Back returns to the moment before; leaving replay returns to the live page.
      await page.goBack();
      await expect.poll(() => banner(page).getByRole('status').textContent()).toContain(`event #2 of ${newest}`);
      await expect.poll(() => goal2Target(page)).toBe('90');
      await banner(page).getByRole('button', { name: 'Leave replay' }).click();
      await banner(page).waitFor({ state: 'detached' });
      expect(page.url()).not.toContain('asOf=');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).locator('xpath=..').locator('[data-stage]').getAttribute('data-stage')).toBe('LISTENING');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, REPLAY_MS);

  it('hides the coordinator’s own controls on a replayed page, keeps the banner in sight on a phone, and replays a moment typed in', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    try {
      await signIn(page, DEMO.coordinator);
      // Live, the coordinator may record the listening stage; as of event #3 (priorities being drafted) nothing at all.
      await openPartnership(page, id);
      expect(await changingInputsIn(await tab(page, 'Listening'))).toBeGreaterThan(0);
      await page.goto(`${inject('apiUrl')}/#/partnerships/${id}/show?asOf=3`);
      await expect.poll(() => banner(page).getByRole('status').textContent()).toContain(`event #3 of ${newest}`);
      expect(await changingControls(page, 'replay-coordinator-390')).toEqual([]);
      await page.getByRole('complementary', { name: 'The event that made this state' }).getByText(`Goal 2 target 90 → 35 by ${coordinator.user.name} on`).waitFor();
      await tab(page, 'Priorities');
      await shot(page, 'replay-priorities-390');

      // Scrolled to the bottom, the banner still says what the page shows, with nothing over it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => headlineInSight(page)).toBe(true);
      if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, 'replay-scrolled-390.png') });
      // Scrolling back up brings the app bar back: the banner moves below it.
      const bottom = await page.evaluate(() => window.scrollY);
      await page.mouse.wheel(0, -200);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(bottom);
      await expect.poll(async () => (await page.locator('header').first().boundingBox())?.y).toBe(0);
      await expect.poll(() => headlineInSight(page)).toBe(true);
      await expect.poll(() => sidewaysScroll(page)).toBe(0);
      if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, 'replay-scrolled-up-390.png') });

      const timeline = await tab(page, 'Timeline');
      const filters = timeline.getByRole('form', { name: 'Filter the timeline' });
      await filters.getByRole('combobox', { name: 'Event types' }).click();
      await page.getByRole('option', { name: /^Priorities approved/ }).click();
      await page.keyboard.press('Escape');
      await expect.poll(() => events(timeline).count()).toBe(1);
      await expect.poll(() => sidewaysScroll(page)).toBe(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'timeline-filtered-390');

      // A moment rather than an event: as of the instant the target was lowered, the state after event #3.
      const picker = timeline.getByRole('form', { name: 'See the partnership as of a moment' });
      await picker.getByLabel('Moment').fill('yesterday-ish');
      await picker.getByRole('button', { name: 'See as of' }).click();
      await picker.getByText('Give an event number (#12) or a date and time').waitFor();
      await picker.getByLabel('Moment').fill(loweredAt);
      await picker.getByRole('button', { name: 'See as of' }).click();
      await expect.poll(() => banner(page).getByRole('status').textContent()).toBe(`As of ${await page.evaluate((iso) => new Date(iso).toLocaleString(), loweredAt)} — event #3 of ${newest}`);
      expect(page.url()).toContain(`asOf=${encodeURIComponent(loweredAt)}`);
    } finally {
      await page.close();
    }
  }, REPLAY_MS);
});
