/**
 * Notifications that reach people, against real servers: an SMTP server this file starts (on the
 * port the stack's workers send to) receives the reminders of a person who chose email, and the
 * daily digest of one who chose it once the digest schedule runs; an HTTP receiver this file starts
 * gets an organization's webhook messages, each verified with the standardwebhooks verifier, the
 * first answered 500 and delivered by the retry; the delivery log shows every attempt, and a manual
 * redelivery sends the same message again. Preferences and webhooks are validated, and admin-only.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '@pe/devstack';
import { DIGEST_SCHEDULE_ID } from '@pe/workflows';
import { testDirectory } from '../support/directory.js';
import { DEMO, eventually, listQuery, login, request, type Reply, type Session } from '../support/http.js';
import { FAST_POLICY, openTaskOf, submitGoals } from '../support/partnerships.js';
import { connectTemporal } from '../support/temporal.js';

const PASSWORD = 'correct horse battery';
const directory = testDirectory('notify');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

let admin: Session;
let sponsor: Session;
let coordinator: Session;
let organizationId: string;
let riversideId: string;
let smtp: SmtpCapture;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let partnershipId: string;

const put = (session: Session, path: string, body: unknown): Promise<Reply> => request('PUT', path, { token: session.token, body });

async function createUser(role: 'sponsor' | 'coordinator') {
  const email = directory.email(role);
  const reply = await admin.post('/api/users', { email, name: `Notify ${role}`, password: PASSWORD, role, organizationId });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return login(email, { password: PASSWORD });
}

beforeAll(async () => {
  admin = await login(DEMO.admin);
  const organizations = (await admin.get(`/api/organizations?${listQuery({})}`)).body as { id: string; name: string }[];
  riversideId = organizations.find((organization) => organization.name.startsWith('Riverside'))!.id;
  const organization = await admin.post('/api/organizations', { name: directory.organizationName('Harbour Health'), kind: 'nonprofit' });
  expect(organization.status).toBe(201);
  organizationId = organization.body.id;
  sponsor = await createUser('sponsor');
  coordinator = await createUser('coordinator');

  // The SMTP server refuses the first message (451, try later): the email is retried.
  smtp = await startSmtpCapture({ port: inject('smtpPort'), refuse: (count) => (count === 1 ? 'Mailbox busy, try again later' : null) });
  // The receiver answers the very first message 500, every later one 204.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = received.length === 0 ? 500 : 204;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.writeHead(answered).end(answered === 500 ? 'not now' : undefined);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/partnerships`;
});

afterAll(async () => {
  if (partnershipId) await coordinator?.post(`/api/partnerships/${partnershipId}/commands`, { type: 'PutOnHold', reason: 'test over' });
  await smtp?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  const db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  try {
    const subscriptions = `SELECT id FROM webhook_subscriptions WHERE organization_id = $1`;
    await db.query(`DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscription_id IN (${subscriptions}))`, [organizationId]);
    await db.query(`DELETE FROM webhook_deliveries WHERE subscription_id IN (${subscriptions})`, [organizationId]);
    await db.query('DELETE FROM webhook_subscriptions WHERE organization_id = $1', [organizationId]);
    await db.query('DELETE FROM notification_preferences WHERE user_id IN (SELECT id FROM users WHERE organization_id = $1)', [organizationId]);
  } finally {
    await db.end();
  }
  await directory.remove();
});

describe('notification preferences', () => {
  it('start as in the console only, at once, and are each person\'s own to set', async () => {
    expect((await sponsor.get('/api/notification-preferences')).body).toEqual({ inApp: true, email: false, cadence: 'immediate', updatedAt: null });
    const set = await put(sponsor, '/api/notification-preferences', { inApp: false, email: true, cadence: 'immediate' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ inApp: false, email: true, cadence: 'immediate' });
    expect((await sponsor.get('/api/notification-preferences')).body).toMatchObject({ inApp: false, email: true, cadence: 'immediate' });
    expect((await put(coordinator, '/api/notification-preferences', { inApp: true, email: true, cadence: 'daily' })).status).toBe(200);
  });

  it('refuse no channel at all, and anything malformed, naming the field', async () => {
    const none = await put(sponsor, '/api/notification-preferences', { inApp: false, email: false, cadence: 'daily' });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'REQUEST.MALFORMED', errors: { inApp: expect.stringContaining('at least one channel') } });
    const bad = await put(sponsor, '/api/notification-preferences', { inApp: true, email: 'yes', cadence: 'hourly' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['cadence', 'email']);
  });
});

describe('webhooks', () => {
  it('are registered by an admin only, with a valid URL and event types', async () => {
    expect((await sponsor.get('/api/webhooks')).status).toBe(403);
    expect((await sponsor.post('/api/webhooks', { organizationId, url: receiverUrl })).status).toBe(403);
    const bad = await admin.post('/api/webhooks', { organizationId, url: 'ftp://user:pw@example.org', eventTypes: ['task.opened'] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['eventTypes.0', 'url']);
    const unknown = await admin.post('/api/webhooks', { organizationId: '7d9f0a5e-1c55-4b8e-8d3f-00000000dead', url: receiverUrl });
    expect(unknown.status).toBe(422);
  });

  it('post every notification and stage change as a signed Standard Webhooks message, retried after a 500', async () => {
    const registered = await admin.post('/api/webhooks', { organizationId, url: receiverUrl, description: 'Harbour Health intake' });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body).toMatchObject({ organizationId, url: receiverUrl, eventTypes: ['notification.created', 'partnership.stage_changed'], active: true });
    const secret = registered.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    const webhookId = registered.body.id as string;

    // A partnership of Riverside and Harbour Health, sponsored by Harbour Health's sponsor: the
    // approval task's reminders (2 s, 3 s, then every 2 s) reach the sponsor, its escalation (6 s)
    // the coordinator.
    const created = await coordinator.post('/api/partnerships', {
      name: `Notify ${Math.random().toString(36).slice(2, 8)}`,
      description: 'Notifications that reach people',
      sponsorId: sponsor.user.id,
      organizationIds: [riversideId, organizationId],
      policy: FAST_POLICY,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    partnershipId = created.body.id;
    await submitGoals(coordinator, partnershipId);

    // The sponsor chose email only: the reminder arrives by email, and not in the console.
    const email = await smtp.next((message) => message.to.includes(sponsor.user.email) && message.subject.includes('Reminder'), 60_000);
    expect(email.subject).toContain(created.body.name);
    expect(email.text).toContain('Reminder: "Approve the priorities');
    const inbox = await sponsor.get(`/api/notifications?${listQuery({ partnershipId })}`);
    expect(inbox.body).toEqual([]);
    // The first email was refused once, then sent by the retry; the outbox says so.
    const retriedEmail = await eventually('the refused email sent by its retry', async () => {
      const sent = await admin.get(`/api/sent-email?${listQuery({ userId: sponsor.user.id, status: 'sent' })}`);
      return (sent.body as { attempts: number; subject: string }[]).find((row) => row.attempts === 2);
    }, 60_000);
    expect(retriedEmail.subject).toContain(created.body.name);

    // An escalation reaches the coordinator, held for the daily digest.
    await eventually('the escalation held for the digest', async () => {
      const held = await admin.get(`/api/sent-email?${listQuery({ userId: coordinator.user.id, status: 'held' })}`);
      return held.body.length > 0 ? held.body : undefined;
    });

    // The sponsor approves: PRIORITY_SETTING → LISTENING.
    const task = await openTaskOf(sponsor, partnershipId);
    expect((await sponsor.post(`/api/tasks/${task!.id}/complete`, { decision: 'approve' })).status).toBe(200);

    const verifier = new Webhook(secret);
    const messages = () =>
      received.map((message) => ({
        ...message,
        payload: verifier.verify(message.body, {
          'webhook-id': String(message.headers['webhook-id']),
          'webhook-timestamp': String(message.headers['webhook-timestamp']),
          'webhook-signature': String(message.headers['webhook-signature']),
        }) as { type: string; timestamp: string; data: Record<string, unknown> },
      }));
    const stageChange = await eventually(
      'the stage change',
      async () => messages().find((message) => message.payload.type === 'partnership.stage_changed' && message.payload.data.partnershipId === partnershipId),
      60_000,
    );
    expect(stageChange.payload.data).toMatchObject({ from: 'PRIORITY_SETTING', to: 'LISTENING', eventType: expect.any(String) });
    const notification = await eventually('a notification', async () =>
      messages().find((message) => message.payload.type === 'notification.created' && message.payload.data.partnershipId === partnershipId),
    );
    expect(notification.payload.data).toMatchObject({ kind: expect.stringMatching(/reminder|escalation/), recipient: { organizationId } });

    // A signature under another secret does not verify.
    expect(() => new Webhook(`whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`).verify(stageChange.body, stageChange.headers as Record<string, string>)).toThrow();

    // The first message was answered 500; Temporal retried it, and the retry was delivered with the same webhook-id.
    const first = received[0]!;
    expect(first.answered).toBe(500);
    const retried = await eventually('the retry of the first message', async () => received.slice(1).find((message) => message.headers['webhook-id'] === first.headers['webhook-id']), 60_000);
    expect(retried.body).toBe(first.body);
    const deliveryId = await eventually('the delivered row', async () => {
      const log = await admin.get(`/api/webhook-deliveries?${listQuery({ webhookId, status: 'delivered' }, ['createdAt', 'ASC'])}`);
      const row = (log.body as { id: string; attempts: number }[]).find((delivery) => delivery.attempts === 2);
      return row?.id;
    });
    const detail = await admin.get(`/api/webhook-deliveries/${deliveryId}`);
    expect(detail.body.messageId).toBe(first.headers['webhook-id']);
    expect(detail.body.attemptLog.map((attempt: { round: number; attempt: number; statusCode: number }) => [attempt.round, attempt.attempt, attempt.statusCode])).toEqual([
      [1, 1, 500],
      [1, 2, 204],
    ]);
    expect(detail.body.attemptLog[0].responseExcerpt).toBe('not now');

    // Redelivered by hand: a second round, the same message again.
    const before = received.filter((message) => message.headers['webhook-id'] === first.headers['webhook-id']).length;
    const redelivered = await admin.post(`/api/webhook-deliveries/${deliveryId}/redeliver`);
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({ status: 'pending', round: 2 });
    await eventually('the redelivery', async () => (received.filter((message) => message.headers['webhook-id'] === first.headers['webhook-id']).length > before ? true : undefined));
    const after = await eventually('round 2 logged', async () => {
      const reply = await admin.get(`/api/webhook-deliveries/${deliveryId}`);
      return reply.body.status === 'delivered' && reply.body.round === 2 ? reply.body : undefined;
    });
    expect(after.attemptLog.at(-1)).toMatchObject({ round: 2, attempt: 1, statusCode: 204 });
    expect((await sponsor.post(`/api/webhook-deliveries/${deliveryId}/redeliver`)).status).toBe(403);

    // Paused, the webhook is queued nothing more: the next reminders of a new partnership reach the sponsor, not it.
    const paused = await put(admin, `/api/webhooks/${webhookId}`, { active: false });
    expect(paused.body).toMatchObject({ active: false });
    const queued = (await admin.get(`/api/webhook-deliveries?${listQuery({ webhookId }, ['id', 'ASC'], [0, 499])}`)).headers.get('content-range');
    const second = await coordinator.post('/api/partnerships', {
      name: `Notify paused ${Math.random().toString(36).slice(2, 8)}`,
      description: 'After the webhook is paused',
      sponsorId: sponsor.user.id,
      organizationIds: [riversideId, organizationId],
      policy: FAST_POLICY,
    });
    expect(second.status).toBe(201);
    await submitGoals(coordinator, second.body.id);
    await smtp.next((message) => message.to.includes(sponsor.user.email) && message.subject.includes(second.body.name), 60_000);
    await coordinator.post(`/api/partnerships/${second.body.id}/commands`, { type: 'PutOnHold', reason: 'test over' });
    expect((await admin.get(`/api/webhook-deliveries?${listQuery({ webhookId }, ['id', 'ASC'], [0, 499])}`)).headers.get('content-range')).toBe(queued);
  });

  it('sends the held notifications as one digest email when the digest schedule runs', async () => {
    const { client, connection } = await connectTemporal();
    try {
      await client.schedule.getHandle(DIGEST_SCHEDULE_ID).trigger();
    } finally {
      await connection.close();
    }
    const digest = await smtp.next((message) => message.to.includes(coordinator.user.email) && message.subject.includes('daily digest'), 60_000);
    expect(digest.text).toContain('Escalation');
    const outbox = await admin.get(`/api/sent-email?${listQuery({ userId: coordinator.user.id, kind: 'digest' })}`);
    expect(outbox.body[0]).toMatchObject({ status: 'sent', to: coordinator.user.email });
    const gathered = await admin.get(`/api/sent-email?${listQuery({ userId: coordinator.user.id, status: 'digested' })}`);
    expect(gathered.body.length).toBeGreaterThan(0);
    expect(gathered.body.every((row: { digestId: string }) => row.digestId === outbox.body[0].id)).toBe(true);
    expect((await coordinator.get('/api/sent-email')).status).toBe(403);
  });
});
