/**
 * Home pages and the deadline ledger in a real browser: the coordinator's home shows its sections,
 * the ledger lists a partnership's timers and the coordinator moves a due date from it; the sponsor's
 * home shows the approvals waiting; the partnership page draws its measures and opens an event to
 * its payload and hash. Every screen is checked for horizontal scrolling at 390 px; with
 * SCREENSHOT_DIR set, each is also saved at 1440 and 390 px for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, eventually, listQuery } from '../support/http.js';
import { castOf, type Cast } from '../support/lifecycle.js';
import { measuredPartnership, runCycle } from '../support/measurement.js';
import { createPartnership, FAST_POLICY, submitGoals } from '../support/partnerships.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const WIDE = { width: 1440, height: 1000 };
const PHONE = { width: 390, height: 844 };
let browser: Browser;
let cast: Cast;
const toHold: string[] = [];

beforeAll(async () => {
  if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  cast = await castOf();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const id of toHold) await cast?.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'test over' });
});


/**
 * At 390 px nothing may scroll sideways — the whole page, or with `scopes` nothing may stick out
 * of those elements (sections of a page whose other sections are another screen's); with
 * SCREENSHOT_DIR set, both widths are saved. Leaves the page reloaded at 1440 px.
 */
async function checkWidths(page: Page, name: string, ready: () => Promise<void>, scopes: string[] = []): Promise<void> {
  for (const [label, size] of [['1440', WIDE], ['390', PHONE]] as const) {
    await page.setViewportSize(size);
    // Opened afresh at this width, as a phone would: a desktop page shrunk in place keeps its menu open as a modal drawer.
    await page.reload();
    try {
      await ready();
    } catch (error) {
      if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}-failed.png`), fullPage: true });
      throw error;
    }
    // Charts and grids lay out again after a resize.
    await page.waitForTimeout(400);
    if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
    if (size === PHONE && scopes.length === 0) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
    }
    for (const scope of scopes) {
      const element = page.locator(scope);
      if (SCREENSHOT_DIR) await element.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}-${scope.replace(/\W+/g, '_')}.png`) });
      if (size !== PHONE) continue;
      // The section's own width is its page's to give; nothing inside it may stick out of it.
      const sticksOut = await element.evaluate((node) => {
        const right = node.getBoundingClientRect().right;
        const inside = Array.from(node.querySelectorAll('*')).map((child) => child.getBoundingClientRect().right - right);
        return Math.max(node.scrollWidth - node.clientWidth, ...inside);
      });
      expect(sticksOut, `something in ${scope} of ${name} sticks out at 390 px`).toBeLessThanOrEqual(1);
    }
  }
  await page.setViewportSize(WIDE);
  await page.reload();
  await ready();
}

describe('home pages and the deadline ledger', () => {
  it('shows the coordinator its sections and the ledger, from which it moves a due date', async () => {
    const name = `Ledger corridor ${Date.now()}`;
    const partnership = await createPartnership(cast.coordinator, undefined, name);
    await submitGoals(cast.coordinator, partnership.id);
    const [task] = (await cast.coordinator.get(`/api/tasks?${listQuery({ partnershipId: partnership.id, status: 'open' })}`)).body as { id: string; dueAt: string }[];

    const page = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(page, DEMO.coordinator);
      for (const heading of ['Partnerships by stage', 'Overdue tasks', 'Next deadlines', 'Recent escalations', 'Your tasks']) {
        await page.getByRole('heading', { name: heading }).waitFor();
      }
      await page.getByRole('list', { name: 'Partnerships by stage' }).getByText(/Priority setting: \d+/).waitFor();
      await checkWidths(page, 'home-coordinator', () => page.getByRole('heading', { name: 'Next deadlines' }).waitFor());

      await page.goto(`${inject('apiUrl')}/#/deadlines?filter=${encodeURIComponent(JSON.stringify({ partnershipId: partnership.id }))}`);
      const reminder = page.getByRole('row').filter({ hasText: 'Reminder 1' }).filter({ hasText: name });
      await reminder.waitFor();
      await expect(page.getByRole('row').filter({ hasText: 'Escalation (level 1)' }).count()).resolves.toBe(1);
      await checkWidths(page, 'deadlines', () => page.getByText('Reminder 1').first().waitFor());

      await reminder.getByRole('button', { name: 'Move due date' }).click();
      const dialog = page.getByRole('dialog', { name: 'Move the due date' });
      await dialog.waitFor();
      if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, 'move-due-date-1440.png') });
      const moved = new Date(Date.parse(task!.dueAt) + 3 * 24 * 3600_000);
      const local = new Date(moved.getTime() - moved.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      await dialog.getByLabel('New due date').fill(local);
      await dialog.getByRole('button', { name: 'Move' }).click();
      await page.getByText(/Due date of ".*" moved/).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      const after = await eventually('the moved due date', async () => {
        const [row] = (await cast.coordinator.get(`/api/tasks?${listQuery({ id: task!.id })}`)).body as { dueAt: string }[];
        return row && Date.parse(row.dueAt) !== Date.parse(task!.dueAt) ? row : undefined;
      });
      expect(Math.abs(Date.parse(after.dueAt) - moved.getTime())).toBeLessThan(60_000);
    } finally {
      await page.close();
    }
  });

  it('shows the sponsor the approvals waiting; an auditor sees recent activity and no move button', async () => {
    const name = `Approval corridor ${Date.now()}`;
    const partnership = await createPartnership(cast.coordinator, undefined, name);
    await submitGoals(cast.coordinator, partnership.id);
    // The card lists the few most urgent approvals, and other test files leave the sponsor many: make this one the most urgent.
    const [approval] = (await cast.coordinator.get(`/api/tasks?${listQuery({ partnershipId: partnership.id, status: 'open' })}`)).body as { id: string }[];
    const soon = new Date(Date.now() + 60 * 60_000).toISOString();
    const moved = await cast.coordinator.post(`/api/partnerships/${partnership.id}/commands`, { type: 'MoveDueDate', taskId: approval!.id, dueAt: soon, reason: 'The board meets in an hour' });
    expect(moved.status).toBe(200);

    const page = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(page, DEMO.sponsor);
      const approvals = page.getByRole('list', { name: 'Approvals waiting for you' });
      await approvals.getByText(`Approve the priorities of ${name}`).waitFor();
      await page.getByRole('heading', { name: 'Recent escalations' }).waitFor();
      await checkWidths(page, 'home-sponsor', () => approvals.waitFor());
    } finally {
      await page.close();
    }

    const auditorPage = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(auditorPage, DEMO.auditor);
      await auditorPage.getByRole('list', { name: 'Recent activity' }).waitFor();
      await checkWidths(auditorPage, 'home-auditor', () => auditorPage.getByRole('heading', { name: 'Recent activity' }).waitFor());
      await auditorPage.goto(`${inject('apiUrl')}/#/deadlines?filter=${encodeURIComponent(JSON.stringify({ partnershipId: partnership.id }))}`);
      await auditorPage.getByRole('row').filter({ hasText: 'Reminder 1' }).waitFor();
      expect(await auditorPage.getByRole('button', { name: 'Move due date' }).count()).toBe(0);
    } finally {
      await auditorPage.close();
    }
  });

  it('brings a reminder to the bell without a reload, and marks notifications read', async () => {
    const page = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(page, DEMO.sponsor);
      await cast.sponsor.post('/api/notifications/read', { all: true });
      await page.reload();
      await page.getByRole('link', { name: 'No unread notifications' }).waitFor();

      // The sponsor's approval task is reminded after two and three seconds; the page polls.
      const { id } = await createPartnership(cast.coordinator, FAST_POLICY, `Reminder corridor ${Date.now()}`);
      toHold.push(id);
      await submitGoals(cast.coordinator, id);
      await page.getByRole('link', { name: /^\d+ unread notifications?$/ }).waitFor({ timeout: 45_000 });
      // Hold it, so no new reminder changes the count while one is marked read.
      await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'the count must stand still' });

      await page.getByRole('link', { name: /^\d+ unread notifications?$/ }).click();
      const unread = page.getByRole('row').filter({ hasText: 'Reminder:' }).filter({ has: page.getByRole('button', { name: 'Mark read' }) }).first();
      await unread.waitFor();
      // Other tests' partnerships may remind the sponsor meanwhile, so the count alone proves nothing: follow this row.
      const text = (await unread.textContent()) ?? '';
      const row = page.getByRole('row').filter({ hasText: text.replace(/Mark read$/, '') }).first();
      await row.getByRole('button', { name: 'Mark read' }).click();
      await expect.poll(() => row.getByRole('button', { name: 'Mark read' }).count()).toBe(0);
      await checkWidths(page, 'notifications', () => page.getByRole('button', { name: 'Mark all read' }).waitFor());
      await page.getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('link', { name: 'No unread notifications' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it('draws the measures of a partnership in review cycles and opens an event to its payload and hash', async () => {
    const { id, kpiIds } = await measuredPartnership(cast);
    toHold.push(id);
    const { riverside, northwind } = cast.orgs;
    await runCycle(cast, id, kpiIds, 1, {
      values: { [riverside]: 62, [northwind]: 57 },
      health: {
        [riverside]: { strategy: 4, operations: 3, relationship: 5, governance: 4, recommend: 9 },
        [northwind]: { strategy: 2, operations: 3, relationship: 4, governance: 3, recommend: 7 },
      },
      goalScores: { '1': 1, '2': 0 },
    });
    await runCycle(cast, id, kpiIds, 2, {
      values: { [riverside]: 70, [northwind]: 60 },
      health: {
        [riverside]: { strategy: 5, operations: 4, relationship: 5, governance: 4, recommend: 10 },
        [northwind]: { strategy: 3, operations: 3, relationship: 4, governance: 4, recommend: 9 },
      },
      goalScores: { '1': 1, '2': 1 },
    });
    await cast.coordinator.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'hold the picture still' });

    const page = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(page, DEMO.coordinator);
      await page.goto(`${inject('apiUrl')}/#/partnerships/${id}/show`);
      await page.getByRole('heading', { name: 'Measures' }).waitFor();
      await page.getByRole('figure', { name: 'Share of KPIs on track' }).waitFor();
      await page.getByRole('figure', { name: 'Health check per dimension and organization' }).locator('svg').first().waitFor();
      await page.getByRole('figure', { name: 'Partner NPS and goal attainment per review cycle' }).locator('svg').first().waitFor();
      await page.getByRole('figure', { name: /^KPI Deliveries on time/ }).first().locator('svg').first().waitFor();
      await page.getByText(/Partner NPS \d+ in cycle 2/).waitFor();
      await page.getByText('Strategy, gap 2').first().waitFor();
      // The partnership page's other sections are another screen's; these two are this one's.
      await checkWidths(page, 'measures', () => page.getByRole('figure', { name: 'Share of KPIs on track' }).waitFor(), ['section[aria-labelledby="measures-heading"]']);

      // The timeline: newest first, KPIs by name, each event open to its payload and hash.
      const openTimeline = () => page.getByRole('tab', { name: 'Timeline', exact: true }).click();
      await openTimeline();
      const events = page.getByRole('list', { name: 'Events, newest first' });
      await events.getByText('Put on hold: hold the picture still').waitFor();
      await expect(events.getByRole('listitem').first().textContent()).resolves.toContain('Put on hold');
      const measurement = events.getByRole('listitem').filter({ hasText: /Measurement for Deliveries on time \(\w+\): 70/ });
      const expand = async () => {
        await measurement.getByRole('button').first().click();
        await measurement.getByText('Hash:', { exact: true }).waitFor();
      };
      await expand();
      await measurement.getByText(/"kpiId"/).waitFor();
      await expect(measurement.textContent()).resolves.toMatch(/Hash: [0-9a-f]{64}/);
      await checkWidths(page, 'timeline', async () => {
        await openTimeline();
        await measurement.scrollIntoViewIfNeeded();
        await expand();
        await measurement.scrollIntoViewIfNeeded();
      }, ['section[aria-labelledby="timeline-heading"]']);
    } finally {
      await page.close();
    }
  });

  it('lets a partner see its organization’s tasks at home', async () => {
    const page = await browser.newPage({ viewport: WIDE });
    try {
      await signIn(page, DEMO.partnerRiverside);
      await page.getByRole('heading', { name: /Your organization’s tasks/ }).waitFor();
      await checkWidths(page, 'home-partner', () => page.getByRole('heading', { name: /Your organization’s tasks/ }).waitFor());
    } finally {
      await page.close();
    }
  });
});

