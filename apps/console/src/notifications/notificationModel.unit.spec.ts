import { describe, expect, it } from 'vitest';
import { isUnread, localizeInstants, unreadBadge } from './notificationModel';

describe('notifications', () => {
  it('shows the instants a message quotes in the reader’s format, leaving the rest alone', () => {
    const message = 'Reminder: "Approve the priorities" is due 2026-12-01T00:34:58.256Z';
    expect(localizeInstants(message, (date) => `<${date.getTime()}>`)).toBe(`Reminder: "Approve the priorities" is due <${Date.parse('2026-12-01T00:34:58.256Z')}>`);
    expect(localizeInstants('Escalation (level 2): due 2026-12-01T00:34:58Z and 2026-12-02T00:00:00.000Z', () => 'then')).toBe('Escalation (level 2): due then and then');
    expect(localizeInstants('No date in 2026-12-01 here', () => 'x')).toBe('No date in 2026-12-01 here');
  });

  it('counts unread on the badge, capped so it fits', () => {
    expect(unreadBadge(undefined)).toBeNull();
    expect(unreadBadge(0)).toBeNull();
    expect(unreadBadge(3)).toBe('3');
    expect(unreadBadge(12)).toBe('9+');
    expect(isUnread({ readAt: null })).toBe(true);
    expect(isUnread({ readAt: '2030-01-01T00:00:00.000Z' })).toBe(false);
  });
});
