import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTIFICATION_PREFERENCE,
  WEBHOOK_RETRY,
  createWebhookSchema,
  digestEmail,
  isDelivered,
  notificationEmail,
  notificationPreferenceSchema,
  retryDelays,
  routeNotification,
  updateWebhookSchema,
  webhookMessageId,
} from './notification-delivery.js';

const ORG = '0b7c9e52-4a8f-4a8e-9f1e-3b1d5c6a7e80';

describe('routeNotification', () => {
  it.each([
    [{ inApp: true, email: false, cadence: 'immediate' } as const, true, { inApp: true, email: 'none' }],
    [{ inApp: false, email: true, cadence: 'immediate' } as const, true, { inApp: false, email: 'now' }],
    [{ inApp: true, email: true, cadence: 'daily' } as const, true, { inApp: true, email: 'digest' }],
    [{ inApp: true, email: true, cadence: 'immediate' } as const, false, { inApp: true, email: 'none' }],
  ])('%o, active %s → %o', (preference, active, routing) => {
    expect(routeNotification(preference, active)).toEqual(routing);
  });

  it('keeps notifications in the console, without email, for a person who never chose', () => {
    expect(routeNotification(DEFAULT_NOTIFICATION_PREFERENCE, true)).toEqual({ inApp: true, email: 'none' });
  });
});

describe('notificationPreferenceSchema', () => {
  it('needs at least one channel, and a known cadence', () => {
    expect(notificationPreferenceSchema.safeParse({ inApp: false, email: true, cadence: 'daily' }).success).toBe(true);
    const none = notificationPreferenceSchema.safeParse({ inApp: false, email: false, cadence: 'daily' });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.path).toEqual(['inApp']);
    expect(notificationPreferenceSchema.safeParse({ inApp: true, email: true, cadence: 'weekly' }).success).toBe(false);
    expect(notificationPreferenceSchema.safeParse({ inApp: true, email: true, cadence: 'daily', extra: 1 }).success).toBe(false);
  });
});

describe('webhook subscriptions', () => {
  it.each(['https://hooks.example.org/partnerships', 'http://127.0.0.1:8080/x?y=1', 'https://[::1]:9000/'])('accepts %s', (url) => {
    expect(createWebhookSchema.safeParse({ organizationId: ORG, url }).success).toBe(true);
  });

  it.each(['ftp://example.org', 'https://user:pw@example.org/', 'example.org/hook', 'https://', 'javascript:alert(1)'])('refuses %s', (url) => {
    expect(createWebhookSchema.safeParse({ organizationId: ORG, url }).success).toBe(false);
  });

  it('subscribes to every event type unless told, each once', () => {
    expect(createWebhookSchema.parse({ organizationId: ORG, url: 'https://a.example' }).eventTypes).toEqual(['notification.created', 'partnership.stage_changed']);
    expect(createWebhookSchema.parse({ organizationId: ORG, url: 'https://a.example', eventTypes: ['partnership.stage_changed', 'partnership.stage_changed'] }).eventTypes).toEqual([
      'partnership.stage_changed',
    ]);
    expect(createWebhookSchema.safeParse({ organizationId: ORG, url: 'https://a.example', eventTypes: [] }).success).toBe(false);
  });

  it('changes at least one field', () => {
    expect(updateWebhookSchema.safeParse({}).success).toBe(false);
    expect(updateWebhookSchema.safeParse({ active: false }).success).toBe(true);
  });

  it('names each message by its delivery, the same on every attempt', () => {
    expect(webhookMessageId('0b7c9e52-4a8f-4a8e-9f1e-3b1d5c6a7e80')).toBe('msg_0b7c9e524a8f4a8e9f1e3b1d5c6a7e80');
  });
});

describe('retries', () => {
  it('wait twice as long each time, up to the maximum, one fewer than the attempts', () => {
    expect(retryDelays({ initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 5000, maximumAttempts: 5 })).toEqual([1000, 2000, 4000, 5000]);
    expect(retryDelays()).toHaveLength(WEBHOOK_RETRY.maximumAttempts - 1);
  });

  it('deliver on 2xx only', () => {
    expect([199, 200, 204, 299, 300, 404, 500].map(isDelivered)).toEqual([false, true, true, true, false, false, false]);
  });
});

describe('emails', () => {
  const reminder = { kind: 'reminder' as const, message: 'Reminder: "Approve" is due soon', partnershipName: 'Health\ncorridor', createdAt: '2026-03-01T09:00:00.000Z' };

  it('name the kind and the partnership in one subject line', () => {
    const email = notificationEmail(reminder);
    expect(email.subject).toBe('[Partnership Engine] Reminder — Health corridor');
    expect(email.text).toContain(reminder.message);
    expect(email.text).toContain('My notifications');
  });

  it('gather a day in one digest, oldest first, counted', () => {
    const later = { ...reminder, kind: 'escalation' as const, message: 'Escalation (level 1)', createdAt: '2026-03-01T12:00:00.000Z' };
    const email = digestEmail('2026-03-02', [later, reminder]);
    expect(email.subject).toBe('[Partnership Engine] Your daily digest for 2026-03-02: 2 notifications');
    const lines = email.text.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toEqual([
      '- 2026-03-01T09:00:00.000Z · Health corridor · Reminder: Reminder: "Approve" is due soon',
      '- 2026-03-01T12:00:00.000Z · Health corridor · Escalation: Escalation (level 1)',
    ]);
    expect(digestEmail('2026-03-02', [reminder]).subject).toContain('1 notification');
  });
});
