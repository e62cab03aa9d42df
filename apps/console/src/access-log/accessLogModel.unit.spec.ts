import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIONS } from '@pe/domain';
import { accessLabel, actionChoices, actorLabel } from './accessLogModel';

describe('the access log in words', () => {
  it('says what was done, naming the format of an export', () => {
    expect(accessLabel({ action: 'export', format: 'dossier' })).toBe('Exported the dossier (HTML)');
    expect(accessLabel({ action: 'export', format: 'csv' })).toBe('Exported the events (CSV)');
    expect(accessLabel({ action: 'verify', format: null })).toBe('Verified the record');
    expect(accessLabel({ action: 'verify-all', format: null, detail: {} })).toBe('Verified every partnership');
    expect(accessLabel({ action: 'verify-all', format: null, detail: { after: '5d1f6c1e-0000-4000-8000-000000000000', limit: '50' } })).toBe('Verified every partnership (a further page)');
    expect(accessLabel({ action: 'something-new', format: null })).toBe('something-new');
  });

  it('says how each sign-in went, with the email tried, never more', () => {
    const email = 'ana@example.org';
    expect(accessLabel({ action: 'sign-in', format: null, email, detail: { email } })).toBe('Signed in as ana@example.org');
    expect(accessLabel({ action: 'sign-in-failed', format: null, email, detail: { email, reason: 'credentials' } })).toBe('Failed sign-in as ana@example.org (wrong email or password)');
    expect(accessLabel({ action: 'sign-in-failed', format: null, email, detail: { email, reason: 'credentials', locked: true } })).toBe(
      'Failed sign-in as ana@example.org (wrong email or password): the email is now locked',
    );
    expect(accessLabel({ action: 'sign-in-failed', format: null, email, detail: { email, reason: 'deactivated' } })).toBe('Failed sign-in as ana@example.org (the account is deactivated)');
    expect(accessLabel({ action: 'sign-in-failed', format: null, email, detail: { email, reason: 'unheard-of' } })).toBe('Failed sign-in as ana@example.org');
    expect(accessLabel({ action: 'sign-in-locked', format: null, email, detail: { email } })).toBe('Sign-in refused as ana@example.org: the email is locked after repeated failures');
    expect(accessLabel({ action: 'sign-in-rate-limited', format: null, email, detail: { email } })).toBe('Sign-in refused as ana@example.org: too many failures from this address');
  });

  it('offers every action of the access log as a filter, each with its own label', () => {
    expect(actionChoices.map((choice) => choice.id)).toEqual([...ACCESS_ACTIONS]);
    expect(new Set(actionChoices.map((choice) => choice.name)).size).toBe(ACCESS_ACTIONS.length);
  });

  it('says an attempt was refused, and why', () => {
    expect(accessLabel({ action: 'export', format: 'json', outcome: 'refused', refusal: '404 RESOURCE.NOT_FOUND' })).toBe('Tried to export the events (JSON): refused (404 RESOURCE.NOT_FOUND)');
    expect(accessLabel({ action: 'export', format: 'pdf', outcome: 'refused', refusal: '400 REQUEST.MALFORMED' })).toBe('Tried to export the record: refused (400 REQUEST.MALFORMED)');
    expect(accessLabel({ action: 'verify', format: null, outcome: 'refused', refusal: '404 RESOURCE.NOT_FOUND' })).toBe('Tried to verify the record: refused (404 RESOURCE.NOT_FOUND)');
    expect(accessLabel({ action: 'export', format: 'csv', outcome: 'served', refusal: null })).toBe('Exported the events (CSV)');
  });

  it('says who, with their role', () => {
    expect(actorLabel({ actorName: 'Avery Auditor', actorId: 'u1', actorRole: 'auditor' })).toBe('Avery Auditor (Auditor)');
    expect(actorLabel({ actorName: null, actorId: 'u1', actorRole: 'partner' })).toBe('u1 (Partner representative)');
    expect(actorLabel({ actorName: null, actorId: null, actorRole: null })).toBe('No account');
  });
});
