import { describe, expect, it } from 'vitest';
import { accessLabel, actorLabel } from './accessLogModel';

describe('the access log in words', () => {
  it('says what was done, naming the format of an export', () => {
    expect(accessLabel({ action: 'export', format: 'dossier' })).toBe('Exported the dossier (HTML)');
    expect(accessLabel({ action: 'export', format: 'csv' })).toBe('Exported the events (CSV)');
    expect(accessLabel({ action: 'verify', format: null })).toBe('Verified the record');
    expect(accessLabel({ action: 'sign_in', format: null })).toBe('sign_in');
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
    expect(actorLabel({ actorName: null, actorId: null, actorRole: null })).toBe('Not signed in');
  });
});
