import { describe, expect, it } from 'vitest';
import { attemptOutcome, deliverySummary, toWebhookBody } from './webhookModel';

describe('webhook deliveries in words', () => {
  it.each([
    [{ status: 'pending', attempts: 0, round: 1, lastStatusCode: null, lastError: null }, 'Queued'],
    [{ status: 'pending', attempts: 2, round: 1, lastStatusCode: 500, lastError: 'answered 500' }, 'Retrying (2 attempts; last: answered 500)'],
    [{ status: 'delivered', attempts: 1, round: 2, lastStatusCode: 204, lastError: null }, 'Delivered (1 attempt, round 2)'],
    [{ status: 'failed', attempts: 8, round: 1, lastStatusCode: null, lastError: 'fetch failed: ECONNREFUSED' }, 'Failed after 8 attempts: fetch failed: ECONNREFUSED'],
  ] as const)('%o → %s', (delivery, words) => {
    expect(deliverySummary(delivery)).toBe(words);
  });

  it('says what an attempt got', () => {
    expect(attemptOutcome({ statusCode: 204, error: null })).toBe('answered 204');
    expect(attemptOutcome({ statusCode: 500, error: 'answered 500' })).toBe('answered 500');
    expect(attemptOutcome({ statusCode: null, error: null })).toBe('no answer');
  });

  it('sends the organization only on create, the active flag only on edit', () => {
    const data = { organizationId: 'o', url: 'https://x', description: 'd', eventTypes: ['notification.created' as const], active: false };
    expect(toWebhookBody(data, true)).toEqual({ organizationId: 'o', url: 'https://x', description: 'd', eventTypes: ['notification.created'] });
    expect(toWebhookBody(data, false)).toEqual({ url: 'https://x', description: 'd', eventTypes: ['notification.created'], active: false });
  });
});

describe('emails in words', () => {
  it('calls a pending email that already failed retrying', async () => {
    const { emailStateLabel } = await import('../sent-email/sentEmailModel');
    expect(emailStateLabel({ status: 'pending', attempts: 0 })).toBe('Sending');
    expect(emailStateLabel({ status: 'pending', attempts: 2 })).toBe('Retrying');
    expect(emailStateLabel({ status: 'held', attempts: 0 })).toBe('Held for digest');
  });
});
