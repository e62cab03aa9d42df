/**
 * Notifications that reach people, in a real browser, on a desk (1440 px) and on a phone (390 px):
 * a person chooses email as a daily digest under "My notifications"; an admin registers a webhook
 * for an organization, sees a stage change in its delivery log with every attempt, and redelivers
 * it; the admin reads the sent email. The person finds neither webhooks nor sent email.
 * SCREENSHOT_DIR=<folder> keeps the screens.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signIn } from '../support/browser.js';
import { testDirectory } from '../support/directory.js';
import { DEMO, eventually, listQuery, login, request, type Session } from '../support/http.js';
import { FAST_POLICY, openTaskOf, submitGoals } from '../support/partnerships.js';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const PASSWORD = 'correct horse battery';
const directory = testDirectory('notify-e2e');

let browser: Browser;
let admin: Session;
let receiver: Server;
let receiverUrl: string;
const receivedIds: string[] = [];
let organizationId: string;
let organizationName: string;
let riversideId: string;
const toHold: { session: Session; id: string }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  admin = await login(DEMO.admin);
  const organizations = (await admin.get(`/api/organizations?${listQuery({})}`)).body as { id: string; name: string }[];
  riversideId = organizations.find((organization) => organization.name.startsWith('Riverside'))!.id;
  organizationName = directory.organizationName('Bayside Care');
  const organization = await admin.post('/api/organizations', { name: organizationName, kind: 'nonprofit' });
  expect(organization.status).toBe(201);
  organizationId = organization.body.id;
  receiver = createServer((req, res) => {
    receivedIds.push(String(req.headers['webhook-id']));
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bayside`;
});

afterAll(async () => {
  for (const { session, id } of toHold) await session.post(`/api/partnerships/${id}/commands`, { type: 'PutOnHold', reason: 'test over' });
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  const db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  try {
    const subscriptions = 'SELECT id FROM webhook_subscriptions WHERE organization_id = $1';
    await db.query(`DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscription_id IN (${subscriptions}))`, [organizationId]);
    await db.query(`DELETE FROM webhook_deliveries WHERE subscription_id IN (${subscriptions})`, [organizationId]);
    await db.query('DELETE FROM webhook_subscriptions WHERE organization_id = $1', [organizationId]);
    await db.query('DELETE FROM notification_preferences WHERE user_id IN (SELECT id FROM users WHERE organization_id = $1)', [organizationId]);
  } finally {
    await db.end();
  }
  await directory.remove();
});

async function watchedPage(width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

async function shot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

async function createPerson(role: 'sponsor' | 'coordinator') {
  const email = directory.email(role);
  const reply = await admin.post('/api/users', { email, name: `Bayside ${role}`, password: PASSWORD, role, organizationId });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { email, session: await login(email, { password: PASSWORD }) };
}

describe.each([1440, 390])('notifications in the console at %i px', (width) => {
  it('lets a person choose a daily email digest, and keeps webhooks and sent email from them', async () => {
    const person = await createPerson('sponsor');
    const { page, errors } = await watchedPage(width);
    try {
      await signIn(page, person.email, PASSWORD);
      if (width >= 900) await page.getByRole('menuitem', { name: 'My notifications' }).click();
      else await page.goto(`${inject('apiUrl')}/#/notification-settings`);
      await page.getByRole('heading', { name: 'Where your reminders and escalations go' }).waitFor();
      await page.getByText('Not chosen yet').waitFor();
      // Neither channel: the page says so and will not save.
      await page.getByRole('checkbox', { name: /In the console/ }).uncheck();
      await page.getByText('choose at least one channel').waitFor();
      expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
      await page.getByRole('checkbox', { name: /By email/ }).check();
      await page.getByRole('radio', { name: 'One digest email a day' }).check();
      await page.getByText('will not appear in the console').waitFor();
      await page.getByRole('checkbox', { name: /In the console/ }).check();
      await shot(page, `notification-settings-${width}`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Your notification settings are saved').waitFor();
      await page.reload();
      await page.getByText(/^Last changed/).waitFor();
      expect(await page.getByRole('radio', { name: 'One digest email a day' }).isChecked()).toBe(true);
      expect((await person.session.get('/api/notification-preferences')).body).toMatchObject({ inApp: true, email: true, cadence: 'daily' });

      if (width >= 900) expect(await page.getByRole('menuitem', { name: 'Webhooks' }).count()).toBe(0);
      await page.goto(`${inject('apiUrl')}/#/webhooks`);
      await page.getByText('Webhooks are registered by an administrator.').waitFor();
      await page.goto(`${inject('apiUrl')}/#/sent-email`);
      await page.getByText('Sent email is read by an administrator').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('lets the admin register a webhook for an organization, read its delivery log and redeliver', async () => {
    const { page, errors } = await watchedPage(width);
    try {
      await signIn(page, DEMO.admin);
      await page.goto(`${inject('apiUrl')}/#/webhooks/create`);
      await page.getByRole('combobox', { name: 'Organization' }).fill(organizationName.slice(0, 30));
      await page.getByRole('option', { name: organizationName }).click();
      await page.getByLabel(/^URL/).fill(receiverUrl);
      await page.getByLabel(/^Description/).fill(`Intake at ${width} px`);
      await shot(page, `webhook-create-${width}`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
      await page.getByText('Nothing sent yet').waitFor();
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => page.getByLabel('Signing secret').textContent()).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
      const webhookId = /#\/webhooks\/([^/]+)\/show/.exec(page.url())![1]!;

      // A stage change of a partnership Bayside Care is in: PRIORITY_SETTING → LISTENING.
      // Its sponsor wants email at once: the approval's first reminder (2 s) is queued for the outbox.
      const sponsor = await createPerson('sponsor');
      await request('PUT', '/api/notification-preferences', { token: sponsor.session.token, body: { inApp: true, email: true, cadence: 'immediate' } });
      const coordinator = await login(DEMO.coordinator);
      const created = await coordinator.post('/api/partnerships', {
        name: `Bayside ${width} ${Math.random().toString(36).slice(2, 6)}`,
        description: 'Webhooks in the console',
        sponsorId: sponsor.session.user.id,
        organizationIds: [riversideId, organizationId],
        policy: FAST_POLICY,
      });
      expect(created.status).toBe(201);
      toHold.push({ session: coordinator, id: created.body.id });
      await submitGoals(coordinator, created.body.id);
      await eventually('the reminder email queued', async () => {
        const outbox = await admin.get(`/api/sent-email?${listQuery({ userId: sponsor.session.user.id })}`);
        return outbox.body.length > 0 ? true : undefined;
      });
      const task = await openTaskOf(sponsor.session, created.body.id);
      expect((await sponsor.session.post(`/api/tasks/${task!.id}/complete`, { decision: 'approve' })).status).toBe(200);

      const deliveries = page.getByRole('list', { name: 'Deliveries' });
      const row = deliveries.getByRole('listitem', { name: 'partnership.stage_changed delivered' });
      await row.waitFor({ timeout: 30_000 });
      await row.getByText(created.body.name).waitFor();
      await row.getByRole('button', { name: 'Attempts' }).click();
      await row.getByText(/Round 1, attempt 1: answered 204/).waitFor();
      await shot(page, `webhook-delivery-log-${width}`);
      const before = receivedIds.length;
      await row.getByRole('button', { name: 'Redeliver' }).click();
      await page.getByText('Queued again').waitFor();
      await row.getByText(/Round 2, attempt 1: answered 204/).waitFor({ timeout: 30_000 });
      const log = await admin.get(`/api/webhook-deliveries?${listQuery({ webhookId, eventType: 'partnership.stage_changed' })}`);
      expect(log.body).toHaveLength(1);
      expect(log.body[0]).toMatchObject({ status: 'delivered', round: 2, attempts: 2 });
      // The same message twice, under one webhook-id.
      const { messageId } = (await admin.get(`/api/webhook-deliveries/${log.body[0].id}`)).body as { messageId: string };
      expect(receivedIds.slice(before)).toContain(messageId);
      expect(receivedIds.filter((id) => id === messageId)).toHaveLength(2);

      // From the organization's page to its webhooks.
      await page.goto(`${inject('apiUrl')}/#/organizations/${organizationId}`);
      await page.getByRole('link', { name: 'Webhooks' }).last().click();
      await page.waitForURL(/#\/webhooks\?filter=/);
      await page.getByText(receiverUrl).first().waitFor();
      await shot(page, `webhooks-${width}`);
      await page.goto(`${inject('apiUrl')}/#/sent-email`);
      await page.getByPlaceholder('Subject or address').waitFor();
      await page.getByText(`Reminder — ${created.body.name}`).first().waitFor();
      await shot(page, `sent-email-${width}`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
