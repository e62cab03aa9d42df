/**
 * The auditor looks across partnerships in a real browser, on a desk and on a phone: everything one
 * coordinator did in two partnerships, then every partnership verified at once, where the one whose
 * log was edited behind the API's back is named broken. The admin reaches the same person's
 * activity from the user list.
 */
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { choose, launchChromium, signIn } from '../support/browser.js';
import { testDirectory } from '../support/directory.js';
import { DEMO, DEMO_PASSWORD, listQuery, login, type Session } from '../support/http.js';
import { smartGoals } from '../support/partnerships.js';
import { withGuardOff } from '../support/tamper.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const directory = testDirectory('audit-across-e2e');
const suffix = Math.random().toString(36).slice(2, 7);
const person = `Vera Across ${suffix}`;
const names = { clean: `Harbour corridor ${suffix}`, edited: `River corridor ${suffix}` };
const ids = { clean: '', edited: '' };
const createdAt = { clean: '', edited: '' };
const READER_ZONE = 'Pacific/Kiritimati';

/** The minute of an instant as a datetime-local input in the reader's zone shows it ("YYYY-MM-DDTHH:mm"). */
function readerMinute(instant: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: READER_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

let browser: Browser;
let db: pg.Client;

async function send(session: Session, id: string, command: Record<string, unknown>): Promise<void> {
  const reply = await session.post(`/api/partnerships/${id}/commands`, command);
  if (reply.status !== 200) throw new Error(`${String(command.type)}: ${reply.status} ${JSON.stringify(reply.body)}`);
}

beforeAll(async () => {
  browser = await launchChromium();
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  const admin = await login(DEMO.admin);
  const organizationIds = ((await admin.get(`/api/organizations?${listQuery({ active: true })}`)).body as { id: string }[]).slice(0, 2).map((organization) => organization.id);
  const sponsor = ((await admin.get(`/api/users?${listQuery({ role: 'sponsor', active: true })}`)).body as { id: string }[])[0]!;
  const email = directory.email('vera');
  const created = await admin.post('/api/users', { email, name: person, role: 'coordinator', organizationId: organizationIds[0], password: DEMO_PASSWORD });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  const coordinator = await login(email);
  for (const key of ['clean', 'edited'] as const) {
    const reply = await coordinator.post('/api/partnerships', { name: names[key], sponsorId: sponsor.id, organizationIds });
    if (reply.status !== 201) throw new Error(`create: ${reply.status} ${JSON.stringify(reply.body)}`);
    ids[key] = reply.body.id as string;
    await send(coordinator, ids[key], { type: 'RecordGoals', goals: smartGoals(), scope: 'The harbour district' });
    createdAt[key] = ((await coordinator.get(`/api/events?${listQuery({ partnershipId: ids[key], type: 'PartnershipCreated' })}`)).body as { occurredAt: string }[])[0]!.occurredAt;
  }
  await withGuardOff(db, 'partnership_events', () => db.query(`UPDATE partnership_events SET payload = jsonb_set(payload, '{scope}', '"the whole county"') WHERE partnership_id = $1 AND sequence = 2`, [ids.edited]));
});

afterAll(async () => {
  await browser?.close();
  await directory.remove();
  await db?.end();
});

const noSidewaysScroll = (page: Page, width: number) =>
  expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${width} px scrolls sideways` }).toBe(0);

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

describe('the auditor across partnerships', () => {
  for (const width of [1440, 390]) {
    it(`follows one person across two partnerships, then verifies every partnership and finds the edited one broken (${width} px)`, async () => {
      // Far from the server's UTC, so a time typed in the reader's zone that reached the API unconverted would show.
      const page = await browser.newPage({ viewport: { width, height: 900 }, timezoneId: READER_ZONE });
      try {
        await signIn(page, DEMO.auditor);
        if (width > 900) await page.getByRole('menuitem', { name: 'Activity by person' }).click();
        else await page.goto(`${inject('apiUrl')}/#/events`);
        await page.getByText('Choose a person').waitFor();

        await page.getByRole('combobox', { name: 'Person' }).fill(person);
        await page.getByRole('option', { name: `${person} (Coordinator)` }).click();
        // Created and goals recorded in each partnership, newest first: the edited one was created last.
        const summaries = page.getByText(/^(Created "|2 goals recorded)/);
        await expect.poll(() => summaries.count()).toBe(4);
        expect(await summaries.first().textContent()).toMatch(/^2 goals recorded/);
        for (const name of Object.values(names)) expect(await page.getByRole('link', { name }).count()).toBe(2);
        await noSidewaysScroll(page, width);
        await screenshot(page, `activity-by-person-${width}`);

        await choose(page, page, 'Event type', 'Partnership closed');
        await page.getByText(`${person} did nothing here`).waitFor();
        await page.getByText('No event of theirs matches the type and time range chosen.', { exact: false }).waitFor();
        await choose(page, page, 'Event type', 'Partnership created');
        await expect.poll(() => summaries.count()).toBe(2);
        // A range ending the minute before the first creation holds nothing; one ending in the minute of the
        // second holds both, though that creation came seconds into its minute.
        const to = page.getByLabel('To', { exact: true });
        await to.fill(readerMinute(Date.parse(createdAt.clean) - 60_000));
        await page.getByText(`${person} did nothing here`).waitFor();
        await to.fill(readerMinute(Date.parse(createdAt.edited)));
        await expect.poll(() => summaries.count()).toBe(2);
        await page.getByRole('link', { name: names.clean }).click();
        await page.waitForURL((url) => url.hash === `#/partnerships/${ids.clean}/show`);

        if (width > 900) await page.getByRole('menuitem', { name: 'Verify all' }).click();
        else await page.goto(`${inject('apiUrl')}/#/verification`);
        await page.getByRole('button', { name: 'Verify all' }).click();
        await page.getByRole('status').filter({ hasText: /^Checked (\d+) of \1 partnerships? at / }).waitFor();
        const results = page.getByRole(width > 900 ? 'table' : 'list', { name: 'Verification results' });
        const edited = results.getByRole(width > 900 ? 'row' : 'listitem').filter({ has: page.getByRole('link', { name: names.edited }) });
        await expect.poll(() => edited.locator('[data-verdict]').getAttribute('data-verdict')).toBe('broken');
        expect(await edited.textContent()).toContain('Event 2 is not as it was written');
        expect(await results.getByRole('link', { name: names.clean }).count()).toBe(0);
        await page.getByText(/did not verify\.$/).waitFor();
        await noSidewaysScroll(page, width);
        await screenshot(page, `verify-all-${width}`);

        await page.getByLabel(/^Show the \d+ valid too$/).check();
        const clean = results.getByRole(width > 900 ? 'row' : 'listitem').filter({ has: page.getByRole('link', { name: names.clean }) });
        expect(await clean.locator('[data-verdict]').getAttribute('data-verdict')).toBe('valid');
        await edited.getByRole('link', { name: names.edited }).click();
        await page.waitForURL((url) => url.hash === `#/partnerships/${ids.edited}/show`);
      } finally {
        await page.close();
      }
    });
  }

  it('takes the admin from a user’s row (1440 px) and a user’s page (390 px) to what that person did', async () => {
    const admin = await login(DEMO.admin);
    const vera = ((await admin.get(`/api/users?${listQuery({ q: person })}`)).body as { id: string }[])[0]!;
    for (const [width, from] of [
      [1440, `/#/users?filter=${encodeURIComponent(JSON.stringify({ q: person }))}`],
      [390, `/#/users/${vera.id}`],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await signIn(page, DEMO.admin);
        await page.goto(`${inject('apiUrl')}${from}`);
        const seeActivity = page.getByRole('link', { name: `See the activity of ${person}` });
        await seeActivity.waitFor();
        await noSidewaysScroll(page, width);
        await screenshot(page, `users-see-activity-${width}`);
        await seeActivity.click();
        await page.waitForURL((url) => url.hash.startsWith('#/events'));
        await expect.poll(() => page.getByText(/^(Created "|2 goals recorded)/).count()).toBe(4);
        expect(await page.getByRole('combobox', { name: 'Person' }).inputValue()).toBe(`${person} (Coordinator)`);
      } finally {
        await page.close();
      }
    }
  });
});
