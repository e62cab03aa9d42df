/**
 * The auditor downloads a partnership's dossier from its timeline in a real browser; the file,
 * opened in chromium with every network request refused, verifies itself and says so, and a copy
 * with one byte changed says it does not hold. The admin reads who exported what in the access log,
 * on a desk and on a phone. SCREENSHOT_DIR=<folder> keeps the screens.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { choose, launchChromium, openPartnership, signIn, tab } from '../support/browser.js';
import { DEMO, login, type Session } from '../support/http.js';
import { castOf, type Cast } from '../support/lifecycle.js';
import { measuredPartnership, runCycle } from '../support/measurement.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const HOSTILE_REASON = '</script><script>window.owned = true</script><img src="http://127.0.0.1:9/x.png"> audit pause';
const WIDTHS = [1440, 390] as const;

const workDir = mkdtempSync(join(tmpdir(), 'audit-export-e2e-'));
let browser: Browser;
let cast: Cast;
let auditor: Session;
let partnershipId: string;
let events: number;
/** The event that carries the hostile hold reason. */
let holdSequence: number;
let dossierFile: string;

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const shoot = async (page: Page, name: string, fullPage = false) => {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
};

/** Opens a file in a page that refuses every request but the file itself, and counts the ones it tried. */
async function openOffline(file: string, width: number): Promise<{ page: Page; requested: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, offline: true });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.route('**/*', (route) => (route.request().url() === `file://${file}` ? route.continue() : route.abort()));
  await page.goto(`file://${file}`);
  return { page, requested };
}

const verification = (page: Page) => page.locator('#verification');

beforeAll(async () => {
  [browser, cast, auditor] = await Promise.all([launchChromium(), castOf(), login(DEMO.auditor)]);
  const measured = await measuredPartnership(cast);
  partnershipId = measured.id;
  const { riverside, northwind } = cast.orgs;
  await runCycle(cast, partnershipId, measured.kpiIds, 1, {
    values: { [riverside]: 62, [northwind]: 57 },
    health: {
      [riverside]: { strategy: 4, operations: 3, relationship: 5, governance: 4, recommend: 9 },
      [northwind]: { strategy: 2, operations: 3, relationship: 4, governance: 3, recommend: 7 },
    },
    goalScores: { '1': 1, '2': 0 },
  });
  // Text from the record that tries to run in the dossier; the hold also keeps further cycles from changing the log.
  const held = await cast.coordinator.post(`/api/partnerships/${partnershipId}/commands`, { type: 'PutOnHold', reason: HOSTILE_REASON });
  expect(held.status, JSON.stringify(held.body)).toBe(200);
  events = held.body.version as number;
  holdSequence = (held.body.events as { sequence: number; type: string }[]).find((event) => event.type === 'PartnershipPutOnHold')!.sequence;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the audit dossier', () => {
  it('is downloaded by the auditor from the timeline, at 1440 and 390 px', async () => {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
      try {
        await signIn(page, DEMO.auditor);
        await openPartnership(page, partnershipId);
        const panel = await tab(page, 'Timeline');
        const exports = panel.getByRole('region', { name: 'Export the record' });
        for (const label of ['Dossier (HTML)', 'Events (JSON)', 'Events (CSV)']) await exports.getByRole('button', { name: label }).waitFor();
        await expect.poll(() => noSidewaysScroll(page), { message: `${width} px scrolls sideways` }).toBe(0);
        await shoot(page, `timeline-export-${width}`);
        if (width !== 1440) continue;
        const [download] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Dossier (HTML)' }).click()]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`^lifecycle-[a-z0-9]+-${partnershipId.slice(0, 8)}-head-${events}-dossier\\.html$`));
        dossierFile = join(workDir, download.suggestedFilename());
        await download.saveAs(dossierFile);
      } finally {
        await page.close();
      }
    }
    expect(readFileSync(dossierFile, 'utf8')).toContain('<!doctype html>');
  });

  it('opens offline, asks for nothing, shows what it holds and says it holds for the key it names, in amber, not green', async () => {
    const { keyId } = (await auditor.get('/api/audit/public-key')).body as { keyId: string };
    for (const width of WIDTHS) {
      const { page, requested } = await openOffline(dossierFile, width);
      try {
        await expect.poll(() => verification(page).getAttribute('data-state')).toBe('holds');
        await expect
          .poll(() => page.locator('#verdict').textContent())
          .toBe(`Chain and signature hold for key ${keyId} (${events} events, signed checkpoint at event ${events}); compare this id with the one your deployment publishes at /api/audit/public-key.`);
        expect(await page.locator('#signing-key code').first().textContent()).toBe(keyId);
        // Amber like a wait, never a green "verified": the page can only check the key it carries itself.
        expect(await verification(page).evaluate((element) => getComputedStyle(element).borderTopColor)).toBe('rgb(122, 91, 0)');
        expect(await page.locator('#checks li.failed').count()).toBe(0);
        expect(await page.locator('#checks li').allTextContents()).toContain(`✓ The page shows exactly the ${events} events verified.`);
        // What it holds: the agreement signed by both partners, the measures, each event with its actor's name.
        await page.getByRole('heading', { name: /^Version 1: adopted$/ }).waitFor();
        expect(await page.locator('#agreements td').allTextContents()).toEqual(expect.arrayContaining([cast.riverside.user.name, cast.northwind.user.name]));
        expect(await page.locator('#measures').textContent()).toContain('Partner NPS');
        expect(await page.locator('article.event').count()).toBe(events);
        expect(await page.locator('#event-1').textContent()).toContain(`By ${cast.coordinator.user.name} (coordinator`);
        // The hostile reason stays text: nothing ran, nothing was fetched.
        expect(await page.locator('#summary').textContent()).toContain(HOSTILE_REASON);
        expect(await page.evaluate(() => (window as unknown as { owned?: boolean }).owned)).toBeUndefined();
        expect(requested).toEqual([`file://${dossierFile}`]);
        expect(await noSidewaysScroll(page)).toBe(0);
        await shoot(page, `dossier-${width}`);
        if (SCREENSHOT_DIR && width === 1440) {
          for (const section of ['agreements', 'measures', 'proof']) await page.locator(`#${section}`).screenshot({ path: join(SCREENSHOT_DIR, `dossier-${section}-1440.png`) });
        }
      } finally {
        await page.context().close();
      }
    }
  });

  it('says a copy with one byte changed does not hold, and names the event', async () => {
    const original = readFileSync(dossierFile, 'utf8');
    // One byte of the hold reason in the embedded record (the page escapes its quote, so this is the data's).
    const tampered = original.replace('audit pause"', 'audit pausE"');
    expect(tampered).not.toBe(original);
    expect(tampered.length).toBe(original.length);
    const tamperedFile = join(workDir, 'tampered-dossier.html');
    writeFileSync(tamperedFile, tampered);
    for (const width of WIDTHS) {
      const { page, requested } = await openOffline(tamperedFile, width);
      try {
        await expect.poll(() => verification(page).getAttribute('data-state')).toBe('failed');
        await expect.poll(() => page.locator('#verdict').textContent()).toBe(`Not verified: Hash chain broken: event ${holdSequence} is not as written: its content does not match its hash.`);
        expect(requested).toEqual([`file://${tamperedFile}`]);
        await shoot(page, `dossier-tampered-${width}`);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('the access log', () => {
  it('shows the admin who exported the dossier, filtered, on a desk and on a phone; others have no such screen', async () => {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await signIn(page, DEMO.admin);
        if (width === 1440) await page.getByRole('menuitem', { name: 'Access log' }).click();
        else await page.goto(`${inject('apiUrl')}/#/access-log`);
        await page.getByRole('heading', { name: 'Access log' }).or(page.getByText('Access log').first()).first().waitFor();
        const filter = encodeURIComponent(JSON.stringify({ partnershipId }));
        await page.goto(`${inject('apiUrl')}/#/access-log?filter=${filter}`);
        await page.getByText(`${auditor.user.name} (Auditor)${width === 390 ? ': Exported the dossier (HTML)' : ''}`).first().waitFor();
        if (width === 1440) {
          const row = page.getByRole('row').filter({ hasText: 'Exported the dossier (HTML)' });
          await expect.poll(() => row.count()).toBe(1);
          expect(await row.textContent()).toContain(auditor.user.name);
        }
        await expect.poll(() => noSidewaysScroll(page), { message: `${width} px scrolls sideways` }).toBe(0);
        await shoot(page, `access-log-${width}`);
        // Nobody verified this partnership: the filter says so.
        await choose(page, page, 'What', 'Verification');
        await page.getByText('No access matches these filters').waitFor();
      } finally {
        await page.close();
      }
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signIn(page, DEMO.auditor);
      expect(await page.getByRole('menuitem', { name: 'Access log' }).count()).toBe(0);
      await page.goto(`${inject('apiUrl')}/#/access-log`);
      await page.getByText('The access log is read by an administrator.').waitFor();
    } finally {
      await page.close();
    }
  });
});
